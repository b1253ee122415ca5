using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Xunit;
using static Engine.Simulation.Tests.Venue;

namespace Engine.Simulation.Tests;

public class SubmitTests
{
    private static string Rejection(List<ExecutionReport> reports) => Assert.IsType<OrderRejected>(Assert.Single(reports)).Reason;

    [Theory]
    [InlineData("100.5", "0.1", "Order price must be a multiple of the tickSize 1")]
    [InlineData("100", "0.0105", "Order size must be a multiple of the stepSize 0.001")]
    [InlineData("100", "0.009", "Order size must be at least minOrderSize 0.01")]
    public void Invalid_price_or_size_is_rejected_with_the_v3_text(string price, string size, string message)
    {
        var v = new Venue();
        Assert.Equal(message, Rejection(v.Submit(Req("1", Side.Buy, price, size))));
        Assert.Empty(v.Market.RestingOrders);
        Assert.Equal(1, v.Market.OrdersRejected);
    }

    [Fact]
    public void Expiration_must_be_at_least_a_minute_ahead()
    {
        var v = new Venue();
        var tooSoon = Req("1", Side.Buy, "100", "0.1", expiration: T0.AddNanos(59 * Timestamp.NanosPerSecond));
        Assert.Equal("Order expiration cannot be less than 1 minute(s) in the future", Rejection(v.Submit(tooSoon)));

        var exactlyAMinute = Req("2", Side.Buy, "100", "0.1", expiration: T0.AddNanos(60 * Timestamp.NanosPerSecond));
        Assert.IsType<OrderAccepted>(Assert.Single(v.Submit(exactlyAMinute)));
    }

    [Fact]
    public void A_client_id_can_never_be_reused_even_after_the_order_ended()
    {
        var v = new Venue();
        v.Submit(Req("7", Side.Buy, "100", "0.1"));
        Assert.Equal("Order with specified clientId already exists", Rejection(v.Submit(Req("7", Side.Buy, "99", "0.1"))));
        v.Cancel("7");
        Assert.Equal("Order with specified clientId already exists", Rejection(v.Submit(Req("7", Side.Buy, "99", "0.1"))));
    }

    [Fact]
    public void A_rejected_order_does_not_reserve_its_client_id()
    {
        var v = new Venue();
        v.Submit(Req("7", Side.Buy, "100.5", "0.1"));
        Assert.IsType<OrderAccepted>(Assert.Single(v.Submit(Req("7", Side.Buy, "100", "0.1"))));
    }

    [Fact]
    public void Post_only_that_would_cross_is_accepted_then_canceled()
    {
        var v = new Venue();
        v.Book.Bid("99", "1").Ask("100", "2");
        var reports = v.Submit(Req("1", Side.Buy, "100", "0.5", postOnly: true));
        Assert.Collection(reports,
            r => Assert.Equal(new OrderAccepted("1", "BTC-USD-order-1", T0), r),
            r => Assert.Equal(new OrderCanceled("1", CancelReason.PostOnlyWouldCross, T0), r));
        Assert.Empty(v.Market.RestingOrders);

        var sell = v.Submit(Req("2", Side.Sell, "99", "0.5", postOnly: true));
        Assert.Equal(CancelReason.PostOnlyWouldCross, Assert.IsType<OrderCanceled>(sell[1]).Reason);
    }

    [Fact]
    public void Post_only_that_does_not_cross_rests_behind_the_visible_level()
    {
        var v = new Venue();
        v.Book.Bid("99", "1.5").Ask("100", "2");
        Assert.IsType<OrderAccepted>(Assert.Single(v.Submit(Req("1", Side.Buy, "99", "0.5", postOnly: true))));
        var order = Assert.Single(v.Market.Bids);
        Assert.Equal(Q("1.5"), order.Queue.Ahead);
        Assert.Equal(Q("0.5"), order.Remaining);
    }

