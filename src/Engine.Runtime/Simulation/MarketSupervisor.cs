using Akka.Actor;
using Akka.Event;
using Engine.Runtime.Book;
using Engine.Runtime.Feed;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Strategy;
using Engine.Runtime.Venue;

namespace Engine.Runtime.Simulation;

/// <summary>
/// One market's actors: order manager, strategy, book and feed. Book, strategy and order manager restart on
/// failure (the order manager recovers from its journal, the strategy re-reads orders and position, the book
/// waits for a fresh snapshot); the feed's failure ends the run because the recording stream cannot resume.
/// </summary>
public sealed class MarketSupervisor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _feed;

    public MarketSupervisor(SimulationPlan plan, IActorRef venue, IActorRef account)
    {
        string market = plan.Strategy.Market;
        var orders = Context.ActorOf(OrderManagerActor.Props($"orders-{plan.RunId}-{market}", market, venue, account, clientIdPrefix: 1, plan.Settings.Journal, plan.Resume), "orders");
        var strategy = Context.ActorOf(StrategyActor.Props(plan.Strategy, orders, account), "strategy");
        var book = Context.ActorOf(OrderBookActor.Props(market, strategy, account), "book");
        _feed = Context.ActorOf(SimulationFeedActor.Props(market, new SimulationRoute(venue, orders, account, book, strategy), plan.StallTimeout), "feed");
        venue.Tell(new AttachMarket(market, orders, account));
        var refs = new MarketActorRefs(_feed, book, strategy, orders);

        Receive<GetMarketActors>(_ => Sender.Tell(refs));
        Receive<FeedCompleted>(c => Context.Parent.Forward(c));
        Receive<FeedFailed>(f => Context.Parent.Forward(f));
    }

    public static Props Props(SimulationPlan plan, IActorRef venue, IActorRef account) =>
        Akka.Actor.Props.Create(() => new MarketSupervisor(plan, venue, account));

    public static string NameFor(string market) => "market-" + market.ToLowerInvariant();

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1),
        localOnlyDecider: e =>
        {
            if (Sender.Equals(_feed) || e is JournalDivergedException)
            {
                _log.Error(e, "{0} failed; ending the run", Sender.Path.Name);
                Context.Parent.Tell(new FeedFailed(Self.Path.Name, e));
                return Directive.Stop;
            }
            _log.Warning("{Child} failed ({Error}); restarting it", Sender.Path.Name, e.Message);
            return Directive.Restart;
        });
}
