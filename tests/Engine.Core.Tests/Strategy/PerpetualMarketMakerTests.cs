using CsCheck;
using Engine.Core.Book;
using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Strategy;
using Xunit;

namespace Engine.Core.Tests.Strategy;

public sealed class PerpetualMarketMakerTests
{
    private static readonly MarketRules Btc = new("BTC-USD", Price.Parse("1"), Quantity.Parse("0.0001"), Quantity.Parse("0.001"),
        0.05m, 0.03m, Quantity.Parse("9"), Quantity.Parse("1.5"), 0.01m, Quantity.Parse("170"));
    private static readonly Timestamp T0 = new(1_651_449_600_000_000_000);

    private static MarketMakingParameters P(Func<MarketMakingParameters, MarketMakingParameters>? edit = null)
    {
        var p = new MarketMakingParameters
        {
            Market = "BTC-USD", BidSpread = 0.001m, AskSpread = 0.001m, OrderAmount = Quantity.Parse("0.01"),
            RefreshTime = TimeSpan.FromSeconds(10), FilledOrderDelay = TimeSpan.FromSeconds(5),
        };
        return edit is null ? p : edit(p);
    }

    private static OrderBook Book(string bid = "29999", string ask = "30001")
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, Price.Parse(bid), Quantity.Parse("1"), 1);
        book.Apply(Side.Sell, Price.Parse(ask), Quantity.Parse("1"), 2);
        return book;
    }

    private static QuoteContext Ctx(IBookView book, Timestamp? now = null, string position = "0", IReadOnlyList<WorkingOrder>? orders = null, Price? last = null) =>
        new(now ?? T0, book, last, Quantity.Parse(position), orders ?? []);

    [Fact]
    public void Bids_floor_and_asks_ceil_to_the_tick_around_the_mid()
    {
        // mid 30000; ±0.1 % = 29970 / 30030 exactly; with an odd mid the rounding direction shows.
        var (_, d) = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book("30000", "30001")), P(), Btc);
        var bid = d.Places.Single(o => o.Side == Side.Buy);
        var ask = d.Places.Single(o => o.Side == Side.Sell);
        Assert.Equal(Price.Parse("29970"), bid.Price);   // 30000.5 × 0.999 = 29970.4995 → floor
        Assert.Equal(Price.Parse("30031"), ask.Price);   // 30000.5 × 1.001 = 30030.5005 → ceil
        Assert.Equal(Quantity.Parse("0.01"), bid.Size);
    }

    [Fact]
    public void Levels_widen_and_grow_and_drop_below_min_size()
    {
        var p = P(x => x with { OrderLevels = 3, OrderLevelSpread = 0.001m, OrderLevelAmount = Quantity.Parse("-0.0046") });
        var (_, d) = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book("29999", "30001")), p, Btc);
        var bids = d.Places.Where(o => o.Side == Side.Buy).ToList();
        // sizes 0.01, 0.0054, -> 0.0008 < min 0.001 dropped
        Assert.Equal([Quantity.Parse("0.01"), Quantity.Parse("0.0054")], bids.Select(b => b.Size));
        Assert.Equal([Price.Parse("29970"), Price.Parse("29940")], bids.Select(b => b.Price));
    }

    [Fact]
    public void Refresh_cancels_after_refresh_time_unless_within_tolerance()
    {
        var p = P(x => x with { RefreshTolerance = 0.0001m });
        var (s, d) = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book()), p, Btc);
        var working = d.Places.Select((o, i) => new WorkingOrder($"{i}", o.Side, o.Price, o.Size, T0, OrderStatus.Open)).ToList();

        // Before the refresh time: nothing.
        var (_, early) = PerpetualMarketMaker.OnTick(s, Ctx(Book(), T0.AddSeconds(5), orders: working), p, Btc);
        Assert.Empty(early.Cancels);
        Assert.Empty(early.Places);

        // After it, with the market unchanged: within tolerance, keep them and re-arm.
        var (kept, same) = PerpetualMarketMaker.OnTick(s, Ctx(Book(), T0.AddSeconds(10), orders: working), p, Btc);
        Assert.Empty(same.Cancels);
        Assert.Equal(T0.AddSeconds(20), kept.NextCancelTime);

        // After it, with the market moved 10 ticks: cancel everything, place nothing until they are gone.
        var (_, moved) = PerpetualMarketMaker.OnTick(s, Ctx(Book("30009", "30011"), T0.AddSeconds(10), orders: working), p, Btc);
        Assert.Equal(2, moved.Cancels.Count);
        Assert.Empty(moved.Places);
    }

    [Fact]
    public void Pending_orders_are_never_canceled_and_block_new_quotes()
    {
        var pending = new List<WorkingOrder>
        {
            new("1", Side.Buy, Price.Parse("29000"), Quantity.Parse("0.01"), T0, OrderStatus.PendingNew),
            new("2", Side.Sell, Price.Parse("31000"), Quantity.Parse("0.01"), T0, OrderStatus.PendingCancel),
        };
        var state = MarketMakerState.Initial with { NextCancelTime = T0 };
        var (_, d) = PerpetualMarketMaker.OnTick(state, Ctx(Book(), T0.AddSeconds(60), orders: pending), P(x => x with { MinimumSpread = 0.5m }), Btc);
        Assert.Empty(d.Cancels);
        Assert.Empty(d.Places);
    }

    [Fact]
    public void Minimum_spread_cancels_orders_too_close_to_the_reference()
    {
        var close = new List<WorkingOrder> { new("1", Side.Buy, Price.Parse("29999"), Quantity.Parse("0.01"), T0, OrderStatus.Open) };
        var (_, d) = PerpetualMarketMaker.OnTick(MarketMakerState.Initial with { NextCancelTime = T0.AddSeconds(100) },
            Ctx(Book(), orders: close), P(x => x with { MinimumSpread = 0.0005m }), Btc);
        Assert.Equal(["1"], d.Cancels);
    }

    [Fact]
    public void A_complete_fill_delays_the_next_quotes()
    {
        var fill = new Fill("f", "1", "BTC-USD", Side.Buy, Price.Parse("29970"), Quantity.Parse("0.01"), 0m, Liquidity.Maker, T0);
        var s = PerpetualMarketMaker.OnFill(MarketMakerState.Initial, fill, orderCompleted: true, T0, P());
        Assert.Equal(Price.Parse("29970"), s.LastOwnTradePrice);
        var (_, during) = PerpetualMarketMaker.OnTick(s, Ctx(Book(), T0.AddSeconds(4)), P(), Btc);
        Assert.Empty(during.Places);
        var (_, after) = PerpetualMarketMaker.OnTick(s, Ctx(Book(), T0.AddSeconds(5)), P(), Btc);
        Assert.NotEmpty(after.Places);
        var partial = PerpetualMarketMaker.OnFill(MarketMakerState.Initial, fill, orderCompleted: false, T0, P());
        Assert.Equal(MarketMakerState.Initial.NextCreateTime, partial.NextCreateTime);
    }

    [Theory]
    [InlineData(PriceSource.Mid, null, "30000")]
    [InlineData(PriceSource.Last, null, "30000")]     // no trade yet: falls back to mid
    [InlineData(PriceSource.Last, "30100", "30100")]
    [InlineData(PriceSource.BestBid, null, "29999")]
    [InlineData(PriceSource.BestAsk, null, "30001")]
    public void Price_sources(PriceSource source, string? last, string expected) =>
        Assert.Equal(Price.Parse(expected), PerpetualMarketMaker.ReferencePrice(Ctx(Book(), last: last is null ? null : Price.Parse(last)), source));

    [Fact]
    public void No_quotes_without_a_two_sided_book()
    {
        var book = new OrderBook("BTC-USD");
        book.Apply(Side.Buy, Price.Parse("100"), Quantity.Parse("1"), 1);
        Assert.Empty(PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(book), P(), Btc).Decision.Places);
    }

    [Fact]
    public void Resting_quotes_are_pulled_when_the_book_is_lost_and_pending_ones_left_alone()
    {
        var working = new List<WorkingOrder>
        {
            new("1", Side.Buy, Price.Parse("29990"), Quantity.Parse("0.01"), T0, OrderStatus.Open),
            new("2", Side.Sell, Price.Parse("30010"), Quantity.Parse("0.01"), T0, OrderStatus.Open),
            new("3", Side.Sell, Price.Parse("30020"), Quantity.Parse("0.01"), T0, OrderStatus.PendingCancel),
        };
        // Just placed (nothing due for refresh): with the book there they stay; with it gone (a resync) they go.
        var (state, _) = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book()), P(), Btc);
        Assert.Empty(PerpetualMarketMaker.OnTick(state, Ctx(Book(), T0.AddSeconds(1), orders: working), P(), Btc).Decision.Cancels);
        var lost = PerpetualMarketMaker.OnTick(state, Ctx(new OrderBook("BTC-USD"), T0.AddSeconds(1), orders: working), P(), Btc).Decision;
        Assert.Equal(["1", "2"], lost.Cancels);
        Assert.Empty(lost.Places);
        // A crossed book is no market to quote against either.
        Assert.Equal(["1", "2"], PerpetualMarketMaker.OnTick(state, Ctx(Book("30002", "30001"), T0.AddSeconds(1), orders: working), P(), Btc).Decision.Cancels);
    }

    [Theory]
    [InlineData("0", "0.01", "0.01")]
    [InlineData("0.05", "0.005", "0.015")]   // halfway to the upper bound: half the bids, 1.5× asks
    [InlineData("0.1", null, "0.02")]        // at target + range: asks only
    [InlineData("-0.1", "0.02", null)]       // at target − range: bids only
    public void Inventory_skew(string position, string? bidSize, string? askSize)
    {
        var p = P(x => x with { InventorySkew = true, InventoryRange = Quantity.Parse("0.1") });
        var places = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book(), position: position), p, Btc).Decision.Places;
        Assert.Equal(bidSize, places.SingleOrDefault(o => o.Side == Side.Buy)?.Size.ToString());
        Assert.Equal(askSize, places.SingleOrDefault(o => o.Side == Side.Sell)?.Size.ToString());
    }

    [Fact]
    public void Max_position_trims_the_side_that_would_exceed_it()
    {
        var p = P(x => x with { MaxPosition = Quantity.Parse("0.015") });
        var places = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book(), position: "0.01"), p, Btc).Decision.Places;
        Assert.Equal(Quantity.Parse("0.005"), places.Single(o => o.Side == Side.Buy).Size);
        Assert.Equal(Quantity.Parse("0.01"), places.Single(o => o.Side == Side.Sell).Size);
    }

    [Fact]
    public void Same_inputs_same_decision()
    {
        var a = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book()), P(x => x with { OrderLevels = 3 }), Btc);
        var b = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(Book()), P(x => x with { OrderLevels = 3 }), Btc);
        Assert.Equal(a.State, b.State);
        Assert.Equal(a.Decision.Places, b.Decision.Places);
    }

    [Fact]
    public void Every_proposal_is_on_tick_and_step_never_crosses_and_respects_max_position() =>
        Gen.Select(Gen.Long[1_000, 100_000], Gen.Long[1, 50], Gen.Long[-300, 300], Gen.Int[1, 5], Gen.Long[0, 200]).Sample((bidUnits, spreadTicks, positionSteps, levels, spreadBp) =>
        {
            var book = Book(bidUnits.ToString(), (bidUnits + spreadTicks).ToString());
            var p = P(x => x with
            {
                OrderLevels = levels, BidSpread = spreadBp / 10_000m, AskSpread = spreadBp / 10_000m, OrderLevelSpread = 0.0005m,
                MaxPosition = Quantity.Parse("0.02"), InventorySkew = true, InventoryRange = Quantity.Parse("0.02"),
            });
            var position = new Quantity(positionSteps * 100_000L);
            var places = PerpetualMarketMaker.OnTick(MarketMakerState.Initial, Ctx(book, position: position.ToString()), p, Btc).Decision.Places;
            long buys = 0, sells = 0;
            foreach (var o in places)
            {
                Assert.Equal(0, o.Price.Units % Btc.TickSize.Units);
                Assert.Equal(0, o.Size.Units % Btc.StepSize.Units);
                Assert.True(o.Size >= Btc.MinOrderSize);
                if (o.Side == Side.Buy) { Assert.True(o.Price.Units < (bidUnits + spreadTicks) * FixedPoint.Scale); buys += o.Size.Units; }
                else { Assert.True(o.Price.Units > bidUnits * FixedPoint.Scale); sells += o.Size.Units; }
            }
            Assert.True(Math.Abs(position.Units + buys) <= p.MaxPosition.Units || buys == 0);
            Assert.True(Math.Abs(position.Units - sells) <= p.MaxPosition.Units || sells == 0);
        });

    [Fact]
    public void Validation_names_the_key()
    {
        var problems = P(x => x with { OrderLevels = 0, BidSpread = -1m }).Validate();
        Assert.Contains(problems, p => p.Key == "order-levels");
        Assert.Contains(problems, p => p.Key == "bid-spread");
        Assert.Empty(P().Validate());
    }
}