    [Fact]
    public void Marketable_order_walks_visible_levels_up_to_its_limit_and_rests_the_rest()
    {
        var v = new Venue();
        v.Book.Ask("100", "1").Ask("101", "2").Ask("102", "5");
        var reports = v.Submit(Req("1", Side.Buy, "101", "3.5"));

        Assert.IsType<OrderAccepted>(reports[0]);
        var first = Assert.IsType<OrderFilled>(reports[1]);
        var second = Assert.IsType<OrderFilled>(reports[2]);
        Assert.Equal(3, reports.Count);

        Assert.Equal(new Fill("BTC-USD-1", "1", "BTC-USD", Side.Buy, P("100"), Q("1"), 0.1m, Liquidity.Taker, T0), first.Fill);
        Assert.Equal(Q("2.5"), first.RemainingSize);
        Assert.Equal(new Fill("BTC-USD-2", "1", "BTC-USD", Side.Buy, P("101"), Q("2"), 0.202m, Liquidity.Taker, T0), second.Fill);
        Assert.Equal(Q("0.5"), second.RemainingSize);

        var resting = Assert.Single(v.Market.Bids);
        Assert.Equal(Q("0.5"), resting.Remaining);
        Assert.Equal(P("101"), resting.Price);

        // The recorded levels still show the liquidity we took; it must not fill the resting rest again.
        Assert.Empty(v.BookUpdated());
        Assert.Equal(2, v.Market.TakerFills);
        Assert.Equal(0.302m, v.Market.FeesCharged);
    }

    [Fact]
    public void Sell_walks_bids_downwards()
    {
        var v = new Venue();
        v.Book.Bid("100", "0.2").Bid("99", "0.3").Bid("98", "1");
        var fills = v.Submit(Req("1", Side.Sell, "99", "1", TimeInForce.Ioc)).OfType<OrderFilled>().Select(f => (f.Fill.Price, f.Fill.Size)).ToList();
        Assert.Equal([(P("100"), Q("0.2")), (P("99"), Q("0.3"))], fills);
    }

    [Fact]
    public void Taker_fee_is_size_times_price_times_rate_exactly()
    {
        var v = new Venue(fees: new FeeSchedule(-0.00025m, 0.0007m));
        v.Book.Ask("26160", "5");
        var fill = v.Submit(Req("1", Side.Buy, "26160", "0.27", TimeInForce.Ioc)).OfType<OrderFilled>().Single().Fill;
        Assert.Equal(0.27m * 26160m * 0.0007m, fill.Fee);
        Assert.Equal(4.94424m, fill.Fee);
    }

    [Fact]
    public void Ioc_cancels_its_unfilled_remainder_as_partially_filled()
    {
        var v = new Venue();
        v.Book.Ask("100", "1");
        var reports = v.Submit(Req("1", Side.Buy, "100", "2", TimeInForce.Ioc));
        Assert.Equal(Q("1"), Assert.IsType<OrderFilled>(reports[1]).RemainingSize);
        Assert.Equal(CancelReason.ImmediateOrCancelPartiallyFilled, Assert.IsType<OrderCanceled>(reports[2]).Reason);
        Assert.Empty(v.Market.RestingOrders);
    }

    [Fact]
    public void Ioc_without_liquidity_could_not_fill()
    {
        var v = new Venue();
        v.Book.Ask("101", "1");
        var reports = v.Submit(Req("1", Side.Buy, "100", "2", TimeInForce.Ioc));
        Assert.Equal(2, reports.Count);
        Assert.Equal(CancelReason.CouldNotFill, Assert.IsType<OrderCanceled>(reports[1]).Reason);
    }

