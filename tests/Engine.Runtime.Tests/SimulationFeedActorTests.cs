using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Engine.Recording;
using Engine.Runtime.Feed;
using Engine.Runtime.Pipeline;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests;

/// <summary>The feed drives one barrier per batch and reports completion only once everything has settled.</summary>
public sealed class SimulationFeedActorTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "feed", output)
{
    /// <summary>Stands in for every hop of the route: passes each barrier on when told to.</summary>
    private sealed record Hops(TestProbe Venue, TestProbe Orders, TestProbe Account, TestProbe Book, TestProbe Strategy)
    {
        public SimulationRoute Route => new(Venue, Orders, Account, Book, Strategy);
    }

    private (IActorRef Feed, TestProbe Parent, Hops Hops) Start()
    {
        var hops = new Hops(CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var parent = CreateTestProbe();
        var feed = parent.ChildActorOf(SimulationFeedActor.Props("BTC-USD", hops.Route, TimeSpan.FromMinutes(1)));
        return (feed, parent, hops);
    }

    [Fact]
    public void Completion_that_overtakes_the_last_barrier_waits_for_it_to_come_home()
    {
        var (feed, parent, hops) = Start();
        feed.Tell(StreamInit.Instance, TestActor);
        ExpectMsg<StreamAck>();
        feed.Tell(FrameBatch.Empty(new Core.Primitives.Timestamp(1), 0), TestActor);
        hops.Book.ExpectMsg<MarketFrames>(); // a tick with no frames still reaches the book
        var barrier = hops.Venue.ExpectMsg<RouteBarrier>();

        // The ack sink completes as soon as its buffer is empty, before the last element is acknowledged.
        feed.Tell(StreamCompleted.Instance, TestActor);
        parent.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Walk the barrier around its whole route: the feed is its last hop.
        var probes = new[] { hops.Venue, hops.Orders, hops.Account, hops.Book, hops.Strategy, hops.Orders, hops.Venue, hops.Orders, hops.Account };
        for (int i = 0; i < probes.Length; i++)
        {
            if (i > 0) barrier = probes[i].ExpectMsg<RouteBarrier>();
            barrier.PassOn(probes[i].Ref);
        }
        var done = parent.ExpectMsg<FeedCompleted>();
        Assert.Equal(1, done.Batches);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the finished stream is not acknowledged again
    }

    [Fact]
    public void Completion_with_no_barrier_out_is_reported_at_once()
    {
        var (feed, parent, _) = Start();
        feed.Tell(StreamInit.Instance, TestActor);
        ExpectMsg<StreamAck>();
        feed.Tell(StreamCompleted.Instance, TestActor);
        Assert.Equal(0, parent.ExpectMsg<FeedCompleted>().Batches);
    }
}
