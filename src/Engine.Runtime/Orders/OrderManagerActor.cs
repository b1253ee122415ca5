using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Persistence;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Venue;

namespace Engine.Runtime.Orders;

/// <summary>
/// The single owner of one market's orders. Event-sourced: every intent is journaled BEFORE the order goes to
/// the venue, every venue report is journaled as an <see cref="OrderEvent"/>, fills are de-duplicated by id, and
/// the ledger is snapshotted every N events. A restart recovers the exact order state from the journal.
/// (Journaling policy, snapshots and resume: <see cref="JournaledActor"/>.)
/// </summary>
public sealed class OrderManagerActor : JournaledActor
{
    private readonly string _market;
    private readonly IActorRef _venue;
    private readonly IActorRef _account;
    private readonly long _clientIdPrefix;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly int? _retainFinished;
    private OrderLedger _ledger;
    private IActorRef? _cancelAllRequester;
    private int _cancelAllCount;
    // Client ids are reserved when a command is handled, not when its event is applied: several commands can be
    // in flight under PersistAsync and must never reuse an id.
    private long _reservedSequence;

    public OrderManagerActor(string persistenceId, string market, IActorRef venue, IActorRef account, long clientIdPrefix, JournalOptions journal, bool resume,
        int? retainFinishedOrders = null)
        : base(persistenceId, journal, resume)
    {
        _retainFinished = retainFinishedOrders;
        _ledger = new OrderLedger(retainFinishedOrders);
        _market = market;
        _venue = venue;
        _account = account;
        _clientIdPrefix = clientIdPrefix;

        Command<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Command<SubscribeOrders>(s =>
        {
            _subscribers.Add(s.Subscriber);
            Context.Watch(s.Subscriber); // a stopped subscriber (the strategy at shutdown) is dropped, not sent dead letters
            s.Subscriber.Tell(Working());
        });
        Command<ApplyQuotes>(OnQuotes);
        Command<VenueReports>(OnReports);
        Command<RouteBarrier>(PassBarrier);
        Command<CancelAllOrders>(OnCancelAll);
        Command<GetOrderState>(_ =>
        {
            var requester = Sender;
            WhenDurable(() =>
            {
                if (Replay?.Unfinished() is { } diverged) requester.Tell(new Status.Failure(diverged));
                else requester.Tell(new OrderState(_market, _ledger.ToSnapshot()));
            });
        });
        Command<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    /// <param name="retainFinishedOrders">null keeps every order (simulation); live runs keep a bounded number of finished ones</param>
    public static Props Props(string persistenceId, string market, IActorRef venue, IActorRef account, long clientIdPrefix = 1, JournalOptions? journal = null,
        bool resume = false, int? retainFinishedOrders = null) =>
        Akka.Actor.Props.Create(() => new OrderManagerActor(persistenceId, market, venue, account, clientIdPrefix, journal ?? JournalOptions.WriteThrough, resume,
            retainFinishedOrders));

    protected override object SnapshotState() => _ledger.ToSnapshot();

    protected override void RestoreSnapshot(object snapshot)
    {
        if (snapshot is OrderLedgerSnapshot s) _ledger = OrderLedger.FromSnapshot(s, _retainFinished);
    }

    protected override void ApplyRecovered(object e)
    {
        if (e is OrderEvent orderEvent) _ledger.Apply(orderEvent);
    }

    protected override void OnRecovered()
    {
        if (Replay is not null)
            _log.Info("{Market}: resuming; {Events} journaled order events will be re-derived and checked", _market, Replay.Pending);
        else
            _log.Info("{Market}: recovered {Orders} orders ({Working} working), {Fills} fills", _market, _ledger.All.Count, _ledger.WorkingCount, _ledger.FillCount);
    }

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
        });
        AfterApplied(Publish);
    }

    private void OnReports(VenueReports reports)
    {
        var events = new List<OrderEvent>(reports.Reports.Length);
        foreach (var report in reports.Reports)
        {
            OrderEvent? e = report switch
            {
                Engine.Core.Venue.OrderAccepted a => new OrderAcknowledged(a.ClientId, a.VenueOrderId, a.Time),
                Engine.Core.Venue.OrderCanceled c => new Engine.Core.Orders.OrderCanceled(c.ClientId, c.Reason, c.Time),
                Engine.Core.Venue.OrderRejected r => new Engine.Core.Orders.OrderRejected(r.ClientId, r.Reason, r.Time),
                Engine.Core.Venue.OrderFilled f when _ledger.HasFill(f.Fill.FillId) => null,
                Engine.Core.Venue.OrderFilled f => new Engine.Core.Orders.OrderFilled(f.Fill),
                _ => null,
            };
            if (e is not null) events.Add(e);
            else if (report is Engine.Core.Venue.OrderFilled dup) _log.Info("{Market}: duplicate fill {FillId} ignored", _market, dup.Fill.FillId);
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
        });
        AfterApplied(() =>
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

    // After everything recorded is applied, so that acknowledgements still being journaled count: an order is Open
    // only once its ack applied.
    private void OnCancelAll(CancelAllOrders cancel)
    {
        var requester = Sender;
        AfterApplied(() => CancelAll(cancel, requester));
    }

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

    private void Publish()
    {
        var working = Working();
        foreach (var s in _subscribers) s.Tell(working);
    }

    private WorkingOrdersChanged Working() => new(_market, [.. _ledger.Working]);
}

/// <summary>Registers an actor for <see cref="WorkingOrdersChanged"/> and <see cref="OrderFillBooked"/>.</summary>
public sealed record SubscribeOrders(IActorRef Subscriber);
