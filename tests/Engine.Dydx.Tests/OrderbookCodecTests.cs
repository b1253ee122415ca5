using System.Text;
using CsCheck;
using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Xunit;

namespace Engine.Dydx.Tests;

public sealed class OrderbookCodecTests
{
    private static BookFrameResult Apply(OrderBook book, string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        Assert.True(FrameHeaderReader.TryRead(bytes, out var header));
        return OrderbookCodec.Apply(header, bytes, book);
    }

    private const string Snapshot =
        """{"type":"subscribed","channel":"v3_orderbook","id":"BTC-USD","message_id":1,"contents":{"asks":[{"size":"1.5","price":"101"},{"price":"102","offset":"40","size":"0"}],"bids":[{"price":"99","offset":"30","size":"2"},{"price":"100","size":"0.5","offset":32}]}}""";

    [Fact]
    public void Snapshot_with_mixed_level_shapes_and_tombstones()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Equal(BookFrameResult.Snapshot, Apply(book, Snapshot));
        Assert.True(book.TryGetBestBid(out var bid, out var bidSize));
        Assert.Equal(Price.Parse("100"), bid);
        Assert.Equal(Quantity.Parse("0.5"), bidSize);
        Assert.True(book.TryGetBestAsk(out var ask, out _));
        Assert.Equal(Price.Parse("101"), ask);
        Assert.Equal(1, book.LevelCount(Side.Sell)); // the "0" level is a tombstone, not visible
        Assert.True(book.TryGetOffset(Side.Sell, Price.Parse("102"), out long tomb));
        Assert.Equal(40, tomb);
    }

    [Fact]
    public void Delta_with_offset_after_the_levels_and_array_levels()
    {
        var book = new OrderBook("BTC-USD");
        Apply(book, Snapshot);
        Assert.Equal(BookFrameResult.Applied, Apply(book,
            """{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{"bids":[["100","0"],["98","3"]],"asks":[["102","4"]],"offset":"50"}}"""));
        Assert.True(book.TryGetBestBid(out var bid, out _));
        Assert.Equal(Price.Parse("99"), bid);
        Assert.Equal(Quantity.Parse("4"), book.SizeAt(Side.Sell, Price.Parse("102")));
    }

    [Fact]
    public void Stale_delta_levels_are_ignored()
    {
        var book = new OrderBook("BTC-USD");
        Apply(book, Snapshot);
        Apply(book, """{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{"offset":"31","bids":[["99","7"],["100","9"]],"asks":[]}}""");
        Assert.Equal(Quantity.Parse("7"), book.SizeAt(Side.Buy, Price.Parse("99")));   // 31 > 30: applied
        Assert.Equal(Quantity.Parse("0.5"), book.SizeAt(Side.Buy, Price.Parse("100"))); // 31 < 32: stale
    }

    [Theory]
    [InlineData("""{"offset":"60","bids":[["100","1"],["oops","1"]],"asks":[]}""")]
    [InlineData("""{"offset":"60","bids":[["100","1"]],"asks":[["101"]]}""")]
    [InlineData("""{"bids":[["100","1"]],"asks":[]}""")]
    [InlineData("""{"offset":"x","bids":[["100","1"]],"asks":[]}""")]
    [InlineData("""{"offset":"60","bids":[["100","-1"]],"asks":[]}""")]
    [InlineData("""{"offset":"60","bids":{"100":"1"},"asks":[]}""")]
    public void Malformed_delta_changes_nothing(string contents)
    {
        var book = new OrderBook("BTC-USD");
        Apply(book, Snapshot);
        var before = Levels(book);
        Assert.Equal(BookFrameResult.Malformed, Apply(book, $$"""{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{{contents}}}"""));
        Assert.Equal(before, Levels(book));
    }

    [Fact]
    public void Batch_is_all_or_nothing()
    {
        var book = new OrderBook("BTC-USD");
        Apply(book, Snapshot);
        var before = Levels(book);
        Assert.Equal(BookFrameResult.Malformed, Apply(book,
            """{"type":"channel_batch_data","channel":"v3_orderbook","id":"BTC-USD","contents":[{"offset":"60","bids":[["100","1"]],"asks":[]},{"offset":"61","bids":[["x","1"]],"asks":[]}]}"""));
        Assert.Equal(before, Levels(book));
        Assert.Equal(BookFrameResult.Applied, Apply(book,
            """{"type":"channel_batch_data","channel":"v3_orderbook","id":"BTC-USD","contents":[{"offset":"60","bids":[["100","1"]],"asks":[]},{"offset":"61","bids":[["100","2"]],"asks":[]}]}"""));
        Assert.Equal(Quantity.Parse("2"), book.SizeAt(Side.Buy, Price.Parse("100")));
    }

    [Fact]
    public void Crossing_delta_is_uncrossed_in_favour_of_newer_information()
    {
        var book = new OrderBook("BTC-USD");
        Apply(book, Snapshot);
        // A bid at 101 with a newer offset than the ask at 101 (snapshot offset 0): the stale ask goes.
        Apply(book, """{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{"offset":"70","bids":[["101","1"]],"asks":[]}}""");
        Assert.False(book.IsCrossed);
        Assert.True(book.TryGetBestBid(out var bid, out _));
        Assert.Equal(Price.Parse("101"), bid);
        Assert.Equal(0, book.LevelCount(Side.Sell));
    }

    [Fact]
    public void Other_channels_are_ignored()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Equal(BookFrameResult.Ignored, Apply(book, """{"type":"channel_data","channel":"v3_trades","id":"BTC-USD","contents":{"trades":[]}}"""));
        Assert.Equal(BookFrameResult.Ignored, Apply(book, """{"type":"connected","connection_id":"x","message_id":0}"""));
    }

    /// <summary>
    /// Any sequence of deltas (up to 80 levels each, so both the single-parse path and the long-delta path run, with
    /// repeated prices, zero sizes, offsets before or after the levels) leaves the book exactly as applying the same
    /// levels one by one in document order and uncrossing after each message.
    /// </summary>
    [Fact]
    public void Deltas_of_any_length_apply_like_their_levels_one_by_one()
    {
        var level = Gen.Select(Gen.Bool, Gen.Long[95, 105], Gen.Long[0, 3]);
        var delta = Gen.Select(level.List[0, 80], Gen.Long[1, 3], Gen.Bool);
        delta.List[1, 12].Sample(deltas =>
        {
            var viaCodec = new OrderBook("BTC-USD");
            var reference = new OrderBook("BTC-USD");
            Apply(viaCodec, Snapshot);
            Apply(reference, Snapshot);
            long offset = 100;
            foreach (var (levels, step, offsetFirst) in deltas)
            {
                offset += step;
                string Pairs(bool bid) => string.Join(",", levels.Where(l => l.Item1 == bid).Select(l => $"[\"{l.Item2}\",\"{l.Item3}\"]"));
                string sides = $"\"bids\":[{Pairs(true)}],\"asks\":[{Pairs(false)}]";
                string contents = offsetFirst ? $"{{\"offset\":\"{offset}\",{sides}}}" : $"{{{sides},\"offset\":\"{offset}\"}}";
                Assert.Equal(BookFrameResult.Applied,
                    Apply(viaCodec, $"{{\"type\":\"channel_data\",\"channel\":\"v3_orderbook\",\"id\":\"BTC-USD\",\"contents\":{contents}}}"));
                // The frame lists all bids first, then all asks.
                foreach (var bid in new[] { true, false })
                    foreach (var (isBid, price, size) in levels.Where(l => l.Item1 == bid))
                        reference.Apply(isBid ? Side.Buy : Side.Sell, new Price(price * FixedPoint.Scale), new Quantity(size * FixedPoint.Scale), offset);
                reference.Uncross();
                Assert.Equal(Levels(reference), Levels(viaCodec));
            }
        });
    }

    private static List<(Side, long, long)> Levels(OrderBook book)
    {
        var list = new List<(Side, long, long)>();
        foreach (var side in new[] { Side.Buy, Side.Sell })
            for (int i = 0; i < book.LevelCount(side); i++)
            {
                book.GetLevel(side, i, out var p, out var s);
                list.Add((side, p.Units, s.Units));
            }
        return list;
    }
}