    [Fact]
    public void Fok_is_all_or_nothing()
    {
        var v = new Venue();
        v.Book.Ask("100", "1").Ask("101", "1");
        var none = v.Submit(Req("1", Side.Buy, "100", "2", TimeInForce.Fok));
        Assert.Equal(2, none.Count);
        Assert.Equal(CancelReason.CouldNotFill, Assert.IsType<OrderCanceled>(none[1]).Reason);

        var all = v.Submit(Req("2", Side.Buy, "101", "2", TimeInForce.Fok));
        Assert.IsType<OrderAccepted>(all[0]);
        Assert.Equal([Q("1"), Q("1")], all.Skip(1).Select(r => Assert.IsType<OrderFilled>(r).Fill.Size));
        Assert.Equal(Quantity.Zero, ((OrderFilled)all[^1]).RemainingSize);
    }

    [Fact]
    public void Fok_counts_only_liquidity_not_already_taken()
    {
        var v = new Venue();
        v.Book.Ask("100", "1");
        v.Submit(Req("1", Side.Buy, "100", "0.6", TimeInForce.Ioc));
        var reports = v.Submit(Req("2", Side.Buy, "100", "0.5", TimeInForce.Fok));
        Assert.Equal(CancelReason.CouldNotFill, Assert.IsType<OrderCanceled>(reports[1]).Reason);
        Assert.Single(v.Submit(Req("3", Side.Buy, "100", "0.4", TimeInForce.Fok)).OfType<OrderFilled>());
    }

    [Fact]
    public void Cancel_removes_a_resting_order_and_rejects_unknown_or_finished_ones()
    {
        var v = new Venue();
        v.Submit(Req("1", Side.Buy, "99", "1"));
        Assert.Equal(new OrderCanceled("1", CancelReason.UserCanceled, T0), Assert.Single(v.Cancel("1")));
        Assert.Empty(v.Market.RestingOrders);
        Assert.Equal("No order found with clientId 1", Rejection(v.Cancel("1")));
        Assert.Equal("No order found with clientId 42", Rejection(v.Cancel("42")));
        Assert.Equal(2, v.Market.CancelsRejected);
    }

    [Fact]
    public void Gtt_orders_expire_at_their_expiration()
    {
        var v = new Venue();
        var exp = T0.AddNanos(120 * Timestamp.NanosPerSecond);
        v.Submit(Req("1", Side.Sell, "101", "1", expiration: exp));
        v.Submit(Req("2", Side.Sell, "102", "1", expiration: exp.AddNanos(Timestamp.NanosPerHour)));

        Assert.Empty(v.Do((m, o) => m.ExpireOrders(exp.AddNanos(-1), o)));
        Assert.Equal(new OrderCanceled("1", CancelReason.Expired, exp), Assert.Single(v.Do((m, o) => m.ExpireOrders(exp, o))));
        Assert.Equal("2", Assert.Single(v.Market.RestingOrders).ClientId);
        Assert.Equal(1, v.Market.OrdersExpired);
    }

    [Fact]
    public void An_expired_order_never_fills_even_without_an_explicit_expiry_call()
    {
        var v = new Venue();
        var exp = T0.AddNanos(120 * Timestamp.NanosPerSecond);
        v.Submit(Req("1", Side.Sell, "101", "1", expiration: exp));
        var reports = v.Trade(Side.Buy, "102", "5", exp);
        Assert.Equal(CancelReason.Expired, Assert.IsType<OrderCanceled>(Assert.Single(reports)).Reason);
    }

    [Fact]
    public void Venue_order_ids_and_fill_ids_are_sequential_per_market()
    {
        var v = new Venue();
        v.Book.Ask("100", "5");
        var reports = v.Submit(Req("1", Side.Buy, "100", "1", TimeInForce.Ioc))
            .Concat(v.Submit(Req("2", Side.Buy, "100", "1", TimeInForce.Ioc))).ToList();
        Assert.Equal(["BTC-USD-order-1", "BTC-USD-order-2"], reports.OfType<OrderAccepted>().Select(a => a.VenueOrderId));
        Assert.Equal(["BTC-USD-1", "BTC-USD-2"], reports.OfType<OrderFilled>().Select(f => f.Fill.FillId));
    }
}
