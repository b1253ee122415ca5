using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Recording;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests;

/// <summary>What a crash in each actor does, under the supervision strategy the engine gives it.</summary>
public sealed class SupervisionTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "supervision", output)
{
    private static readonly Timestamp T0 = new(1_651_449_600_000_000_000);

    /// <summary>A parent with the market supervisor's rule for a child: restart on failure.</summary>
    private sealed class RestartingParent : ReceiveActor
    {
        public RestartingParent(Props child)
        {
            var target = Context.ActorOf(child, "child");
            ReceiveAny(m => target.Forward(m));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    private IActorRef UnderRestart(Props child) => Sys.ActorOf(Props.Create(() => new RestartingParent(child)));

    private static MarketFrames Frames(long sequence, params string[] frames)
    {
        var batcher = new FrameBatcher(TimeSpan.FromSeconds(1));
        var list = new List<FrameBatch>();
        foreach (var frame in frames) batcher.Add(T0.Nanos, Encoding.UTF8.GetBytes(frame), list);
        batcher.Complete(list);
        return new MarketFrames("BTC-USD", list.Single());
    }

    private const string Snapshot = """{"type":"subscribed","channel":"v3_orderbook","id":"BTC-USD","contents":{"bids":[{"price":"100","size":"1","offset":"1"}],"asks":[{"price":"101","size":"1","offset":"2"}]}}""";
    private const string Delta = """{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{"offset":"3","bids":[["100","5"]],"asks":[]}}""";

    [Fact]
    public async Task Book_crash_restarts_empty_and_ignores_deltas_until_a_fresh_snapshot()
    {
        var book = UnderRestart(OrderBookActor.Props("BTC-USD", CreateTestProbe(), CreateTestProbe()));
        book.Tell(Frames(0, Snapshot));
        book.Tell(new SimulateFailure("test"));
        book.Tell(Frames(1, Delta));
        var stats = await book.Ask<BookStatistics>(GetBookStatistics.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(1, stats.DeltasSkippedAwaitingSnapshot);
        var empty = await book.Ask<BookSnapshot>(new GetBook(T0), TimeSpan.FromSeconds(5));
        Assert.Equal(0, empty.LevelCount(Side.Buy));

        book.Tell(Frames(2, Snapshot, Delta));
        var rebuilt = await book.Ask<BookSnapshot>(new GetBook(T0), TimeSpan.FromSeconds(5));
        Assert.Equal(Quantity.Parse("5"), rebuilt.SizeAt(Side.Buy, Price.Parse("100")));
    }

    [Fact]
    public async Task Order_manager_crash_restarts_with_its_journaled_state()
    {
        var venue = CreateTestProbe();
        var orders = UnderRestart(OrderManagerActor.Props("orders-crash-BTC-USD", "BTC-USD", venue, CreateTestProbe()));
        orders.Tell(new ApplyQuotes(T0, [], [new QuoteIntent(Side.Buy, Price.Parse("100"), Quantity.Parse("1"), true, TimeInForce.Gtt, T0.AddSeconds(3600))]));
        venue.ExpectMsg<SubmitOrder>();
        var before = await orders.Ask<OrderState>(GetOrderState.Instance, TimeSpan.FromSeconds(5));
        orders.Tell(new SimulateFailure("test"));
        var after = await orders.Ask<OrderState>(GetOrderState.Instance, TimeSpan.FromSeconds(5));
        Assert.Single(after.Ledger.Orders);
        Assert.Equal(before.Ledger.Orders, after.Ledger.Orders);
    }

    [Fact]
    public async Task Account_crash_restarts_with_its_journaled_positions()
    {
        var account = UnderRestart(AccountActor.Props("account-crash", 1000m));
        var fill = new Fill("f-1", "1", "BTC-USD", Side.Buy, Price.Parse("100"), Quantity.Parse("2"), 0.1m, Liquidity.Maker, T0);
        account.Tell(new OrderFillBooked(fill, true));
        var before = await account.Ask<AccountReport>(new GetAccountReport("BTC-USD"), TimeSpan.FromSeconds(5));
        account.Tell(new SimulateFailure("test"));
        var after = await account.Ask<AccountReport>(new GetAccountReport("BTC-USD"), TimeSpan.FromSeconds(5));
        Assert.Equal(Quantity.Parse("2"), after.Position);
        Assert.Equal(before.Fees, after.Fees);
        Assert.Single(after.Fills);
    }

    [Fact]
    public void Strategy_crash_restarts_and_asks_again_for_orders_and_position()
    {
        var orders = CreateTestProbe();
        var account = CreateTestProbe();
        var strategy = UnderRestart(Strategy.StrategyActor.Props(TestStrategies.Default, orders, account));
        orders.ExpectMsg<SubscribeOrders>();
        account.ExpectMsg<SubscribePosition>();
        strategy.Tell(new SimulateFailure("test"));
        orders.ExpectMsg<SubscribeOrders>();
        account.ExpectMsg<SubscribePosition>();
    }

    [Theory]
    [InlineData("feed")]
    [InlineData("venue")]
    public async Task Feed_or_venue_crash_ends_the_run_with_an_error(string victim)
    {
        var settings = Hosting.SimulationSettings.From(Hosting.EngineConfig.Load(), "engine.conf");
        var plan = new Simulation.SimulationPlan("crash-" + victim, settings, TestStrategies.Default, TimeSpan.FromSeconds(30));
        var sim = Sys.ActorOf(Simulation.SimulationSupervisor.Props(plan), "sim-" + victim);
        var market = await sim.Ask<Simulation.MarketActorRefs>(Simulation.GetMarketActors.Instance, TimeSpan.FromSeconds(5));
        var outcome = sim.Ask<object>(Simulation.AwaitCompletion.Instance, TimeSpan.FromSeconds(10));
        var target = victim == "feed" ? market.Feed : await Sys.ActorSelection(sim.Path / "venue").ResolveOne(TimeSpan.FromSeconds(5));
        target.Tell(new SimulateFailure("test"));
        Assert.IsType<Feed.FeedFailed>(await outcome);
    }
}
