using Akka.Actor;
using Akka.Event;
using Engine.Core.Strategy;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Feed;
using Engine.Runtime.Hosting;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Strategy;
using Engine.Runtime.Venue;

namespace Engine.Runtime.Simulation;

/// <summary>
/// Root of a simulation's supervision tree:
/// <code>
/// /user/simulation
///   venue                  the simulated dYdX venue (matching against the recorded book)
///   account                positions, P&amp;L, funding (event-sourced)
///   market-btc-usd/orders  order manager (event-sourced)
///   market-btc-usd/strategy
///   market-btc-usd/book
///   market-btc-usd/feed    sink of the recording stream, drives the barrier
/// </code>
/// Supervision: book, strategy, order manager and account restart (the persistent ones recover from the
/// journal, the book waits for the next snapshot); a crash in the venue or the feed cannot be repaired without
/// losing simulated-exchange state, so it stops the run with the error.
/// </summary>
public sealed class SimulationSupervisor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _venue;
    private readonly IActorRef _account;
    private readonly string _market;
    private IActorRef? _completionListener;
    private object? _outcome;

    public SimulationSupervisor(SimulationPlan plan)
    {
        _market = plan.Strategy.Market;
        _venue = Context.ActorOf(SimulatedVenueActor.Props(plan.Settings), "venue");
        _account = Context.ActorOf(AccountActor.Props($"account-{plan.RunId}", plan.Settings.StartingCollateral, plan.Settings.Journal, plan.Resume), "account");
        var marketSupervisor = Context.ActorOf(MarketSupervisor.Props(plan, _venue, _account), MarketSupervisor.NameFor(plan.Strategy.Market));
        Context.Watch(_venue);

        Receive<GetMarketActors>(_ => marketSupervisor.Forward(GetMarketActors.Instance));
        Receive<GetAccountRef>(_ => Sender.Tell(_account));
        Receive<AwaitCompletion>(_ =>
        {
            _completionListener = Sender;
            if (_outcome is not null) Sender.Tell(_outcome);
        });
        Receive<FeedCompleted>(Finish);
        Receive<FeedFailed>(Finish);
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_venue)) Finish(new FeedFailed(plan.Strategy.Market, new InvalidOperationException("the simulated venue stopped after a failure")));
        });
    }

    public static Props Props(SimulationPlan plan) => Akka.Actor.Props.Create(() => new SimulationSupervisor(plan));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1),
        localOnlyDecider: e =>
        {
            _log.Error(e, "Simulation child failed");
            if (e is JournalDivergedException)
            {
                // A resume that no longer matches its journal must end, not retry.
                Finish(new FeedFailed(_market, e));
                return Directive.Stop;
            }
            // Only the account restarts here; the venue's state cannot be rebuilt mid-run.
            return Sender.Equals(_account) ? Directive.Restart : Directive.Stop;
        });

    private void Finish(object outcome)
    {
        _outcome ??= outcome;
        _completionListener?.Tell(_outcome);
    }
}

/// <summary>Everything a run is made of. <paramref name="Resume"/>: the run's journal exists and is re-derived and checked.</summary>
public sealed record SimulationPlan(string RunId, SimulationSettings Settings, MarketMakingParameters Strategy, TimeSpan StallTimeout, bool Resume = false);

public sealed record AwaitCompletion { public static readonly AwaitCompletion Instance = new(); }
public sealed record GetAccountRef { public static readonly GetAccountRef Instance = new(); }
public sealed record GetMarketActors { public static readonly GetMarketActors Instance = new(); }
public sealed record MarketActorRefs(IActorRef Feed, IActorRef Book, IActorRef Strategy, IActorRef Orders);
