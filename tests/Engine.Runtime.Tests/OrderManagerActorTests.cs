using Akka.Actor;
using Akka.TestKit.Xunit2;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Orders;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;
using Xunit;
using Xunit.Abstractions;
using Sim = Engine.Core.Venue;

namespace Engine.Runtime.Tests;

public sealed class OrderManagerActorTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "orders", output)
{
    private static readonly Timestamp T0 = new(1_651_449_600_000_000_000);
    private static readonly Timestamp Expiry = T0.AddNanos(28L * 24 * Timestamp.NanosPerHour);

    private static ApplyQuotes TwoQuotes(Timestamp t) => new(t, [],
    [
        new QuoteIntent(Side.Buy, Price.Parse("30000"), Quantity.Parse("0.01"), true, TimeInForce.Gtt, Expiry),
        new QuoteIntent(Side.Sell, Price.Parse("30010"), Quantity.Parse("0.01"), true, TimeInForce.Gtt, Expiry),
    ]);

    [Fact]
    public void Intent_is_journaled_then_sent_with_fresh_decimal_client_ids()
    {
        var venue = CreateTestProbe();
        var orders = Sys.ActorOf(OrderManagerActor.Props("orders-t1-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        orders.Tell(TwoQuotes(T0));
        var first = venue.ExpectMsg<SubmitOrder>();
        var second = venue.ExpectMsg<SubmitOrder>();
        Assert.Equal("1000000001", first.Request.ClientId);
        Assert.Equal("1000000002", second.Request.ClientId);
        Assert.All([first, second], s => Assert.Matches("^[0-9]+$", s.Request.ClientId));

        // A second decision before the first one's events are applied must not reuse ids.
        orders.Tell(TwoQuotes(T0));
        orders.Tell(TwoQuotes(T0));
        var ids = venue.ReceiveN(4).Cast<SubmitOrder>().Select(s => s.Request.ClientId).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.DoesNotContain("1000000001", ids);
    }

    [Fact]
    public async Task Fills_are_deduplicated_by_id_and_state_survives_a_restart()
    {
        var venue = CreateTestProbe();
        var subscriber = CreateTestProbe();
        var orders = Sys.ActorOf(OrderManagerActor.Props("orders-t2-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        orders.Tell(new SubscribeOrders(subscriber));
        subscriber.ExpectMsg<WorkingOrdersChanged>();
        orders.Tell(TwoQuotes(T0));
        var bid = venue.ExpectMsg<SubmitOrder>().Request;
        venue.ExpectMsg<SubmitOrder>();

        var fill = new Fill("BTC-USD-1", bid.ClientId, "BTC-USD", Side.Buy, bid.Price, Quantity.Parse("0.004"), 0.06m, Liquidity.Maker, T0.AddSeconds(1));
        orders.Tell(new VenueReports("BTC-USD", [new Sim.OrderAccepted(bid.ClientId, "v-1", T0), new Sim.OrderFilled(fill, Quantity.Parse("0.006"), fill.Time)]));
        orders.Tell(new VenueReports("BTC-USD", [new Sim.OrderFilled(fill, Quantity.Parse("0.006"), fill.Time)])); // replayed by the venue
        subscriber.FishForMessage(m => m is OrderFillBooked);
        var state = await orders.Ask<OrderState>(GetOrderState.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(1, state.Ledger.FillCount);
        // The replayed fill never reached the journal: the actor drops known fill ids before persisting.
        var before = state.Ledger.Orders;

        // Stop it hard and start a new incarnation with the same persistence id: exact recovery.
        Watch(orders);
        orders.Tell(PoisonPill.Instance);
        ExpectTerminated(orders);
        var recovered = Sys.ActorOf(OrderManagerActor.Props("orders-t2-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        var after = await recovered.Ask<OrderState>(GetOrderState.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(before, after.Ledger.Orders);
        var bidAfter = after.Ledger.Orders.Single(o => o.ClientId == bid.ClientId);
        Assert.Equal(Quantity.Parse("0.004"), bidAfter.Filled);
        Assert.Equal(OrderStatus.Open, bidAfter.Status);
        Assert.Contains("BTC-USD-1", after.Ledger.FillIds);

        // And the next client id continues after the recovered ones.
        recovered.Tell(TwoQuotes(T0));
        Assert.Equal("1000000003", venue.ExpectMsg<SubmitOrder>().Request.ClientId);
    }

    [Fact]
    public void Cancel_all_cancels_open_orders_and_answers_when_none_is_left()
    {
        var venue = CreateTestProbe();
        var orders = Sys.ActorOf(OrderManagerActor.Props("orders-t3-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        orders.Tell(TwoQuotes(T0));
        var a = venue.ExpectMsg<SubmitOrder>().Request;
        var b = venue.ExpectMsg<SubmitOrder>().Request;
        orders.Tell(new VenueReports("BTC-USD", [new Sim.OrderAccepted(a.ClientId, "v-1", T0), new Sim.OrderAccepted(b.ClientId, "v-2", T0)]));
        orders.Tell(new CancelAllOrders(T0.AddSeconds(5)));
        var cancels = venue.ReceiveN(2).Cast<CancelOrder>().Select(c => c.ClientId).Order().ToList();
        Assert.Equal(new[] { a.ClientId, b.ClientId }.Order(), cancels);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        orders.Tell(new VenueReports("BTC-USD",
        [
            new Sim.OrderCanceled(a.ClientId, CancelReason.UserCanceled, T0.AddSeconds(5)),
            new Sim.OrderCanceled(b.ClientId, CancelReason.UserCanceled, T0.AddSeconds(5)),
        ]));
        Assert.Equal(2, ExpectMsg<AllOrdersCanceled>().Count);
    }

    [Fact]
    public void Barrier_passes_only_after_the_work_sent_before_it()
    {
        var venue = CreateTestProbe();
        var orders = Sys.ActorOf(OrderManagerActor.Props("orders-t4-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        orders.Tell(TwoQuotes(T0));
        RouteBarrier.Create(1, orders, venue).PassOn(TestActor);
        venue.ExpectMsg<SubmitOrder>();
        venue.ExpectMsg<SubmitOrder>();
        Assert.True(venue.ExpectMsg<RouteBarrier>().IsHome);
    }
}
