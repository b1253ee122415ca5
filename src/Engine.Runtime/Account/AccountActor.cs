using Akka.Actor;
using Akka.Event;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;

namespace Engine.Runtime.Account;

/// <summary>
/// The account: books every fill and funding payment and every mark into an event-sourced
/// <see cref="AccountState"/> and tells subscribers (strategies) their position. Fills reach it already
/// de-duplicated by the order manager; it books exactly what it is told. (Journaling policy, snapshots and
/// resume: <see cref="JournaledActor"/>.)
/// </summary>
public sealed class AccountActor : JournaledActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _subscribers = [];
    private AccountState _state;

    private readonly int? _retainFills;

    public AccountActor(string persistenceId, decimal startingCollateral, JournalOptions journal, bool resume, int? retainFills = null)
        : base(persistenceId, journal, resume)
    {
        _retainFills = retainFills;
        _state = AccountState.Create(startingCollateral) with { RetainFills = retainFills };

        Command<OrderFillBooked>(f => Book(new FillBooked(f.Fill), f.Fill.Market));
        Command<FundingPaid>(f => Book(new FundingBooked(f.Payment), f.Payment.Market));
        Command<MarkPrice>(m => Book(new MarkRecorded(m.Market, m.Price, m.Time), null));
        Command<AdoptOpeningPosition>(o =>
        {
            var requester = Sender;
            Book(new OpeningPositionAdopted(o.Market, o.Size, o.EntryPrice), o.Market);
            WhenDurable(() => requester.Tell(Akka.Done.Instance));
        });
        Command<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Command<SubscribePosition>(s =>
        {
            _subscribers.Add(s.Subscriber);
            Context.Watch(s.Subscriber); // a stopped subscriber (the strategy at shutdown) is dropped, not sent dead letters
            foreach (var (market, position) in _state.Portfolio.Positions)
                s.Subscriber.Tell(new PositionChanged(market, position.Size));
        });
        Command<GetAccountReport>(g =>
        {
            var requester = Sender;
            WhenDurable(() =>
            {
                if (Replay?.Unfinished() is { } diverged) requester.Tell(new Status.Failure(diverged));
                else requester.Tell(_state.Report(g.Market));
            });
        });
        Command<RouteBarrier>(PassBarrier);
        Command<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    /// <param name="retainFills">null keeps every fill (simulation reports list them); live runs keep the newest that many</param>
    public static Props Props(string persistenceId, decimal startingCollateral, JournalOptions? journal = null, bool resume = false, int? retainFills = null) =>
        Akka.Actor.Props.Create(() => new AccountActor(persistenceId, startingCollateral, journal ?? JournalOptions.WriteThrough, resume, retainFills));

    protected override object SnapshotState() => _state;

    protected override void RestoreSnapshot(object snapshot)
    {
        if (snapshot is AccountState s) _state = s.Restored(_retainFills);
    }

    protected override void ApplyRecovered(object e) => _state = _state.Apply(e);

    protected override void OnRecovered()
    {
        if (Replay is not null) _log.Info("resuming; {0} journaled account events will be re-derived and checked", Replay.Pending);
    }

    /// <param name="positionMarket">the market whose position the event changes (subscribers are told), or null</param>
    private void Book(object e, string? positionMarket) => Record([e], evt =>
    {
        _state = _state.Apply(evt);
        if (positionMarket is null) return;
        var changed = new PositionChanged(positionMarket, _state.Portfolio.Position(positionMarket).Size);
        foreach (var s in _subscribers) s.Tell(changed);
    });
}
