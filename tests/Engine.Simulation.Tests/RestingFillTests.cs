using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Xunit;
using static Engine.Simulation.Tests.Venue;

namespace Engine.Simulation.Tests;

public class RestingFillTests
{
    private static OrderFilled Filled(ExecutionReport r) => Assert.IsType<OrderFilled>(r);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_trade_at_our_price_eats_the_queue_ahead_first_then_fills_us(bool probabilistic)
    {
        var v = new Venue(probabilistic ? new ProbabilisticQueueModel(2) : RiskAverseQueueModel.Instance);
        v.Book.Bid("99", "5").Ask("100", "1");
        v.Submit(Req("1", Side.Buy, "99", "2"));
        var order = v.Market.Bids[0];
        Assert.Equal(Q("5"), order.Queue.Ahead);

        Assert.Empty(v.Trade(Side.Sell, "99", "3"));
        Assert.Equal(Q("2"), order.Queue.Ahead);

        var fill = Filled(Assert.Single(v.Trade(Side.Sell, "99", "3")));
        Assert.Equal(Q("1"), fill.Fill.Size);
        Assert.Equal(Q("1"), fill.RemainingSize);
        Assert.Equal(Liquidity.Maker, fill.Fill.Liquidity);
        Assert.Equal(1m * 99m * 0.0005m, fill.Fill.Fee);
        Assert.Equal(Quantity.Zero, order.Queue.Ahead);

        fill = Filled(Assert.Single(v.Trade(Side.Sell, "99", "4")));
        Assert.Equal(Q("1"), fill.Fill.Size);
        Assert.Equal(Quantity.Zero, fill.RemainingSize);
        Assert.Empty(v.Market.RestingOrders);
    }

    [Fact]
    public void Trades_on_the_wrong_side_or_at_worse_prices_do_not_fill()
    {
        var v = new Venue();
        v.Submit(Req("1", Side.Buy, "99", "1"));
        Assert.Empty(v.Trade(Side.Buy, "98", "5"));   // a buyer took liquidity: our bid is not the maker side
        Assert.Empty(v.Trade(Side.Sell, "100", "5")); // sold above our bid
    }

    [Fact]
    public void A_trade_strictly_through_our_price_fills_up_to_the_trade_size_whatever_the_queue()
    {
        var v = new Venue();
        v.Book.Ask("101", "5");
        v.Submit(Req("1", Side.Sell, "101", "2"));
        Assert.Equal(Q("5"), v.Market.Asks[0].Queue.Ahead);

        var fill = Filled(Assert.Single(v.Trade(Side.Buy, "102", "1.5")));
        Assert.Equal(P("101"), fill.Fill.Price);
        Assert.Equal(Q("1.5"), fill.Fill.Size);
        Assert.Equal(Q("0.5"), fill.RemainingSize);
        Assert.Equal(0.07575m, fill.Fill.Fee);
        Assert.Equal(Quantity.Zero, v.Market.Asks[0].Queue.Ahead);
    }

    [Fact]
    public void One_trade_cannot_fill_more_than_its_size_across_our_orders()
    {
        var v = new Venue();
        v.Submit(Req("1", Side.Sell, "101", "1"));
        v.Submit(Req("2", Side.Sell, "100", "1"));
        v.Submit(Req("3", Side.Sell, "101", "1"));

        var fills = v.Trade(Side.Buy, "102", "2.5").Select(Filled).ToList();
        // Best price first, then the oldest order at the same price.
        Assert.Equal(["2", "1", "3"], fills.Select(f => f.Fill.ClientId));
        Assert.Equal([Q("1"), Q("1"), Q("0.5")], fills.Select(f => f.Fill.Size));
        Assert.Equal(Q("0.5"), fills[2].RemainingSize);
    }

    [Fact]
    public void At_price_fills_of_two_orders_share_the_trade_with_each_ones_queue()
    {
        var v = new Venue();
        v.Book.Bid("99", "3");
        v.Submit(Req("A", Side.Buy, "99", "2"));
        v.Book.Bid("99", "5"); // two more join behind A
        v.Submit(Req("B", Side.Buy, "99", "2"));
        Assert.Equal([Q("3"), Q("5")], v.Market.Bids.Select(o => o.Queue.Ahead));

        // 8 printed: 3 ahead of A, A gets 2, 2 queued between A and B, B gets the last 1.
        var fills = v.Trade(Side.Sell, "99", "8").Select(Filled).ToList();
        Assert.Equal(["A", "B"], fills.Select(f => f.Fill.ClientId));
        Assert.Equal([Q("2"), Q("1")], fills.Select(f => f.Fill.Size));
    }

