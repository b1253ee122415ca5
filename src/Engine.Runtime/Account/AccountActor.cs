using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;

namespace Engine.Runtime.Account;

/// <summary>
/// The account: books every fill and funding payment and every mark into an event-sourced
/// <see cref="AccountState"/>, snapshots it every N events, and tells subscribers (strategies) their position.
/// Fills reach it already de-duplicated by the order manager; it books exactly what it is told.
/// </summary>
public sealed class AccountActor : ReceivePersistentActor
{
    private readonly int _snapshotEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _subscribers = [];
    private AccountState _state;
    // Fills and funding change what the strategy is told (its position), so the barrier waits for them; marks
    // change only reporting figures and are journaled without holding the barrier (they stay in order regardless).
    private int _positionEventsInFlight;
    private readonly JournalReplay? _replay;
    private bool _replaying;

    public AccountActor(string persistenceId, decimal startingCollateral, int snapshotEvery, bool resume)
    {
        PersistenceId = persistenceId;
        _snapshotEvery = Math.Max(1, snapshotEvery);
        _state = AccountState.Create(startingCollateral);
        if (resume) _replay = new JournalReplay(Context.System.Serialization, persistenceId);

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is AccountState s) _state = s; });
        Recover<FillBooked>(Recovered);
        Recover<FundingBooked>(Recovered);
        Recover<MarkRecorded>(Recovered);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_replay is not null) _log.Info("resuming; {0} journaled account events will be re-derived and checked", _replay.Pending);
        });

        Command<OrderFillBooked>(f => Book(new FillBooked(f.Fill), f.Fill.Market));
        Command<FundingPaid>(f => Book(new FundingBooked(f.Payment), f.Payment.Market));
        Command<MarkPrice>(m => Book(new MarkRecorded(m.Market, m.Price, m.Time), null));
        Command<SubscribePosition>(s =>
        {
            _subscribers.Add(s.Subscriber);
            foreach (var (market, position) in _state.Portfolio.Positions)
                s.Subscriber.Tell(new PositionChanged(market, position.Size));
        });
        Command<GetAccountReport>(g => DeferAsync(g, q =>
        {
            if (_replay?.Unfinished() is { } diverged) Sender.Tell(new Status.Failure(diverged));
            else Sender.Tell(_state.Report(q.Market));
        }));
        Command<RouteBarrier>(b =>
        {
            if (_positionEventsInFlight == 0) b.PassOn(Self);
            else DeferAsync(b, x => x.PassOn(Self));
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("account snapshot failed: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public override string PersistenceId { get; }

    // A resume checks every journaled event, so it replays the journal from the start rather than from a snapshot.
    public override Recovery Recovery => _replay is null ? base.Recovery : new Recovery(SnapshotSelectionCriteria.None);

    public static Props Props(string persistenceId, decimal startingCollateral, int snapshotEvery = 500, bool resume = false) =>
        Akka.Actor.Props.Create(() => new AccountActor(persistenceId, startingCollateral, snapshotEvery, resume));

    private void Recovered(object e)
    {
        if (_replay is not null) _replay.Journaled(e);
        else _state = _state.Apply(e);
    }

    private void Book(object e, string? positionMarket)
    {
        if (positionMarket is not null) _positionEventsInFlight++;
        if (_replay is { IsReplaying: true })
        {
            // Resume: the journal already holds this event; check it and apply it without writing it again.
            _replay.Verify(e);
            _replaying = true;
            try { Booked(e, positionMarket); }
            finally { _replaying = false; }
        }
        else PersistAsync(e, evt => Booked(evt, positionMarket));
    }

    private void Booked(object evt, string? positionMarket)
    {
        _state = _state.Apply(evt);
        if (positionMarket is not null)
        {
            _positionEventsInFlight--;
            var changed = new PositionChanged(positionMarket, _state.Portfolio.Position(positionMarket).Size);
            foreach (var s in _subscribers) s.Tell(changed);
        }
        // Replayed events already have their snapshots from the interrupted run.
        if (!_replaying && LastSequenceNr % _snapshotEvery == 0) SaveSnapshot(_state);
    }
}
