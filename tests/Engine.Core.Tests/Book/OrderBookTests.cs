using Engine.Core.Book;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Core.Tests.Book;

public sealed class OrderBookTests
{
    private static Price P(string text) => Price.Parse(text);
    private static Quantity Q(string text) => Quantity.Parse(text);

    [Fact]
    public void Sizes_are_absolute_not_deltas()
    {
        var book = new OrderBook("BTC-USD");
        Assert.True(book.Apply(Side.Buy, P("30000"), Q("1.5"), 10));
        Assert.True(book.Apply(Side.Buy, P("30000"), Q("0.25"), 11));

        Assert.Equal(Q("0.25"), book.SizeAt(Side.Buy, P("30000")));
        Assert.Equal(1, book.LevelCount(Side.Buy));
        Assert.Equal(2, book.Counters.LevelUpdatesApplied);
    }

    [Fact]
    public void Zero_size_removes_the_level_but_keeps_its_offset()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Sell, P("30010"), Q("2"), 10);
        Assert.True(book.Apply(Side.Sell, P("30010"), Quantity.Zero, 12));

        Assert.Equal(0, book.LevelCount(Side.Sell));
        Assert.False(book.TryGetBestAsk(out _, out _));
        Assert.Equal(Quantity.Zero, book.SizeAt(Side.Sell, P("30010")));
        Assert.True(book.TryGetOffset(Side.Sell, P("30010"), out long offset));
        Assert.Equal(12, offset);
    }

    [Fact]
    public void Older_and_equal_offsets_are_stale()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("30000"), Q("1"), 10);

        Assert.False(book.Apply(Side.Buy, P("30000"), Q("5"), 9));
        Assert.False(book.Apply(Side.Buy, P("30000"), Q("5"), 10));
        Assert.False(book.Apply(Side.Buy, P("30000"), Quantity.Zero, 10));

        Assert.Equal(Q("1"), book.SizeAt(Side.Buy, P("30000")));
        Assert.Equal(3, book.Counters.StaleUpdatesIgnored);
        Assert.Equal(1, book.Counters.LevelUpdatesApplied);
    }

    [Fact]
    public void Offsets_are_per_side_and_price()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("30000"), Q("1"), 10);

        // Same price on the other side, and another price on the same side, have no stored offset yet.
        Assert.True(book.Apply(Side.Sell, P("30000"), Q("1"), 5));
        Assert.True(book.Apply(Side.Buy, P("29999"), Q("1"), 5));
    }

    [Fact]
    public void A_tombstone_blocks_an_older_update_from_resurrecting_the_level()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("30000"), Q("1"), 10);
        book.Apply(Side.Buy, P("30000"), Quantity.Zero, 20);

        Assert.False(book.Apply(Side.Buy, P("30000"), Q("3"), 15));
        Assert.Equal(0, book.LevelCount(Side.Buy));

        Assert.True(book.Apply(Side.Buy, P("30000"), Q("3"), 21));
        Assert.Equal(Q("3"), book.SizeAt(Side.Buy, P("30000")));
    }

    [Fact]
    public void A_snapshot_tombstone_blocks_older_deltas()
    {
        var book = new OrderBook("BTC-USD");
        book.Clear();
        book.Apply(Side.Sell, P("30100"), Quantity.Zero, 500);
        book.Apply(Side.Sell, P("30200"), Q("1"), 400);

        Assert.False(book.Apply(Side.Sell, P("30100"), Q("2"), 450));
        Assert.True(book.TryGetOffset(Side.Sell, P("30100"), out long offset));
        Assert.Equal(500, offset);
        Assert.Equal(500, book.MaxOffset);
        Assert.Equal(1, book.LevelCount(Side.Sell));
    }

    [Fact]
    public void Tombstone_offset_advances_with_newer_zero_updates()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("100"), Quantity.Zero, 5);
        Assert.True(book.Apply(Side.Buy, P("100"), Quantity.Zero, 8));
        Assert.True(book.TryGetOffset(Side.Buy, P("100"), out long offset));
        Assert.Equal(8, offset);
        Assert.False(book.Apply(Side.Buy, P("100"), Q("1"), 7));
    }

    [Fact]
    public void Negative_size_throws()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Apply(Side.Buy, P("100"), Q("-1"), 1));
    }

    [Fact]
    public void Levels_are_ordered_best_first_and_best_is_first_level()
    {
        var book = new OrderBook("BTC-USD", initialCapacity: 1);
        foreach (string price in new[] { "100", "102", "101", "99.5" })
        {
            book.Apply(Side.Buy, P(price), Q("1"), 1);
            book.Apply(Side.Sell, P(price) + P("10"), Q("2"), 1);
        }

        Assert.True(book.TryGetBestBid(out Price bid, out _));
        Assert.True(book.TryGetBestAsk(out Price ask, out Quantity askSize));
        Assert.Equal(P("102"), bid);
        Assert.Equal(P("109.5"), ask);
        Assert.Equal(Q("2"), askSize);
        book.GetLevel(Side.Buy, 3, out Price worstBid, out _);
        book.GetLevel(Side.Sell, 3, out Price worstAsk, out _);
        Assert.Equal(P("99.5"), worstBid);
        Assert.Equal(P("112"), worstAsk);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.GetLevel(Side.Buy, 4, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.GetLevel(Side.Buy, -1, out _, out _));
        BookAssert.Invariants(book);
    }

    [Fact]
    public void Crossed_and_uncross_removes_the_older_side()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("100"), Q("1"), 10);
        book.Apply(Side.Buy, P("99"), Q("1"), 11);
        book.Apply(Side.Sell, P("101"), Q("1"), 12);
        Assert.False(book.IsCrossed);
        Assert.Equal(0, book.Uncross());
        Assert.Equal(0, book.Counters.Uncrossings);

        // A newer ask at 99 crosses both bids: they are older, so they go; the ask stays.
        book.Apply(Side.Sell, P("99"), Q("3"), 20);
        Assert.True(book.IsCrossed);
        Assert.Equal(2, book.Uncross());

        Assert.False(book.IsCrossed);
        Assert.Equal(0, book.LevelCount(Side.Buy));
        Assert.Equal(Q("3"), book.SizeAt(Side.Sell, P("99")));
        Assert.Equal(1, book.Counters.Uncrossings);
        Assert.Equal(2, book.Counters.LevelsRemovedByUncross);

        // Removed levels keep their offsets as tombstones.
        Assert.True(book.TryGetOffset(Side.Buy, P("100"), out long offset));
        Assert.Equal(10, offset);
        Assert.False(book.Apply(Side.Buy, P("100"), Q("1"), 10));
    }

    [Fact]
    public void Uncross_removes_the_ask_when_it_is_older()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Sell, P("100"), Q("1"), 5);
        book.Apply(Side.Sell, P("101"), Q("1"), 30);
        book.Apply(Side.Buy, P("100.5"), Q("2"), 20);

        Assert.Equal(1, book.Uncross());
        Assert.Equal(Q("2"), book.SizeAt(Side.Buy, P("100.5")));
        Assert.True(book.TryGetBestAsk(out Price ask, out _));
        Assert.Equal(P("101"), ask);
    }

    [Fact]
    public void Uncross_with_equal_offsets_removes_both()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("100"), Q("1"), 7);
        book.Apply(Side.Sell, P("100"), Q("1"), 7);
        Assert.True(book.IsCrossed);

        Assert.Equal(2, book.Uncross());
        Assert.Equal(0, book.LevelCount(Side.Buy));
        Assert.Equal(0, book.LevelCount(Side.Sell));
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public void Observer_sees_exact_previous_and_new_sizes()
    {
        var observer = new RecordingObserver();
        var book = new OrderBook("BTC-USD") { Observer = observer };

        book.Apply(Side.Buy, P("100"), Q("1"), 1);       // 0 -> 1
        book.Apply(Side.Buy, P("100"), Q("2.5"), 2);     // 1 -> 2.5
        book.Apply(Side.Buy, P("100"), Q("2.5"), 3);     // same size: no visible change, no call
        book.Apply(Side.Buy, P("100"), Q("9"), 2);       // stale: no call
        book.Apply(Side.Sell, P("101"), Quantity.Zero, 4); // tombstone only: no call
        book.Apply(Side.Sell, P("99"), Q("4"), 5);       // 0 -> 4
        book.Uncross();                                  // bid 100 (offset 3) is older: 2.5 -> 0
        book.Apply(Side.Sell, P("99"), Quantity.Zero, 6); // 4 -> 0
        book.Clear();

        Assert.Equal(
            [
                (Side.Buy, P("100"), Quantity.Zero, Q("1")),
                (Side.Buy, P("100"), Q("1"), Q("2.5")),
                (Side.Sell, P("99"), Quantity.Zero, Q("4")),
                (Side.Buy, P("100"), Q("2.5"), Quantity.Zero),
                (Side.Sell, P("99"), Q("4"), Quantity.Zero),
            ],
            observer.Changes);
        Assert.Equal(1, observer.Clears);
        Assert.Null(observer.Inconsistency);
    }

    [Fact]
    public void Clear_forgets_levels_offsets_and_max_offset_but_keeps_counters()
    {
        var book = new OrderBook("BTC-USD");
        Assert.Equal(long.MinValue, book.MaxOffset);
        book.Apply(Side.Buy, P("100"), Q("1"), 50);
        book.Apply(Side.Sell, P("101"), Quantity.Zero, 60);
        book.Apply(Side.Sell, P("101"), Q("1"), 55);
        Assert.Equal(60, book.MaxOffset);

        book.Clear();

        Assert.Equal(0, book.LevelCount(Side.Buy));
        Assert.False(book.TryGetOffset(Side.Buy, P("100"), out _));
        Assert.False(book.TryGetOffset(Side.Sell, P("101"), out _));
        Assert.Equal(long.MinValue, book.MaxOffset);
        Assert.True(book.Apply(Side.Sell, P("101"), Q("1"), 0));
        Assert.Equal(3, book.Counters.LevelUpdatesApplied);
        Assert.Equal(1, book.Counters.StaleUpdatesIgnored);
        Assert.Equal("BTC-USD", book.Market);
    }

    [Fact]
    public void Depth_within_sums_prices_at_least_as_good_as_the_limit()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, P("100"), Q("1"), 1);
        book.Apply(Side.Buy, P("99"), Q("2"), 1);
        book.Apply(Side.Buy, P("98"), Q("4"), 1);
        book.Apply(Side.Sell, P("101"), Q("0.1"), 1);
        book.Apply(Side.Sell, P("102"), Q("0.2"), 1);

        Assert.Equal(Q("3"), book.DepthWithin(Side.Buy, P("99")));
        Assert.Equal(Q("7"), book.DepthWithin(Side.Buy, P("1")));
        Assert.Equal(Quantity.Zero, book.DepthWithin(Side.Buy, P("100.5")));
        Assert.Equal(Q("0.1"), book.DepthWithin(Side.Sell, P("101.5")));
        Assert.Equal(Q("0.3"), book.DepthWithin(Side.Sell, P("102")));
        Assert.Equal(Quantity.Zero, book.DepthWithin(Side.Sell, P("100")));
    }

    [Fact]
    public void Pruning_drops_the_oldest_tombstones_and_raises_the_watermark()
    {
        var book = new OrderBook("BTC-USD", initialCapacity: 2, maxTombstonesPerSide: 4);
        book.Apply(Side.Buy, P("50"), Q("1"), 1); // visible levels are never pruned
        for (int i = 0; i < 4; i++)
            book.Apply(Side.Buy, P("100") + new Price(i * FixedPoint.Scale), Quantity.Zero, 10 + i);
        Assert.Equal(0, book.Counters.TombstonesPruned);

        // The fifth tombstone exceeds the bound: the two oldest (offsets 10, 11 at 100, 101) go, watermark = 11.
        book.Apply(Side.Buy, P("104"), Quantity.Zero, 14);
        Assert.Equal(2, book.Counters.TombstonesPruned);
        Assert.False(book.TryGetOffset(Side.Buy, P("100"), out _));
        Assert.False(book.TryGetOffset(Side.Buy, P("101"), out _));
        Assert.True(book.TryGetOffset(Side.Buy, P("102"), out long kept));
        Assert.Equal(12, kept);

        // Unknown prices at or below the watermark may be older than forgotten information: stale.
        Assert.False(book.Apply(Side.Buy, P("100"), Q("1"), 10));
        Assert.False(book.Apply(Side.Buy, P("77"), Q("1"), 11));
        Assert.True(book.Apply(Side.Buy, P("101"), Q("1"), 12));
        // Known prices still follow their own stored offset, even below the watermark.
        Assert.True(book.Apply(Side.Buy, P("50"), Q("2"), 2));
        // The other side has its own watermark.
        Assert.True(book.Apply(Side.Sell, P("200"), Q("1"), 3));

        book.Clear();
        Assert.True(book.Apply(Side.Buy, P("77"), Q("1"), 11));
    }

    [Fact]
    public void Uncross_tombstones_count_towards_the_bound()
    {
        var book = new OrderBook("BTC-USD", maxTombstonesPerSide: 1);
        book.Apply(Side.Buy, P("100"), Q("1"), 1);
        book.Apply(Side.Buy, P("99"), Q("1"), 2);
        book.Apply(Side.Sell, P("98"), Q("1"), 3);

        Assert.Equal(2, book.Uncross());
        Assert.Equal(1, book.Counters.TombstonesPruned);
        Assert.False(book.Apply(Side.Buy, P("100"), Q("1"), 1));
    }

    [Fact]
    public void Updates_do_not_allocate_after_warm_up()
    {
        var book = new OrderBook("BTC-USD");
        long offset = 0;
        void Run()
        {
            for (int round = 0; round < 50; round++)
            {
                for (int i = 0; i < 200; i++)
                {
                    long size = (i + round) % 7 == 0 ? 0 : (i + 1) * 1_000_000L;
                    book.Apply(Side.Buy, new Price((30_000 - i) * FixedPoint.Scale), new Quantity(size), ++offset);
                    book.Apply(Side.Sell, new Price((30_001 + i) * FixedPoint.Scale), new Quantity(size), ++offset);
                }
                book.Uncross();
                book.TryGetBestBid(out _, out _);
                book.DepthWithin(Side.Sell, new Price(30_010 * FixedPoint.Scale));
            }
        }

        Run();
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
