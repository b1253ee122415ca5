using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Orders;

/// <summary>The two-step v3 lifecycle: PENDING on acceptance, OPEN/FILLED/CANCELED(+reason) at the matcher step.</summary>
public sealed class LifecycleTests
{
    private readonly Harness _h = new();
    private readonly string _alice;
    private readonly string _bob;

    public LifecycleTests()
    {
        _alice = _h.NewAccount();
        _bob = _h.NewAccount();
    }

    [Fact]
    public void Pending_then_open_then_filled()
    {
        var placed = _h.Place(_alice, _h.Order(Side.Sell, "30100", "0.5")).Unwrap();
        Assert.Equal(V3OrderStatus.Pending, placed.Status);
        Assert.Equal(V3OrderStatus.Pending, _h.Get(_alice, placed.Id).Status); // nothing happens until the matcher runs
        Assert.Empty(_h.Exchange.GetOrderbook(Btc).Unwrap().Asks);

        Assert.Equal(1, _h.Exchange.ProcessPending(_h.Now));
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, placed.Id).Status);
        Assert.Equal(Q("0.5"), _h.Exchange.GetOrderbook(Btc).Unwrap().Asks.Single().Size);

        var taker = _h.PlaceAndProcess(_bob, _h.Order(Side.Buy, "30100", "0.5", TimeInForce.Fok));
        Assert.Equal(V3OrderStatus.Filled, taker.Status);
        var maker = _h.Get(_alice, placed.Id);
        Assert.Equal(V3OrderStatus.Filled, maker.Status);
        Assert.Equal(Quantity.Zero, maker.RemainingSize);
        Assert.Equal(CancelReason.None, maker.CancelReason);
        Assert.Empty(_h.Exchange.GetOrderbook(Btc).Unwrap().Asks);
    }

    [Fact]
    public void The_account_stream_shows_pending_then_open()
    {
        _h.Drain();
        var placed = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")).Unwrap();
        var accepted = Assert.IsType<AccountChanged>(Assert.Single(_h.Drain()));
        Assert.Equal(V3OrderStatus.Pending, Assert.Single(accepted.Orders).Status);

        _h.Exchange.ProcessPending(_h.Now);
        var events = _h.Drain();
        var update = Assert.Single(events.OfType<AccountChanged>());
        Assert.Equal(placed.Id, Assert.Single(update.Orders).Id);
        Assert.Equal(V3OrderStatus.Open, update.Orders[0].Status);
        var book = Assert.Single(events.OfType<OrderbookChanged>());
        Assert.Equal(new PublicBookLevel(P("29000"), Q("0.01"), book.Offset), Assert.Single(book.Bids));
    }

    [Fact]
    public void Cancel_returns_the_order_as_it_is_and_cancels_at_the_next_step()
    {
        var placed = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);

        var response = _h.Exchange.CancelOrder(_alice, placed.Id, _h.Now).Unwrap();
        Assert.Equal(V3OrderStatus.Open, response.Status);
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, placed.Id).Status);

        _h.Exchange.ProcessPending(_h.Now);
        AssertCanceled(_h.Get(_alice, placed.Id), CancelReason.UserCanceled);
        Assert.Null(_h.Get(_alice, placed.Id).UnfillableAt);
        Assert.Empty(_h.Exchange.GetOrderbook(Btc).Unwrap().Bids);
        AssertError(_h.Exchange.CancelOrder(_alice, placed.Id, _h.Now), $"Order with id: {placed.Id} is already CANCELED");
    }

    [Fact]
    public void A_cancel_of_a_pending_order_returns_it_pending()
    {
        var placed = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")).Unwrap();
        Assert.Equal(V3OrderStatus.Pending, _h.Exchange.CancelOrder(_alice, placed.Id, _h.Now).Unwrap().Status);
        Assert.Equal(2, _h.Exchange.ProcessPending(_h.Now));
        AssertCanceled(_h.Get(_alice, placed.Id), CancelReason.UserCanceled);
    }

    [Fact]
    public void An_order_filled_before_its_cancel_is_processed_stays_filled()
    {
        var placed = _h.Place(_alice, _h.Order(Side.Buy, "30000", "0.01")).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);
        _h.Place(_bob, _h.Order(Side.Sell, "30000", "0.01", TimeInForce.Ioc));
        _h.Exchange.CancelOrder(_alice, placed.Id, _h.Now);
        _h.Exchange.ProcessPending(_h.Now);
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, placed.Id).Status);
    }

    [Fact]
    public void Post_only_that_would_cross_is_accepted_then_canceled()
    {
        _h.Background(Side.Sell, "30010", "1");
        var order = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30010", "0.1", postOnly: true));
        AssertCanceled(order, CancelReason.PostOnlyWouldCross);
        Assert.NotNull(order.UnfillableAt);
        Assert.Empty(_h.Exchange.GetFills(_alice).Unwrap());

        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30009", "0.1", postOnly: true));
        Assert.Equal(V3OrderStatus.Open, resting.Status);
    }

    [Fact]
    public void Ioc_partial_fill_cancels_the_rest_with_the_real_reason()
    {
        _h.Background(Side.Sell, "30010", "0.3");
        _h.Background(Side.Sell, "30020", "0.2");
        var order = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30015", "1", TimeInForce.Ioc));
        AssertCanceled(order, CancelReason.ImmediateOrCancelPartiallyFilled);
        Assert.Equal(Q("0.7"), order.RemainingSize);
        var fill = Assert.Single(_h.Exchange.GetFills(_alice).Unwrap());
        Assert.Equal((P("30010"), Q("0.3"), Liquidity.Taker), (fill.Price, fill.Size, fill.Liquidity));
        // The background it took stays taken until the feed sets that level again.
        var asks = _h.Exchange.GetOrderbook(Btc).Unwrap().Asks;
        Assert.Equal(P("30020"), Assert.Single(asks).Price);
    }

    [Fact]
    public void Ioc_with_nothing_to_take_could_not_fill()
    {
        _h.Background(Side.Sell, "30010", "0.3");
        AssertCanceled(_h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30000", "1", TimeInForce.Ioc)), CancelReason.CouldNotFill);
    }

    [Fact]
    public void Fok_is_all_or_nothing()
    {
        _h.Background(Side.Sell, "30010", "0.3");
        _h.Background(Side.Sell, "30020", "0.2");
        var tooBig = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30020", "0.6", TimeInForce.Fok));
        AssertCanceled(tooBig, CancelReason.CouldNotFill);
        Assert.Empty(_h.Exchange.GetFills(_alice).Unwrap());
        Assert.Equal(2, _h.Exchange.GetOrderbook(Btc).Unwrap().Asks.Count);

        var exact = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30020", "0.5", TimeInForce.Fok));
        Assert.Equal(V3OrderStatus.Filled, exact.Status);
        Assert.Equal([(P("30020"), Q("0.2")), (P("30010"), Q("0.3"))],
            _h.Exchange.GetFills(_alice).Unwrap().Select(f => (f.Price, f.Size))); // newest first
    }

    [Fact]
    public void Market_order_walks_the_book_up_to_its_worst_price()
    {
        _h.Background(Side.Buy, "29990", "0.3");
        _h.Background(Side.Buy, "29980", "0.3");
        var order = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "29985", "0.5", TimeInForce.Ioc, type: OrderType.Market));
        AssertCanceled(order, CancelReason.ImmediateOrCancelPartiallyFilled);
        Assert.Equal(Q("0.2"), order.RemainingSize);
    }

    [Fact]
    public void Cancel_id_cancels_the_old_order_then_places_the_new_one()
    {
        var old = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);
        var replacement = _h.Place(_alice, _h.Order(Side.Buy, "29001", "0.02", cancelId: old.Id)).Unwrap();
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, old.Id).Status); // not before the matcher step
        _h.Exchange.ProcessPending(_h.Now);
        AssertCanceled(_h.Get(_alice, old.Id), CancelReason.UserCanceled);
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, replacement.Id).Status);
        var bid = Assert.Single(_h.Exchange.GetOrderbook(Btc).Unwrap().Bids);
        Assert.Equal((P("29001"), Q("0.02")), (bid.Price, bid.Size));
    }

    [Fact]
    public void Cancel_id_of_an_already_filled_order_still_places_the_new_one()
    {
        var old = _h.Place(_alice, _h.Order(Side.Buy, "30000", "0.01")).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);
        _h.PlaceAndProcess(_bob, _h.Order(Side.Sell, "30000", "0.01", TimeInForce.Fok));
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, old.Id).Status);

        var replacement = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29999", "0.01", cancelId: old.Id));
        Assert.Equal(V3OrderStatus.Open, replacement.Status);
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, old.Id).Status);
    }

    [Fact]
    public void Resting_orders_expire_at_their_expiration()
    {
        var order = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", expiresIn: TimeSpan.FromMinutes(2))).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);
        _h.Advance(TimeSpan.FromSeconds(119));
        _h.Exchange.ProcessPending(_h.Now);
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, order.Id).Status);
        _h.Advance(TimeSpan.FromSeconds(1));
        _h.Exchange.AdvanceTime(_h.Now);
        AssertCanceled(_h.Get(_alice, order.Id), CancelReason.Expired);
        Assert.Empty(_h.Exchange.GetOrderbook(Btc).Unwrap().Bids);
    }

    [Fact]
    public void An_order_whose_expiration_passed_before_processing_is_expired_not_matched()
    {
        _h.Background(Side.Sell, "30010", "1");
        var order = _h.Place(_alice, _h.Order(Side.Buy, "30010", "0.1", TimeInForce.Ioc, expiresIn: TimeSpan.FromMinutes(1))).Unwrap();
        _h.Advance(TimeSpan.FromMinutes(2));
        _h.Exchange.ProcessPending(_h.Now);
        AssertCanceled(_h.Get(_alice, order.Id), CancelReason.Expired);
        Assert.Empty(_h.Exchange.GetFills(_alice).Unwrap());
    }

    [Fact]
    public void Self_trade_cancels_the_taker_after_what_it_filled_before()
    {
        _h.Background(Side.Sell, "30010", "0.1");
        var own = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30020", "0.5"));
        _h.Background(Side.Sell, "30030", "1");
        var taker = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30030", "1", TimeInForce.Ioc));
        AssertCanceled(taker, CancelReason.SelfTrade);
        Assert.Equal(Q("0.9"), taker.RemainingSize); // 0.1 from the background ahead of its own order
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, own.Id).Status);
        Assert.Equal(Q("0.5"), _h.Get(_alice, own.Id).RemainingSize);
    }

    [Fact]
    public void Fok_that_would_self_trade_fills_nothing()
    {
        _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30020", "0.5"));
        var taker = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30020", "0.5", TimeInForce.Fok));
        AssertCanceled(taker, CancelReason.SelfTrade);
        Assert.Empty(_h.Exchange.GetFills(_alice).Unwrap());
    }

    [Fact]
    public void Order_queries_filter_and_sort_newest_first()
    {
        var a = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29000", "0.01"));
        _h.Advance(TimeSpan.FromSeconds(1));
        var b = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "31000", "0.01"));
        _h.Advance(TimeSpan.FromSeconds(1));
        var c = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29001", "0.01", TimeInForce.Ioc));

        Assert.Equal([b.Id, a.Id], _h.Exchange.GetOrders(_alice).Unwrap().Select(o => o.Id)); // active only by default
        Assert.Equal([c.Id], _h.Exchange.GetOrders(_alice, new OrderQuery { Statuses = new HashSet<V3OrderStatus> { V3OrderStatus.Canceled } }).Unwrap().Select(o => o.Id));
        Assert.Equal([a.Id], _h.Exchange.GetOrders(_alice, new OrderQuery { Side = Side.Buy }).Unwrap().Select(o => o.Id));
        Assert.Equal([a.Id], _h.Exchange.GetOrders(_alice, new OrderQuery { CreatedBeforeOrAt = a.CreatedAt }).Unwrap().Select(o => o.Id));
        Assert.Single(_h.Exchange.GetOrders(_alice, new OrderQuery { Limit = 1 }).Unwrap());
        Assert.Equal("limit must be between 1 and 100", _h.Exchange.GetOrders(_alice, new OrderQuery { Limit = 101 }).Error!.Message);

        Assert.Equal(c.Id, _h.Exchange.GetOrderByClientId(_alice, c.ClientId, _h.Now).Unwrap().Id);
        _h.Advance(TimeSpan.FromHours(2));
        Assert.Equal($"No order found with clientId: {c.ClientId}", _h.Exchange.GetOrderByClientId(_alice, c.ClientId, _h.Now).Error!.Message);
    }

    [Fact]
    public void Active_orders_endpoints_filter_by_market_side_and_id()
    {
        var bid = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29000", "0.01"));
        var ask = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "31000", "0.02"));
        Assert.Equal(2, _h.Exchange.GetActiveOrders(_alice, Btc).Unwrap().Count);
        var only = Assert.Single(_h.Exchange.GetActiveOrders(_alice, Btc, Side.Sell).Unwrap());
        Assert.Equal((ask.Id, Q("0.02")), (only.Id, only.RemainingSize));
        Assert.Equal("side is required when id is given", _h.Exchange.GetActiveOrders(_alice, Btc, null, bid.Id).Error!.Message);
        Assert.Equal($"No order for market BTC-USD, side SELL, id {bid.Id}", _h.Exchange.GetActiveOrders(_alice, Btc, Side.Sell, bid.Id).Error!.Message);

        var canceled = Assert.Single(_h.Exchange.CancelActiveOrders(_alice, Btc, Side.Buy, bid.Id, _h.Now).Unwrap());
        Assert.Equal(bid.Id, canceled.Id);
        _h.Exchange.ProcessPending(_h.Now);
        AssertCanceled(_h.Get(_alice, bid.Id), CancelReason.UserCanceled);
        Assert.Equal(V3OrderStatus.Open, _h.Get(_alice, ask.Id).Status);
    }

    [Fact]
    public void Cancel_all_by_market_returns_the_orders_as_they_are()
    {
        _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29000", "0.01"));
        _h.Place(_alice, _h.Order(Side.Sell, "31000", "0.01"));
        var canceled = _h.Exchange.CancelAllOrders(_alice, Btc, _h.Now).Unwrap();
        Assert.Equal([V3OrderStatus.Open, V3OrderStatus.Pending], canceled.Select(o => o.Status));
        _h.Exchange.ProcessPending(_h.Now);
        Assert.Empty(_h.Exchange.GetOrders(_alice).Unwrap());
        Assert.Equal("Invalid market ETH-USD", _h.Exchange.CancelAllOrders(_alice, "ETH-USD", _h.Now).Error!.Message);
    }
}
