using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
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

    public AccountActor(string persistenceId, decimal startingCollateral, int snapshotEvery)
    {
        PersistenceId = persistenceId;
        _snapshotEvery = Math.Max(1, snapshotEvery);
        _state = AccountState.Create(startingCollateral);

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is AccountState s) _state = s; });
        Recover<FillBooked>(e => _state = _state.Apply(e));
        Recover<FundingBooked>(e => _state = _state.Apply(e));
        Recover<MarkRecorded>(e => _state = _state.Apply(e));

        Command<OrderFillBooked>(f => Book(new FillBooked(f.Fill), f.Fill.Market));
        Command<FundingPaid>(f => Book(new FundingBooked(f.Payment), f.Payment.Market));
        Command<MarkPrice>(m => Book(new MarkRecorded(m.Market, m.Price, m.Time), null));
        Command<SubscribePosition>(s =>
        {
            _subscribers.Add(s.Subscriber);
            foreach (var (market, position) in _state.Portfolio.Positions)
                s.Subscriber.Tell(new PositionChanged(market, position.Size));
        });
        Command<GetAccountReport>(g => DeferAsync(g, q => Sender.Tell(_state.Report(q.Market))));
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

    public static Props Props(string persistenceId, decimal startingCollateral, int snapshotEvery = 500) =>
        Akka.Actor.Props.Create(() => new AccountActor(persistenceId, startingCollateral, snapshotEvery));

    private void Book(object e, string? positionMarket)
    {
        if (positionMarket is not null) _positionEventsInFlight++;
        PersistAsync(e, evt =>
        {
            _state = _state.Apply(evt);
            if (positionMarket is not null)
            {
                _positionEventsInFlight--;
                var changed = new PositionChanged(positionMarket, _state.Portfolio.Position(positionMarket).Size);
                foreach (var s in _subscribers) s.Tell(changed);
            }
            if (LastSequenceNr % _snapshotEvery == 0) SaveSnapshot(_state);
        });
    }
}
