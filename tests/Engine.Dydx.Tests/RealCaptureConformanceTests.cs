using Engine.Core.Book;
using Engine.Dydx.Feed;
using Engine.TestSupport;
using Xunit;

namespace Engine.Dydx.Tests;

/// <summary>Every real v3 WebSocket capture in ../shared parses with the engine's codecs.</summary>
public sealed class RealCaptureConformanceTests
{
    public static TheoryData<string> WebSocketCaptures() =>
    [
        "hft-micro-dydx/depth-snapshot.json", "hft-micro-dydx/depth-update.json", "hft-micro-dydx/ws-trade.json",
        "hft-micro-dydx/ws-account.json", "hft-micro-dydx/ws-order.json", "hft-micro-dydx/ws-account-channel-data.json",
        "hft-micro-dydx/ws-account-after-filled.json", "go-dydx/btc-usd_orderbook_snapshot_includeOffsets_2022-05.json",
    ];

    [Theory]
    [MemberData(nameof(WebSocketCaptures))]
    public void Envelope_and_channel_contents_parse(string file)
    {
        byte[] frame = File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", file));
        Assert.True(FrameHeaderReader.TryRead(frame, out var h), file);
        Assert.True(h.HasContents);
        switch (h.Channel)
        {
            case Channel.Orderbook:
                var book = new OrderBook(h.Id!);
                Assert.NotEqual(BookFrameResult.Malformed, OrderbookCodec.Apply(h, frame, book));
                if (h.Type == FrameType.Subscribed)
                {
                    Assert.True(book.LevelCount(Core.Primitives.Side.Buy) > 0);
                    Assert.False(book.IsCrossed);
                }
                break;
            case Channel.Trades:
                Assert.True(TradesCodec.TryRead(h.Contents(frame), new List<PublicTrade>()));
                break;
            case Channel.Accounts:
                Assert.Contains(h.Type, new[] { FrameType.Subscribed, FrameType.ChannelData });
                break;
            default:
                Assert.Fail($"{file}: unexpected channel {h.Channel}");
                break;
        }
    }

    [Fact]
    public void Raw_snapshot_with_offsets_keeps_tombstones_hidden()
    {
        byte[] frame = File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", "go-dydx", "btc-usd_orderbook_snapshot_includeOffsets_2022-05.json"));
        Assert.True(FrameHeaderReader.TryRead(frame, out var h));
        var book = new OrderBook("BTC-USD");
        Assert.Equal(BookFrameResult.Snapshot, OrderbookCodec.Apply(h, frame, book));
        // The README: 267 bids / 273 asks, about 80 % of them size "0".
        int visible = book.LevelCount(Core.Primitives.Side.Buy) + book.LevelCount(Core.Primitives.Side.Sell);
        Assert.InRange(visible, 20, 540 / 2);
        for (int i = 0; i < book.LevelCount(Core.Primitives.Side.Buy); i++)
        {
            book.GetLevel(Core.Primitives.Side.Buy, i, out _, out var size);
            Assert.True(size.Units > 0);
        }
    }
}
