using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Venue;
using Engine.Dydx.Rest.Models;
using Engine.Runtime.Venue.Dydx;
using Xunit;
using Side = Engine.Core.Primitives.Side;
using TimeInForce = Engine.Core.Orders.TimeInForce;
using V3Fill = Engine.Dydx.Rest.Models.Fill;
using V3Order = Engine.Dydx.Rest.Models.Order;

namespace Engine.Runtime.Tests;

/// <summary>The venue's order tracker forgets finished orders beyond its bound, and only those.</summary>
public sealed class V3OrderTrackerRetentionTests
{
    private static readonly Timestamp Now = new(1_700_000_000_000_000_000);

    private static OrderRequest Request(int n) =>
        new($"1{n:D9}", "BTC-USD", Side.Buy, Price.Parse("30000"), Quantity.Parse("0.01"), TimeInForce.Gtt, true, Now);

    private static V3Order Order(int n, DydxOrderStatus status) => new()
    {
        Id = $"v{n}", ClientId = $"1{n:D9}", Market = "BTC-USD", Side = Side.Buy, Price = 30000m, Size = 0.01m,
        RemainingSize = status == DydxOrderStatus.Filled ? 0m : 0.01m, Type = DydxOrderType.Limit, CreatedAt = DateTimeOffset.UnixEpoch,
        Status = status, TimeInForce = TimeInForce.Gtt, PostOnly = true,
    };

    private static V3Fill Fill(int n) => new()
    {
        Id = $"f{n}", Side = Side.Buy, Liquidity = Liquidity.Maker, Type = DydxOrderType.Limit, Market = "BTC-USD", OrderId = $"v{n}",
        Price = 30000m, Size = 0.01m, Fee = 0.03m, CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Finished_orders_beyond_the_bound_are_forgotten_with_their_fills_and_working_ones_never()
    {
        var tracker = new V3OrderTracker(retainFinished: 2);
        var reports = new List<ExecutionReport>();
        for (int n = 0; n < 6; n++)
        {
            tracker.Submitted(Request(n));
            tracker.Placed(Order(n, DydxOrderStatus.Pending), Now, reports);
        }
        // 0..3 fill completely, 4 and 5 keep working.
        for (int n = 0; n < 4; n++) tracker.Update([Order(n, DydxOrderStatus.Filled)], [Fill(n)], Now, reports);
        Assert.Equal(2 + 2, tracker.Count);
        Assert.True(tracker.TryGetVenueId(Request(4).ClientId, out _));
        Assert.Equal(["v4", "v5"], tracker.UnfinishedVenueIds.Order());

        // A retained finished order's fill arriving again is still a duplicate...
        reports.Clear();
        tracker.Update([], [Fill(3)], Now, reports);
        Assert.Empty(reports);
        // ...and news about a forgotten one is not an order of this engine any more.
        tracker.Update([Order(0, DydxOrderStatus.Filled)], [Fill(0)], Now, reports);
        Assert.Empty(reports);
    }
}
