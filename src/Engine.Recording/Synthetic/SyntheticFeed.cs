using System.Globalization;
using System.Text;
using Engine.Core.Primitives;

namespace Engine.Recording.Synthetic;

/// <summary>
/// Generates a plausible, seeded v3 feed for one market as raw wire frames: a markets snapshot, an order book
/// snapshot with per-level offsets, then order-book deltas (absolute sizes, one offset counter), trades that
/// consume the top of book, a drifting mid, and a markets update every minute (oracle price, next funding rate).
/// Frames are exactly what a v3 server would send, so the same codecs parse them. The output is labelled
/// synthetic in the recording's metadata.
/// </summary>
public sealed class SyntheticFeed(SyntheticFeedOptions options)
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();
    private readonly SplitMix64 _rng = new(options.Seed);
    private readonly string _connection = $"synthetic-{options.Seed}";
    private long _offset = 1_000_000;
    private long _messageId;
    private long _mid;

    public static IEnumerable<KeyValuePair<string, string>> Metadata(SyntheticFeedOptions o) =>
    [
        new(RecordingFormat.SyntheticKey, "true"),
        new(RecordingFormat.SourceKey, $"synthetic v3 feed, seed {o.Seed}, market {o.Market}, start {o.Start.ToIso()}, duration {o.Duration}"),
    ];

    public long WriteTo(RecordingWriter writer)
    {
        long n = 0;
        foreach (var (nanos, frame) in Frames())
        {
            writer.Write(nanos, _connection, frame);
            n++;
        }
        return n;
    }

    public IEnumerable<(long ReceivedNanos, string Frame)> Frames()
    {
        long t = options.Start.Nanos;
        long end = t + options.Duration.Ticks * 100L;
        long tick = options.TickSize.Units;
        _mid = options.StartPrice.Units / tick * tick;
        long nextMarkets = t;

        yield return (t, $"{{\"type\":\"connected\",\"connection_id\":\"{_connection}\",\"message_id\":{_messageId++}}}");
        yield return (t, MarketsSnapshot(t));
        SeedBook();
        yield return (t, BookSnapshot());
        nextMarkets += 60 * Timestamp.NanosPerSecond;

        long meanGap = Math.Max(2, options.MeanFrameGap.Ticks * 100L);
        while (true)
        {
            t += 1 + _rng.Next(2 * meanGap);
            if (t >= end) yield break;
            if (t >= nextMarkets)
            {
                yield return (t, MarketsUpdate(t));
                nextMarkets += 60 * Timestamp.NanosPerSecond;
                continue;
            }
            long roll = _rng.Next(100);
            if (roll < 12) foreach (var f in Trade(t)) yield return (t, f);
            else if (roll < 30) yield return (t, Drift(1 + (int)_rng.Next(3)));
            else yield return (t, Churn());
        }
    }

    private void SeedBook()
    {
        long tick = options.TickSize.Units;
        for (int i = 1; i <= options.Depth; i++)
        {
            _bids[_mid - i * tick] = RandomSize();
            _asks[_mid + i * tick] = RandomSize();
        }
    }

    private long RandomSize()
    {
        long step = options.StepSize.Units;
        long minSteps = Math.Max(1, options.MinOrderSize.Units / step);
        return (minSteps + _rng.Next(minSteps * 400)) * step;
    }

    /// <summary>Resize or remove one or two levels near the top.</summary>
    private string Churn()
    {
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        int changes = 1 + (int)_rng.Next(3);
        for (int i = 0; i < changes; i++)
        {
            bool bid = _rng.Chance(1, 2);
            var book = bid ? _bids : _asks;
            long best = bid ? _bids.Keys.First() : _asks.Keys.First();
            long tick = options.TickSize.Units;
            long price = bid ? best - _rng.Next(10) * tick : best + _rng.Next(10) * tick;
            long size = _rng.Chance(1, 5) && book.Count > 5 && book.ContainsKey(price) && price != best ? 0 : RandomSize();
            if (size == 0) book.Remove(price); else book[price] = size;
            // One message carries one offset, so a price may appear only once in it: the last change wins.
            var levels = bid ? bids : asks;
            levels.RemoveAll(l => l.Item1 == price);
            levels.Add((price, size));
        }
        return Delta(bids, asks);
    }

    /// <summary>Move the mid by some ticks: best levels on one side are taken out, new ones appear inside on the other.</summary>
    private string Drift(int ticks)
    {
        long tick = options.TickSize.Units;
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        bool up = _rng.Chance(1, 2);
        for (int i = 0; i < ticks; i++) DriftOneTick(up, tick, bids, asks);
        RefillDepth(bids, asks);
        _mid = (_bids.Keys.First() + _asks.Keys.First()) / 2;
        return Delta(Dedupe(bids), Dedupe(asks));
    }

    private static List<(long, long)> Dedupe(List<(long Price, long Size)> levels) =>
        levels.GroupBy(l => l.Price).Select(g => g.Last()).ToList();

    private void DriftOneTick(bool up, long tick, List<(long, long)> bids, List<(long, long)> asks)
    {
        if (up)
        {
            long bestAsk = _asks.Keys.First();
            if (_asks.Count > 5) { _asks.Remove(bestAsk); asks.Add((bestAsk, 0)); }
            long newBid = _bids.Keys.First() + tick;
            if (newBid < _asks.Keys.First()) { long s = RandomSize(); _bids[newBid] = s; bids.Add((newBid, s)); }
        }
        else
        {
            long bestBid = _bids.Keys.First();
            if (_bids.Count > 5) { _bids.Remove(bestBid); bids.Add((bestBid, 0)); }
            long newAsk = _asks.Keys.First() - tick;
            if (newAsk > _bids.Keys.First()) { long s = RandomSize(); _asks[newAsk] = s; asks.Add((newAsk, s)); }
        }
    }

    private void RefillDepth(List<(long, long)> bids, List<(long, long)> asks)
    {
        long tick = options.TickSize.Units;
        while (_bids.Count < options.Depth) { long p = _bids.Keys.Last() - tick; long s = RandomSize(); _bids[p] = s; bids.Add((p, s)); }
        while (_asks.Count < options.Depth) { long p = _asks.Keys.Last() + tick; long s = RandomSize(); _asks[p] = s; asks.Add((p, s)); }
    }

    /// <summary>A taker trade against the best level, followed by the book delta it causes.</summary>
    private IEnumerable<string> Trade(long t)
    {
        bool takerBuys = _rng.Chance(1, 2);
        var book = takerBuys ? _asks : _bids;
        long price = book.Keys.First();
        long available = book[price];
        long step = options.StepSize.Units;
        long size = Math.Max(step, Math.Min(available, RandomSize() / 2 / step * step));
        long remaining = available - size;
        if (remaining == 0 && book.Count <= 5) remaining = RandomSize();
        if (remaining == 0) book.Remove(price); else book[price] = remaining;
        string side = takerBuys ? "BUY" : "SELL";
        yield return Frame("channel_data", "v3_trades", options.Market,
            $"{{\"trades\":[{{\"side\":\"{side}\",\"size\":\"{Fmt(size)}\",\"price\":\"{Fmt(price)}\",\"createdAt\":\"{new Timestamp(t).ToIso()}\",\"liquidation\":false}}]}}");
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        (takerBuys ? asks : bids).Add((price, remaining));
        RefillDepth(bids, asks);
        yield return Delta(bids, asks);
    }

    private string Delta(List<(long Price, long Size)> bids, List<(long Price, long Size)> asks)
    {
        var sb = new StringBuilder(160);
        sb.Append("{\"offset\":\"").Append((++_offset).ToString(CultureInfo.InvariantCulture)).Append("\",\"bids\":[");
        AppendPairs(sb, bids);
        sb.Append("],\"asks\":[");
        AppendPairs(sb, asks);
        sb.Append("]}");
        return Frame("channel_data", "v3_orderbook", options.Market, sb.ToString());
    }

    private static void AppendPairs(StringBuilder sb, List<(long Price, long Size)> levels)
    {
        for (int i = 0; i < levels.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("[\"").Append(Fmt(levels[i].Price)).Append("\",\"").Append(Fmt(levels[i].Size)).Append("\"]");
        }
    }

    private string BookSnapshot()
    {
        var sb = new StringBuilder(8192);
        sb.Append("{\"asks\":[");
        AppendLevels(sb, _asks);
        sb.Append("],\"bids\":[");
        AppendLevels(sb, _bids);
        sb.Append("]}");
        return Frame("subscribed", "v3_orderbook", options.Market, sb.ToString());
    }

    private void AppendLevels(StringBuilder sb, SortedDictionary<long, long> levels)
    {
        bool first = true;
        foreach (var (price, size) in levels)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append("{\"price\":\"").Append(Fmt(price)).Append("\",\"offset\":\"").Append((++_offset).ToString(CultureInfo.InvariantCulture))
              .Append("\",\"size\":\"").Append(Fmt(size)).Append("\"}");
        }
    }

    private string MarketsSnapshot(long t)
    {
        string market =
            $"\"{options.Market}\":{{\"market\":\"{options.Market}\",\"status\":\"ONLINE\",\"baseAsset\":\"{options.Market.Split('-')[0]}\",\"quoteAsset\":\"USD\"," +
            $"\"stepSize\":\"{options.StepSize}\",\"tickSize\":\"{options.TickSize}\",\"indexPrice\":\"{Fmt(_mid)}\",\"oraclePrice\":\"{Fmt(_mid)}\"," +
            $"\"priceChange24H\":\"0\",\"nextFundingRate\":\"0.0000125\",\"nextFundingAt\":\"{NextHour(t).ToIso()}\",\"minOrderSize\":\"{options.MinOrderSize}\"," +
            "\"type\":\"PERPETUAL\",\"initialMarginFraction\":\"0.05\",\"maintenanceMarginFraction\":\"0.03\",\"baselinePositionSize\":\"9\"," +
            "\"incrementalPositionSize\":\"1.5\",\"incrementalInitialMarginFraction\":\"0.01\",\"maxPositionSize\":\"170\",\"volume24H\":\"0\"," +
            "\"trades24H\":\"0\",\"openInterest\":\"0\",\"assetResolution\":\"10000000000\",\"syntheticAssetId\":\"0x4254432d3130000000000000000000\"}";
        return $"{{\"type\":\"subscribed\",\"connection_id\":\"{_connection}\",\"message_id\":{_messageId++},\"channel\":\"v3_markets\",\"contents\":{{\"markets\":{{{market}}}}}}}";
    }

    private string MarketsUpdate(long t)
    {
        // Funding rate in [-0.00005, 0.00005] in steps of 1e-7, exact.
        long rateSteps = _rng.Next(1001) - 500;
        string rate = (rateSteps / 10_000_000m).ToString("0.0000000", CultureInfo.InvariantCulture);
        string contents = $"{{\"{options.Market}\":{{\"oraclePrice\":\"{Fmt(_mid)}\",\"indexPrice\":\"{Fmt(_mid)}\",\"nextFundingRate\":\"{rate}\",\"nextFundingAt\":\"{NextHour(t).ToIso()}\"}}}}";
        return $"{{\"type\":\"channel_data\",\"connection_id\":\"{_connection}\",\"message_id\":{_messageId++},\"channel\":\"v3_markets\",\"contents\":{contents}}}";
    }

    private string Frame(string type, string channel, string id, string contents) =>
        $"{{\"type\":\"{type}\",\"connection_id\":\"{_connection}\",\"message_id\":{_messageId++},\"channel\":\"{channel}\",\"id\":\"{id}\",\"contents\":{contents}}}";

    private static Timestamp NextHour(long nanos) => new((nanos / Timestamp.NanosPerHour + 1) * Timestamp.NanosPerHour);
    private static string Fmt(long units) => FixedPoint.Format(units);
}
