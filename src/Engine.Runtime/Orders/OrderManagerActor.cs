using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Persistence;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;
using Engine.Simulation;

namespace Engine.Runtime.Orders;

/// <summary>
/// The single owner of one market's orders. Event-sourced: every intent is journaled BEFORE the order goes to
/// the venue, every venue report is journaled as an <see cref="OrderEvent"/>, fills are de-duplicated by id, and
/// the ledger is snapshotted every N events. A restart recovers the exact order state from the journal.
/// Resuming an interrupted simulation instead re-derives every journaled event from the replayed input and checks
/// it against the journal (<see cref="JournalReplay"/>).
/// </summary>
public sealed class OrderManagerActor : ReceivePersistentActor
{
    private readonly string _market;
    private readonly IActorRef _venue;
    private readonly IActorRef _account;
    private readonly long _clientIdPrefix;
    private readonly int _snapshotEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _subscribers = [];
    private OrderLedger _ledger = new();
    private IActorRef? _cancelAllRequester;
    private int _cancelAllCount;
    // Client ids are reserved when a command is handled, not when its event is applied: several commands can be
    // in flight under PersistAsync and must never reuse an id.
    private long _reservedSequence;
    private readonly JournalReplay? _replay;
    private bool _replaying;

    public OrderManagerActor(string persistenceId, string market, IActorRef venue, IActorRef account, long clientIdPrefix, int snapshotEvery, bool resume)
    {
        PersistenceId = persistenceId;
        _market = market;
        _venue = venue;
        _account = account;
        _clientIdPrefix = clientIdPrefix;
        _snapshotEvery = Math.Max(1, snapshotEvery);
        if (resume) _replay = new JournalReplay(Context.System.Serialization, persistenceId);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is OrderLedgerSnapshot snapshot) _ledger = OrderLedger.FromSnapshot(snapshot);
        });
        Recover<OrderEvent>(e =>
        {
            if (_replay is not null) _replay.Journaled(e);
            else _ledger.Apply(e);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            if (_replay is not null)
                _log.Info("{Market}: resuming; {Events} journaled order events will be re-derived and checked", _market, _replay.Pending);
            else
                _log.Info("{Market}: recovered {Orders} orders ({Working} working), {Fills} fills", _market, _ledger.All.Count, _ledger.WorkingCount, _ledger.FillCount);
        });

        Command<SubscribeOrders>(s =>
        {
            _subscribers.Add(s.Subscriber);
            s.Subscriber.Tell(Working());
        });
        Command<ApplyQuotes>(OnQuotes);
        Command<VenueReports>(OnReports);
        Command<RouteBarrier>(b => DeferAsync(b, x => x.PassOn(Self)));
        Command<CancelAllOrders>(OnCancelAll);
        Command<GetOrderState>(_ => DeferAsync(_market, m =>
        {
            if (_replay?.Unfinished() is { } diverged) Sender.Tell(new Status.Failure(diverged));
            else Sender.Tell(new OrderState(m, _ledger.ToSnapshot()));
        }));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("{Market}: snapshot failed: {Error}", _market, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("{Market}: old snapshots not deleted: {Error}", _market, f.Cause.Message));
        Command<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public override string PersistenceId { get; }

    // A resume checks every journaled event, so it replays the journal from the start rather than from a snapshot.
    public override Recovery Recovery => _replay is null ? base.Recovery : new Recovery(SnapshotSelectionCriteria.None);

    public static Props Props(string persistenceId, string market, IActorRef venue, IActorRef account, long clientIdPrefix = 1, int snapshotEvery = 500, bool resume = false) =>
        Akka.Actor.Props.Create(() => new OrderManagerActor(persistenceId, market, venue, account, clientIdPrefix, snapshotEvery, resume));

    private void OnQuotes(ApplyQuotes quotes)
    {
        var events = new List<OrderEvent>(quotes.Cancels.Length + quotes.Places.Length);
        foreach (var id in quotes.Cancels)
            if (_ledger.TryGet(id, out var o) && o.Status == OrderStatus.Open)
                events.Add(new OrderCancelRequested(id, quotes.Time));
        long sequence = Math.Max(_reservedSequence, _ledger.NextClientSequence);
        foreach (var q in quotes.Places)
        {
            string clientId = OrderLedger.ClientId(_clientIdPrefix, sequence++);
            var request = new OrderRequest(clientId, _market, q.Side, q.Price, q.Size, q.TimeInForce, q.PostOnly, q.Expiration);
            events.Add(new OrderSubmitted(request, quotes.Time));
        }
        _reservedSequence = sequence;
        if (events.Count == 0) return;
        // Intent first: the venue hears of an order only after its event is durable.
        Record(events, e =>
        {
            _ledger.Apply(e);
            switch (e)
            {
                case OrderSubmitted s: _venue.Tell(new SubmitOrder(s.Request, s.At)); break;
                case OrderCancelRequested c: _venue.Tell(new CancelOrder(_market, c.ClientId, c.At)); break;
            }
            AfterPersist();
        });
        DeferAsync(0, _ => Publish());
    }

    private void OnReports(VenueReports reports)
    {
        var events = new List<OrderEvent>(reports.Reports.Length);
        foreach (var report in reports.Reports)
        {
            OrderEvent? e = report switch
            {
                OrderAccepted a => new OrderAcknowledged(a.ClientId, a.VenueOrderId, a.Time),
                Engine.Simulation.OrderCanceled c => new Engine.Core.Orders.OrderCanceled(c.ClientId, c.Reason, c.Time),
                Engine.Simulation.OrderRejected r => new Engine.Core.Orders.OrderRejected(r.ClientId, r.Reason, r.Time),
                Engine.Simulation.OrderFilled f when _ledger.HasFill(f.Fill.FillId) => null,
                Engine.Simulation.OrderFilled f => new Engine.Core.Orders.OrderFilled(f.Fill),
                _ => null,
            };
            if (e is not null) events.Add(e);
            else if (report is Engine.Simulation.OrderFilled dup) _log.Info("{Market}: duplicate fill {FillId} ignored", _market, dup.Fill.FillId);
        }
        if (events.Count == 0) return;
        var fills = new List<OrderFillBooked>();
        Record(events, e =>
        {
            bool applied = _ledger.Apply(e);
            if (e is Engine.Core.Orders.OrderFilled f && applied)
            {
                bool completed = _ledger.TryGet(f.ClientId, out var order) && order.Status == OrderStatus.Filled;
                fills.Add(new OrderFillBooked(f.Fill, completed));
            }
            else if (e is Engine.Core.Orders.OrderRejected r)
                _log.Warning("{Market}: order {ClientId} rejected: {Reason}", _market, r.ClientId, r.Reason);
            AfterPersist();
        });
        DeferAsync(0, _ =>
        {
            foreach (var fill in fills)
            {
                // The account books position and P&L; subscribers (the strategy) arm their timers.
                _account.Tell(fill);
                foreach (var s in _subscribers) s.Tell(fill);
            }
            Publish();
            if (_cancelAllRequester is not null)
            {
                // Orders acknowledged after the cancel-all began are canceled as their acks arrive.
                var late = _ledger.Working.Where(o => o.Status == OrderStatus.Open).Select(o => o.ClientId).ToImmutableArray();
                if (late.Length > 0) OnQuotes(new ApplyQuotes(reports.Reports[^1].Time, late, []));
            }
            if (_cancelAllRequester is not null && _ledger.WorkingCount == 0)
            {
                _cancelAllRequester.Tell(new AllOrdersCanceled(_market, _cancelAllCount));
                _cancelAllRequester = null;
            }
        });
    }

    // Deferred so that acknowledgements still being journaled count: an order is Open only once its ack applied.
    private void OnCancelAll(CancelAllOrders cancel) => DeferAsync(cancel, c => CancelAll(c, Sender));

    private void CancelAll(CancelAllOrders cancel, IActorRef requester)
    {
        var open = _ledger.Working.Where(o => o.Status == OrderStatus.Open).Select(o => o.ClientId).ToImmutableArray();
        _cancelAllRequester = requester;
        _cancelAllCount = _ledger.WorkingCount;
        if (_ledger.WorkingCount == 0)
        {
            requester.Tell(new AllOrdersCanceled(_market, 0));
            _cancelAllRequester = null;
            return;
        }
        OnQuotes(new ApplyQuotes(cancel.Time, open, []));
    }

    /// <summary>Journals the events and then runs the handler for each; on a resume, events the journal already
    /// holds are checked against it and handled at once instead of being written again.</summary>
    private void Record(List<OrderEvent> events, Action<OrderEvent> handler)
    {
        int replayed = 0;
        for (; replayed < events.Count && _replay is { IsReplaying: true }; replayed++)
        {
            _replay.Verify(events[replayed]);
            _replaying = true;
            try { handler(events[replayed]); }
            finally { _replaying = false; }
        }
        if (replayed < events.Count)
            PersistAllAsync(replayed == 0 ? events : events.GetRange(replayed, events.Count - replayed), handler);
    }

    private void AfterPersist()
    {
        // Replayed events already have their snapshots from the interrupted run.
        if (!_replaying && LastSequenceNr % _snapshotEvery == 0) SaveSnapshot(_ledger.ToSnapshot());
    }

    private void Publish()
    {
        var working = Working();
        foreach (var s in _subscribers) s.Tell(working);
    }

    private WorkingOrdersChanged Working() => new(_market, [.. _ledger.Working]);
}

/// <summary>Registers an actor for <see cref="WorkingOrdersChanged"/> and <see cref="OrderFillBooked"/>.</summary>
public sealed record SubscribeOrders(IActorRef Subscriber);
