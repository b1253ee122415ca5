using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Orders;

/// <summary>reduceOnly: FOK/IOC only, needs a position, opposite side, no larger than the position — and never grows it.</summary>
public sealed class ReduceOnlyTests
{
    private readonly Harness _h = new();
    private readonly string _alice;

    public ReduceOnlyTests()
    {
        _alice = _h.NewAccount();
        _h.Background(Side.Sell, "30010", "5");
        _h.Background(Side.Buy, "29990", "5");
    }

    private void GoLong(string size) =>
        Assert.Equal(V3OrderStatus.Filled, _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30010", size, TimeInForce.Fok)).Status);

    [Fact]
    public void Reduce_only_needs_fok_or_ioc() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Sell, "29990", "0.1", reduceOnly: true)), "reduceOnly orders must have timeInForce FOK or IOC");

    [Fact]
    public void Reduce_only_without_a_position_is_rejected() =>
        AssertError(_h.Place(_alice, _h.Order(Side.Sell, "29990", "0.1", TimeInForce.Ioc, reduceOnly: true)),
            "reduceOnly order requires an open position in BTC-USD");

    [Fact]
    public void Reduce_only_on_the_position_side_is_rejected()
    {
        GoLong("0.5");
        AssertError(_h.Place(_alice, _h.Order(Side.Buy, "30010", "0.1", TimeInForce.Ioc, reduceOnly: true)), "reduceOnly BUY order would increase the position");
    }

    [Fact]
    public void Reduce_only_larger_than_the_position_is_rejected()
    {
        GoLong("0.5");
        AssertError(_h.Place(_alice, _h.Order(Side.Sell, "29990", "0.6", TimeInForce.Ioc, reduceOnly: true)),
            "reduceOnly order size 0.6 exceeds the position size 0.5");
    }

    [Fact]
    public void Reduce_only_reduces()
    {
        GoLong("0.5");
        var order = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "29990", "0.5", TimeInForce.Fok, reduceOnly: true));
        Assert.Equal(V3OrderStatus.Filled, order.Status);
        Assert.Empty(_h.Account(_alice).OpenPositions);
    }

    [Fact]
    public void Reduce_only_capacity_is_the_position_at_processing_time()
    {
        GoLong("0.5");
        var ioc = _h.Place(_alice, _h.Order(Side.Sell, "29990", "0.5", TimeInForce.Ioc, reduceOnly: true)).Unwrap();
        var fok = _h.Place(_alice, _h.Order(Side.Sell, "29990", "0.5", TimeInForce.Fok, reduceOnly: true)).Unwrap();
        // The first reduce-only order closes the position before the second one is processed.
        _h.Place(_alice, _h.Order(Side.Sell, "29990", "0.3", TimeInForce.Fok));
        _h.Exchange.ProcessPending(_h.Now);
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, ioc.Id).Status);          // closed the 0.5
        AssertCanceled(_h.Get(_alice, fok.Id), CancelReason.CouldNotFill);           // nothing left to reduce
        var position = _h.Exchange.GetPositions(_alice).Unwrap().First();
        Assert.Equal(Q("-0.3"), position.Size);                                      // only the plain order opened a short
    }

    [Fact]
    public void Ioc_reduce_only_is_cut_to_the_remaining_position()
    {
        GoLong("0.5");
        var plain = _h.Place(_alice, _h.Order(Side.Sell, "29990", "0.3", TimeInForce.Fok)).Unwrap();
        var ioc = _h.Place(_alice, _h.Order(Side.Sell, "29990", "0.5", TimeInForce.Ioc, reduceOnly: true)).Unwrap();
        _h.Exchange.ProcessPending(_h.Now);
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, plain.Id).Status);
        var reduced = _h.Get(_alice, ioc.Id);
        AssertCanceled(reduced, CancelReason.ImmediateOrCancelPartiallyFilled);
        Assert.Equal(Q("0.2"), reduced.FilledSize);
        Assert.Empty(_h.Account(_alice).OpenPositions);
    }
}
