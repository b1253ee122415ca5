using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Orders;

/// <summary>Synchronous POST /v3/orders rejections: HTTP 400 with the v3 (or documented simulator) message text.</summary>
public sealed class ValidationTests
{
    private readonly Harness _h = new();
    private readonly string _alice;

    public ValidationTests() => _alice = _h.NewAccount();

    [Fact]
    public void Expiration_less_than_a_minute_ahead_is_the_real_v3_error()
    {
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", expiresIn: TimeSpan.FromSeconds(59))),
            "Order expiration cannot be less than 1 minute(s) in the future");
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", expiresIn: TimeSpan.FromSeconds(60))).IsSuccess);
    }

    [Fact]
    public void Price_must_be_on_the_tick() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000.5", "0.01")), "Order price must be a multiple of the tickSize 1");

    [Fact]
    public void Size_must_be_on_the_step() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01005")), "Order size must be a multiple of the stepSize 0.0001");

    [Fact]
    public void Size_must_reach_the_minimum() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.0009")), "Order size must be at least minOrderSize 0.001");

    [Fact]
    public void Unknown_market_is_rejected()
    {
        var request = _h.Order(Side.Buy, "29000", "0.01") with { Market = "FOO-USD" };
        AssertError(_h.Place(_alice, request), "Invalid market FOO-USD");
    }

    [Fact]
    public void Market_orders_need_fok_or_ioc_and_a_worst_price()
    {
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "31000", "0.01", type: OrderType.Market)), "Market orders must have timeInForce FOK or IOC");
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "31000", "0.01", TimeInForce.Ioc, type: OrderType.Market)).IsSuccess);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "0", "0.01", TimeInForce.Ioc, type: OrderType.Market)), "Order price must be greater than 0");
    }

    [Fact]
    public void Triggerable_types_are_not_supported() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", type: OrderType.StopLimit)), "Order type STOP_LIMIT is not supported by the sandbox");

    [Theory]
    [InlineData(false, TimeInForce.Gtt, "0.0009", "Order limitFee 0.0009 is below the account fee rate 0.001")] // GTT: max(maker, taker)
    [InlineData(false, TimeInForce.Ioc, "0.0009", "Order limitFee 0.0009 is below the account fee rate 0.001")] // IOC: taker
    [InlineData(true, TimeInForce.Gtt, "0.0004", "Order limitFee 0.0004 is below the account fee rate 0.0005")] // postOnly: maker
    public void Limit_fee_is_checked_against_the_rate_that_applies(bool postOnly, TimeInForce tif, string limitFee, string message) =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", tif, postOnly, limitFee: decimal.Parse(limitFee, System.Globalization.CultureInfo.InvariantCulture))), message);

    [Fact]
    public void Post_only_only_needs_the_maker_rate()
    {
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", postOnly: true, limitFee: 0.0005m)).IsSuccess);
        Assert.False(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", postOnly: false, limitFee: 0.0005m)).IsSuccess);
    }

    [Fact]
    public void Client_id_is_unique_per_account_for_its_whole_history()
    {
        var first = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", clientId: "42")).Unwrap();
        AssertError(_h.Place(_alice, _h.Order(Side.Sell, "31000", "0.01", clientId: "42")), "Order with specified clientId already exists");
        _h.Exchange.CancelOrder(_alice, first.Id, _h.Now);
        _h.Exchange.ProcessPending(_h.Now);
        AssertError(_h.Place(_alice, _h.Order(Side.Sell, "31000", "0.01", clientId: "42")), "Order with specified clientId already exists");
        // Another account may use the same client id.
        Assert.True(_h.Place(_h.NewAccount(), _h.Order(Side.Buy, "29000", "0.01", clientId: "42")).IsSuccess);
    }

    [Fact]
    public void At_most_twenty_open_orders_per_market_and_side()
    {
        for (int i = 0; i < 20; i++) Assert.True(_h.Place(_alice, _h.Order(Side.Buy, (29000 - i).ToString(), "0.01")).IsSuccess);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "28000", "0.01")), "Account has too many open orders for market BTC-USD and side BUY");
        // The other side has its own twenty.
        Assert.True(_h.Place(_alice, _h.Order(Side.Sell, "31000", "0.01")).IsSuccess);
        _h.Exchange.ProcessPending(_h.Now);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "28000", "0.01")), "Account has too many open orders for market BTC-USD and side BUY");
    }

    [Fact]
    public void A_cancel_replace_at_the_limit_is_allowed_and_a_cancel_in_flight_frees_a_slot()
    {
        var ids = Enumerable.Range(0, 20).Select(i => _h.Place(_alice, _h.Order(Side.Buy, (29000 - i).ToString(), "0.01")).Unwrap().Id).ToList();
        _h.Exchange.ProcessPending(_h.Now);
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "28500", "0.01", cancelId: ids[0])).IsSuccess);
        Assert.True(_h.Exchange.CancelOrder(_alice, ids[1], _h.Now).IsSuccess);
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "28400", "0.01")).IsSuccess);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "28300", "0.01")), "Account has too many open orders for market BTC-USD and side BUY");
    }

    [Fact]
    public void Unknown_cancel_id_is_the_real_no_order_error() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", cancelId: "abc")), "No order found with id: abc");

    [Fact]
    public void Market_status_gates_order_entry()
    {
        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { Status = "POST_ONLY" }, _h.Now);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")), "Market BTC-USD is POST_ONLY: only postOnly orders are accepted");
        var resting = _h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", postOnly: true)).Unwrap();

        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { Status = "CANCEL_ONLY" }, _h.Now);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", postOnly: true)), "Market BTC-USD is CANCEL_ONLY: orders cannot be placed");
        Assert.True(_h.Exchange.CancelOrder(_alice, resting.Id, _h.Now).IsSuccess);

        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { Status = "OFFLINE" }, _h.Now);
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", postOnly: true)), "Market BTC-USD is OFFLINE: orders cannot be placed");

        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { Status = "ONLINE" }, _h.Now);
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01")).IsSuccess);
    }

    [Fact]
    public void Unknown_account_and_unknown_order_ids()
    {
        AssertError(_h.Exchange.PlaceOrder("nobody", _h.Order(Side.Buy, "29000", "0.01"), _h.Now), "No account found with id: nobody", 404);
        AssertError(_h.Exchange.CancelOrder(_alice, "0abc", _h.Now), "No order found with id: 0abc");
        AssertError(_h.Exchange.GetOrder(_alice, "0abc"), "No order found with id: 0abc");
    }

    [Fact]
    public void A_rejected_order_leaves_no_trace()
    {
        _h.Drain();
        Assert.False(_h.Place(_alice, _h.Order(Side.Buy, "29000.5", "0.01", clientId: "7")).IsSuccess);
        Assert.Empty(_h.Drain());
        Assert.Equal(0, _h.Exchange.PendingCommands);
        Assert.True(_h.Place(_alice, _h.Order(Side.Buy, "29000", "0.01", clientId: "7")).IsSuccess); // the client id was not used up
    }
}
