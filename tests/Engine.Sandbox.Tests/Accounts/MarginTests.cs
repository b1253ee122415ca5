using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Accounts;

/// <summary>Cross margin at oracle prices: orders that would breach the initial requirement are cancelled UNDERCOLLATERALIZED, asynchronously.</summary>
public sealed class MarginTests
{
    private readonly Harness _h = new();

    [Fact]
    public void An_order_that_would_breach_initial_margin_is_accepted_then_canceled()
    {
        // 1000 USDC at oracle 30000, IMF 0.05, worst fee 0.001: V = 1000 − 30s ≥ 1500s  ⇔  s ≤ 0.65359...
        string alice = _h.NewAccount(collateral: 1000m);
        var tooBig = _h.Place(alice, _h.Order(Side.Buy, "30000", "0.6536"));
        Assert.True(tooBig.IsSuccess); // not an HTTP error on v3
        _h.Exchange.ProcessPending(_h.Now);
        var canceled = _h.Get(alice, tooBig.Value!.Id);
        AssertCanceled(canceled, CancelReason.Undercollateralized);
        Assert.NotNull(canceled.UnfillableAt);

        var fits = _h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "0.6535"));
        Assert.Equal(V3OrderStatus.Open, fits.Status);
    }

    [Fact]
    public void Reducing_orders_are_never_blocked_by_margin()
    {
        string alice = _h.NewAccount(collateral: 1000m);
        _h.Background(Side.Sell, "30000", "10");
        Assert.Equal(V3OrderStatus.Filled, _h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "0.6", TimeInForce.Fok)).Status);
        _h.SetOracle("28500"); // V = 982 − 900 = 82 < IR 855: underwater
        Assert.True(_h.Account(alice).FreeCollateral < 0);
        // Adding to the position is blocked...
        AssertCanceled(_h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "0.001", TimeInForce.Ioc)), CancelReason.Undercollateralized);
        // ...closing it is not.
        _h.Background(Side.Buy, "28500", "10");
        Assert.Equal(V3OrderStatus.Filled, _h.PlaceAndProcess(alice, _h.Order(Side.Sell, "28500", "0.6", TimeInForce.Fok)).Status);
        Assert.Empty(_h.Account(alice).OpenPositions);
    }

    [Fact]
    public void A_resting_maker_that_can_no_longer_afford_its_fill_is_canceled_and_the_taker_moves_on()
    {
        string alice = _h.NewAccount(collateral: 1000m);
        string bob = _h.NewAccount();
        string carol = _h.NewAccount();
        var first = _h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "0.6"));
        var second = _h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "0.6")); // each fits alone, not both
        var third = _h.PlaceAndProcess(carol, _h.Order(Side.Buy, "30000", "0.5"));

        var taker = _h.PlaceAndProcess(bob, _h.Order(Side.Sell, "30000", "1.2", TimeInForce.Ioc));
        Assert.Equal(V3OrderStatus.Filled, _h.Get(alice, first.Id).Status);
        AssertCanceled(_h.Get(alice, second.Id), CancelReason.Undercollateralized);
        Assert.Equal(V3OrderStatus.Filled, _h.Get(carol, third.Id).Status);
        AssertCanceled(taker, CancelReason.ImmediateOrCancelPartiallyFilled);
        Assert.Equal(Q("0.1"), taker.RemainingSize);
    }

    [Fact]
    public void Equity_and_requirements_follow_the_oracle_with_incremental_imf()
    {
        string alice = _h.NewAccount(collateral: 100_000m, takerFee: 0m);
        _h.Background(Side.Sell, "30000", "20");
        _h.PlaceAndProcess(alice, _h.Order(Side.Buy, "30000", "10.5", TimeInForce.Fok, limitFee: 0.001m));
        var account = _h.Account(alice);
        Assert.Equal(100_000m - 315_000m, account.QuoteBalance);
        Assert.Equal(100_000m, account.Equity);
        // 10.5 is one started increment of 1.5 above the baseline 9: IMF 0.05 + 0.01.
        Assert.Equal(315_000m * 0.06m, account.InitialMarginRequirement);
        Assert.Equal(315_000m * 0.03m, account.MaintenanceMarginRequirement);
        Assert.Equal(100_000m - 18_900m, account.FreeCollateral);

        _h.SetOracle("31000");
        account = _h.Account(alice);
        Assert.Equal(100_000m + 10_500m, account.Equity);
        Assert.Equal(10.5m * 31_000m * 0.06m, account.InitialMarginRequirement);
        Assert.Equal(10_500m, account.OpenPositions[Btc].UnrealizedPnl);
    }

    [Fact]
    public void Max_position_size_cancels_with_failed()
    {
        string whale = _h.NewAccount(collateral: 100_000_000m);
        _h.Background(Side.Sell, "30000", "200");
        AssertCanceled(_h.PlaceAndProcess(whale, _h.Order(Side.Buy, "30000", "170.0001", TimeInForce.Ioc)), CancelReason.Failed);
        Assert.Equal(V3OrderStatus.Filled, _h.PlaceAndProcess(whale, _h.Order(Side.Buy, "30000", "170", TimeInForce.Ioc)).Status);
    }
}
