using Akka.Actor;
using Akka.Event;
using Engine.Core.Primitives;
using Engine.Core.Strategy;
using Engine.Dydx.Rest;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Signing;
using Engine.Runtime.Strategy;
using Engine.Runtime.Venue;
using Engine.Runtime.Venue.Dydx;

namespace Engine.Runtime.Live;

/// <summary>
/// Root of a live (or paper) run's supervision tree:
/// <code>
/// /user/live
///   signer            the only holder of the credentials
///   venue             dYdX v3 over REST, fed by the v3_accounts stream
///   account           positions, P&amp;L, funding (event-sourced, write-through)
///   orders            order manager (event-sourced, write-through: intent is durable before the venue hears of it)
///   strategy
///   book              fed by the WebSocket stream, ticked by a timer
/// </code>
/// Everything restarts on failure: the persistent actors recover from the journal, the strategy re-reads orders and
/// position, the book waits for the next snapshot, the venue's view of the orders is rebuilt by reconciling.
/// </summary>
public sealed class LiveSupervisor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <param name="restFactory">builds the REST client once the signer exists (the client authenticates through it)</param>
    public LiveSupervisor(LivePlan plan, DydxCredentials credentials, Func<IActorRef, DydxRestClient> restFactory)
    {
        string market = plan.Strategy.Market;
        var signer = Context.ActorOf(SignerActor.Props(credentials), "signer");
        var rest = restFactory(signer);
        var venue = Context.ActorOf(DydxVenueActor.Props(plan.Venue, rest, signer, plan.RetainFinishedOrders), "venue");
        var journal = new JournalOptions(JournalWrites.Through, plan.SnapshotEvery);
        var account = Context.ActorOf(AccountActor.Props($"account-{plan.RunId}", plan.StartingCollateral, journal, retainFills: plan.RetainFinishedOrders), "account");
        var orders = Context.ActorOf(OrderManagerActor.Props($"orders-{plan.RunId}-{market}", market, venue, account, plan.ClientIdPrefix, journal,
            retainFinishedOrders: plan.RetainFinishedOrders), "orders");
        var strategy = Context.ActorOf(StrategyActor.Props(plan.Strategy, orders, account), "strategy");
        var book = Context.ActorOf(OrderBookActor.Props(market, strategy, account), "book");
        venue.Tell(new AttachMarket(market, orders, account));
        var refs = new LiveActorRefs(signer, venue, account, orders, strategy, book);

        Receive<GetLiveActors>(_ => Sender.Tell(refs));
        Receive<StrategyClock>(_ => book.Tell(new ClockTick(Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow))));
        Receive<ReconcileTimer>(_ => venue.Tell(new ReconcileOrders(market)));
        Receive<OrdersReconciled>(_ => { });
        Receive<Status.Failure>(f => _log.Warning("reconciliation failed: {0}", f.Cause.Message));
        IActorRef? stopRequester = null;
        Receive<StopQuoting>(_ =>
        {
            Timers.CancelAll();
            // No new quotes while the orders are canceled: answer once the strategy is really gone.
            stopRequester = Sender;
            Context.Watch(strategy);
            Context.Stop(strategy);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(strategy), _ => stopRequester?.Tell(Akka.Done.Instance));

        Timers.StartPeriodicTimer("strategy-clock", StrategyClock.Instance, plan.TickInterval);
        Timers.StartPeriodicTimer("reconcile", ReconcileTimer.Instance, plan.ReconcileInterval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(LivePlan plan, DydxCredentials credentials, Func<IActorRef, DydxRestClient> restFactory) =>
        Akka.Actor.Props.Create(() => new LiveSupervisor(plan, credentials, restFactory));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1),
        localOnlyDecider: e =>
        {
            _log.Warning("{0} failed ({1}); restarting it", Sender.Path.Name, e.Message);
            return Directive.Restart;
        });

    private sealed record StrategyClock { public static readonly StrategyClock Instance = new(); }
    private sealed record ReconcileTimer { public static readonly ReconcileTimer Instance = new(); }
}

/// <summary>Everything a live run is made of.</summary>
public sealed record LivePlan(
    string RunId,
    MarketMakingParameters Strategy,
    DydxVenueSettings Venue,
    decimal StartingCollateral,
    TimeSpan TickInterval,
    TimeSpan ReconcileInterval,
    int SnapshotEvery,
    long ClientIdPrefix)
{
    public const int DefaultRetainFinishedOrders = 10_000;

    /// <summary>
    /// Finished orders the order manager and the venue keep, and fills the account lists (older ones are forgotten,
    /// so a long run stays bounded).
    /// </summary>
    public int RetainFinishedOrders { get; init; } = DefaultRetainFinishedOrders;
}

public sealed record GetLiveActors { public static readonly GetLiveActors Instance = new(); }
public sealed record LiveActorRefs(IActorRef Signer, IActorRef Venue, IActorRef Account, IActorRef Orders, IActorRef Strategy, IActorRef Book);

/// <summary>Shutdown, first step: stop the strategy clock and the strategy so the cancel-all is final.</summary>
public sealed record StopQuoting { public static readonly StopQuoting Instance = new(); }
