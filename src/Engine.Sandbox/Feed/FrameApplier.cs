using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Recording;
using Engine.Sandbox.Exchange;

namespace Engine.Sandbox.Feed;

/// <summary>
/// Turns raw v3 frames into background flow for a <see cref="SandboxExchange"/>, with the engine's codecs:
/// v3_orderbook → background book levels (through a per-market <see cref="BookMirror"/>), v3_trades updates →
/// background trades, v3_markets → market updates. Everything else (connected, accounts, trade history snapshots)
/// is ignored. Frames act at their receive time plus <see cref="TimeShiftNanos"/>.
/// </summary>
public sealed class FrameApplier(SandboxExchange exchange, long timeShiftNanos = 0)
{
    private readonly Dictionary<string, BookMirror> _mirrors = new(StringComparer.Ordinal);
    private readonly List<PublicTrade> _trades = new();
    private readonly List<MarketUpdate> _markets = new();

    public long TimeShiftNanos => timeShiftNanos;

    public FeedStats Stats { get; } = new();

    public void Apply(FrameBatch batch)
    {
        for (int i = 0; i < batch.Count; i++) Apply(batch.Frame(i), batch.ReceivedAt(i));
    }

    /// <summary>Applies one frame received at <paramref name="receivedAt"/> (feed time; the shift is added here).</summary>
    public void Apply(ReadOnlySpan<byte> frame, Timestamp receivedAt)
    {
        Stats.Frames++;
        var at = receivedAt.AddNanos(timeShiftNanos);
        if (!FrameHeaderReader.TryRead(frame, out var header))
        {
            Stats.Malformed++;
            return;
        }
        switch (header.Channel)
        {
            case Channel.Orderbook: ApplyBook(header, frame, at); break;
            case Channel.Trades: ApplyTrades(header, frame, at); break;
            case Channel.Markets: ApplyMarkets(header, frame, at); break;
            default: Stats.Ignored++; break;
        }
    }

    private void ApplyBook(in FrameHeader header, ReadOnlySpan<byte> frame, Timestamp at)
    {
        if (header.Id is not { } market)
        {
            Stats.Malformed++;
            return;
        }
        if (!_mirrors.TryGetValue(market, out var mirror)) _mirrors[market] = mirror = new BookMirror(market);
        mirror.BeginFrame();
        switch (OrderbookCodec.Apply(header, frame, mirror.Book))
        {
            case BookFrameResult.Snapshot:
                Stats.BookSnapshots++;
                Count(exchange.ApplyBackgroundBook(market, isSnapshot: true, mirror.AllLevels(), at));
                break;
            case BookFrameResult.Applied:
                Stats.BookDeltas++;
                var changes = mirror.Changes();
                if (changes.Count > 0) Count(exchange.ApplyBackgroundBook(market, isSnapshot: false, changes, at));
                break;
            case BookFrameResult.Malformed:
                Stats.Malformed++;
                break;
            default:
                Stats.Ignored++;
                break;
        }
    }

    private void ApplyTrades(in FrameHeader header, ReadOnlySpan<byte> frame, Timestamp at)
    {
        // The subscribed snapshot is trade history, not new flow: it must not fill anybody.
        if (header.Type is not (FrameType.ChannelData or FrameType.ChannelBatchData) || header.Id is not { } market || !header.HasContents)
        {
            Stats.Ignored++;
            return;
        }
        _trades.Clear();
        foreach (var contents in Contents(header, frame))
        {
            if (!TradesCodec.TryRead(contents.Span, _trades))
            {
                Stats.Malformed++;
                return;
            }
        }
        Stats.TradeFrames++;
        Stats.BackgroundTrades += _trades.Count;
        if (_trades.Count > 0) Count(exchange.ApplyBackgroundTrades(market, _trades, at));
    }

    private void ApplyMarkets(in FrameHeader header, ReadOnlySpan<byte> frame, Timestamp at)
    {
        if (header.Type is not (FrameType.Subscribed or FrameType.ChannelData or FrameType.ChannelBatchData) || !header.HasContents)
        {
            Stats.Ignored++;
            return;
        }
        _markets.Clear();
        foreach (var contents in Contents(header, frame))
        {
            if (!MarketsCodec.TryRead(contents.Span, _markets, out _))
            {
                Stats.Malformed++;
                return;
            }
        }
        Stats.MarketFrames++;
        foreach (var update in _markets) Count(exchange.ApplyMarketUpdate(update, at));
    }

    private void Count(bool known)
    {
        if (!known) Stats.UnknownMarket++;
    }

    /// <summary>The contents object, or each element of a channel_batch_data contents array.</summary>
    private static List<ReadOnlyMemory<byte>> Contents(in FrameHeader header, ReadOnlySpan<byte> frame)
    {
        var contents = header.Contents(frame);
        if (header.Type != FrameType.ChannelBatchData) return [contents.ToArray()];
        var elements = new List<ReadOnlyMemory<byte>>();
        var reader = new Utf8JsonReader(contents);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return [contents.ToArray()];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) break;
                elements.Add(contents[start..(int)reader.BytesConsumed].ToArray());
            }
        }
        catch (JsonException)
        {
            return [contents.ToArray()]; // let the codec report it malformed
        }
        return elements;
    }
}