    [Fact]
    public void A_crossing_book_fills_at_our_price_bounded_by_the_crossing_visible_size()
    {
        var v = new Venue();
        v.Book.Bid("98", "1").Ask("101", "1");
        v.Submit(Req("1", Side.Buy, "100", "3"));

        v.Book.Ask("99", "0.5").Ask("100", "1");
        var fill = Filled(Assert.Single(v.BookUpdated()));
        Assert.Equal(P("100"), fill.Fill.Price);
        Assert.Equal(Q("1.5"), fill.Fill.Size);
        Assert.Equal(Q("1.5"), fill.RemainingSize);
        Assert.Equal(Liquidity.Maker, fill.Fill.Liquidity);
        Assert.Equal(1.5m * 100m * 0.0005m, fill.Fill.Fee);

        // Same book again: that liquidity is already ours.
        Assert.Empty(v.BookUpdated());

        // New size appears at a crossing level: only the increase is available.
        v.Book.Ask("100", "2");
        Assert.Equal(Q("1"), Filled(Assert.Single(v.BookUpdated())).Fill.Size);
    }

    [Fact]
    public void Crossing_liquidity_is_shared_best_order_first()
    {
        var v = new Venue();
        v.Book.Bid("105", "1").Ask("110", "1");
        v.Submit(Req("1", Side.Sell, "107", "1"));
        v.Submit(Req("2", Side.Sell, "106", "1"));
        v.Book.Bid("108", "1.5");
        var fills = v.BookUpdated().Select(Filled).ToList();
        Assert.Equal(["2", "1"], fills.Select(f => f.Fill.ClientId));
        Assert.Equal([Q("1"), Q("0.5")], fills.Select(f => f.Fill.Size));
        Assert.Equal([P("106"), P("107")], fills.Select(f => f.Fill.Price));
    }

    [Fact]
    public void A_level_decrease_moves_the_risk_averse_queue_only_below_its_estimate()
    {
        var v = new Venue();
        v.Book.Bid("99", "5");
        v.Submit(Req("1", Side.Buy, "99", "1"));
        v.Book.Bid("99", "7");
        Assert.Equal(Q("5"), v.Market.Bids[0].Queue.Ahead);
        v.Book.Bid("99", "6");
        Assert.Equal(Q("5"), v.Market.Bids[0].Queue.Ahead);
        v.Book.Bid("99", "2");
        Assert.Equal(Q("2"), v.Market.Bids[0].Queue.Ahead);
    }

    [Fact]
    public void A_level_decrease_moves_the_probabilistic_queue_by_its_weighted_share()
    {
        var v = new Venue(new ProbabilisticQueueModel(2));
        v.Book.Bid("99", "10");
        v.Submit(Req("1", Side.Buy, "99", "1"));
        v.Book.Bid("99", "12");
        v.Book.Bid("99", "10");
        // front 10, back 2: share = 2²/(2²+10²) = 1/26 of the 2 removed, rounded up to a unit.
        Assert.Equal(new Quantity(9_923_076_924), v.Market.Bids[0].Queue.Ahead);
    }

    [Fact]
    public void Probabilistic_queue_does_not_count_a_trade_twice_when_the_book_shows_it()
    {
        var v = new Venue(new ProbabilisticQueueModel(2));
        v.Book.Bid("99", "10");
        v.Submit(Req("1", Side.Buy, "99", "1"));
        v.Book.Bid("99", "12");
        v.Trade(Side.Sell, "99", "3");
        Assert.Equal(Q("7"), v.Market.Bids[0].Queue.Ahead);
        v.Book.Bid("99", "9"); // the trade's 3 leaving the level
        Assert.Equal(Q("7"), v.Market.Bids[0].Queue.Ahead);
    }

    [Fact]
    public void After_a_book_clear_the_whole_rebuilt_level_is_ahead_of_us()
    {
        var v = new Venue();
        v.Book.Bid("99", "5");
        v.Submit(Req("1", Side.Buy, "99", "1"));
        v.Trade(Side.Sell, "99", "4");
        Assert.Equal(Q("1"), v.Market.Bids[0].Queue.Ahead);

        v.Book.Clear();
        v.Book.Bid("99", "4").Ask("100", "1");
        Assert.True(v.Market.Bids[0].QueueUnknown);
        Assert.Empty(v.Trade(Side.Sell, "99", "3")); // no at-price fills while the queue is unknown

        v.BookUpdated();
        Assert.False(v.Market.Bids[0].QueueUnknown);
        Assert.Equal(Q("4"), v.Market.Bids[0].Queue.Ahead);
        Assert.Empty(v.Trade(Side.Sell, "99", "4"));
        Assert.Single(v.Trade(Side.Sell, "99", "1"));
    }

    [Fact]
    public void Partial_fills_report_the_remaining_size_each_time()
    {
        var v = new Venue();
        v.Submit(Req("1", Side.Sell, "100", "1"));
        var remaining = new[] { "0.3", "0.3", "0.4" }
            .Select(size => Filled(Assert.Single(v.Trade(Side.Buy, "100", size))).RemainingSize).ToList();
        Assert.Equal([Q("0.7"), Q("0.4"), Quantity.Zero], remaining);
        Assert.Empty(v.Market.RestingOrders);
        Assert.Equal(3, v.Market.MakerFills);
    }
}
