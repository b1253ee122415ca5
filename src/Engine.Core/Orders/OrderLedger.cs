using Engine.Core.Primitives;

namespace Engine.Core.Orders;

/// <summary>
/// The order manager's state machine (pure): applies <see cref="OrderEvent"/>s, de-duplicates fills by id, and
/// refuses transitions that make no sense (they are counted, never thrown). Also decides which events a venue
/// report should produce, so replays and live handling share one rule set.
/// </summary>
public sealed class OrderLedger
{
    private readonly Dictionary<string, OrderRecord> _orders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillIds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OrderRecord> _working = new(StringComparer.Ordinal);
    private readonly int? _retainFinished;
    private readonly Queue<string> _finished = new();
    private readonly Dictionary<string, List<string>> _fillsByOrder = new(StringComparer.Ordinal);

    /// <param name="retainFinished">
    /// Null keeps every order (simulation: reports list them all). A number keeps that many finished (filled,
    /// canceled, rejected) orders, oldest forgotten first together with their fill ids, so a long live run's state
    /// and snapshots stay bounded. A late fill for a forgotten order is refused like any fill for an unknown order.
    /// </param>
    public OrderLedger(int? retainFinished = null)
    {
        if (retainFinished is < 0) throw new ArgumentOutOfRangeException(nameof(retainFinished), retainFinished, "cannot retain a negative number of orders");
        _retainFinished = retainFinished;
    }

    /// <summary>Finished orders forgotten under the retention bound.</summary>
    public long ForgottenOrders { get; private set; }

    public long NextClientSequence { get; private set; } = 1;
    public long DuplicateFills { get; private set; }
    public long IgnoredEvents { get; private set; }
    public long OrdersSubmitted { get; private set; }
    public long FillCount { get; private set; }

    /// <summary>Working orders (PendingNew, Open, PendingCancel) in client-id order, for deterministic iteration.</summary>
    public IEnumerable<OrderRecord> Working => _working.Values;
    public int WorkingCount => _working.Count;
    public IReadOnlyDictionary<string, OrderRecord> All => _orders;

    public bool TryGet(string clientId, out OrderRecord order) => _orders.TryGetValue(clientId, out order!);
    public bool HasFill(string fillId) => _fillIds.Contains(fillId);

    /// <summary>Client ids are decimal digits (a v3 rule): a prefix and a sequence that is part of the journaled state.</summary>
    public static string ClientId(long prefix, long sequence) => $"{prefix}{sequence:D9}";

    /// <summary>Applies an event. Returns false (and counts it) when it does not fit the order's state.</summary>
    public bool Apply(OrderEvent e)
    {
        switch (e)
        {
            case OrderSubmitted s:
                if (_orders.ContainsKey(s.ClientId)) return Ignore();
                Put(new OrderRecord(s.Request, OrderStatus.PendingNew, Quantity.Zero, null, CancelReason.None, null, s.At, s.At));
                NextClientSequence++;
                OrdersSubmitted++;
                return true;
            case OrderFilled f:
                if (!_fillIds.Add(f.Fill.FillId)) { DuplicateFills++; return false; }
                // A fill is a fact even after a cancel was confirmed (the two can cross on the wire); only an
                // unknown order or an overfill is refused here. Position accounting books every fill regardless.
                if (!_orders.TryGetValue(f.ClientId, out var o)) return Ignore();
                var filled = o.Filled + f.Fill.Size;
                if (filled > o.Request.Size) return Ignore();
                FillCount++;
                if (_retainFinished is not null) FillsOf(f.ClientId).Add(f.Fill.FillId);
                Put(o with
                {
                    Filled = filled,
                    Status = filled == o.Request.Size ? OrderStatus.Filled : o.Status == OrderStatus.PendingNew ? OrderStatus.Open : o.Status,
                    UpdatedAt = f.Time,
                });
                return true;
        }
        if (!_orders.TryGetValue(e.ClientId, out var order) || order.Status.IsTerminal()) return Ignore();
        switch (e)
        {
            case OrderAcknowledged a:
                Put(order with { VenueOrderId = a.VenueOrderId, Status = order.Status == OrderStatus.PendingNew ? OrderStatus.Open : order.Status, UpdatedAt = a.At });
                return true;
            case OrderCancelRequested c:
                Put(order with { Status = OrderStatus.PendingCancel, UpdatedAt = c.At });
                return true;
            case OrderCanceled c:
                Put(order with { Status = OrderStatus.Canceled, CancelReason = c.Reason, UpdatedAt = c.At });
                return true;
            case OrderRejected r:
                Put(order with { Status = OrderStatus.Rejected, RejectReason = r.Reason, UpdatedAt = r.At });
                return true;
            default:
                return Ignore();
        }
    }

    private bool Ignore()
    {
        IgnoredEvents++;
        return false;
    }

    private void Put(OrderRecord order)
    {
        bool finishing = order.Status.IsTerminal() && !(_orders.TryGetValue(order.ClientId, out var before) && before.Status.IsTerminal());
        _orders[order.ClientId] = order;
        if (order.Status.IsWorking()) _working[order.ClientId] = order;
        else _working.Remove(order.ClientId);
        if (finishing && _retainFinished is { } retain)
        {
            _finished.Enqueue(order.ClientId);
            while (_finished.Count > retain) Forget(_finished.Dequeue());
        }
    }

    private void Forget(string clientId)
    {
        _orders.Remove(clientId);
        if (_fillsByOrder.Remove(clientId, out var fills))
            foreach (var id in fills) _fillIds.Remove(id);
        ForgottenOrders++;
    }

    private List<string> FillsOf(string clientId)
    {
        if (!_fillsByOrder.TryGetValue(clientId, out var fills)) _fillsByOrder[clientId] = fills = new List<string>(2);
        return fills;
    }

    public OrderLedgerSnapshot ToSnapshot() => new(
        _orders.Values.OrderBy(o => o.ClientId, StringComparer.Ordinal).ToList(),
        _fillIds.Order(StringComparer.Ordinal).ToList(),
        NextClientSequence, DuplicateFills, IgnoredEvents, OrdersSubmitted, FillCount)
    {
        FinishedOrder = _retainFinished is null ? null : [.. _finished],
        FillsByOrder = _retainFinished is null ? null : _fillsByOrder.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value),
        ForgottenOrders = ForgottenOrders,
    };

    public static OrderLedger FromSnapshot(OrderLedgerSnapshot snapshot, int? retainFinished = null)
    {
        var ledger = new OrderLedger(retainFinished)
        {
            NextClientSequence = snapshot.NextClientSequence,
            DuplicateFills = snapshot.DuplicateFills,
            IgnoredEvents = snapshot.IgnoredEvents,
            OrdersSubmitted = snapshot.OrdersSubmitted,
            FillCount = snapshot.FillCount,
            ForgottenOrders = snapshot.ForgottenOrders,
        };
        // Finished orders re-enter the retention queue in the order they finished (or by time, from an older snapshot).
        var finishedOrder = snapshot.FinishedOrder ?? snapshot.Orders.Where(o => o.Status.IsTerminal())
            .OrderBy(o => o.UpdatedAt).ThenBy(o => o.ClientId, StringComparer.Ordinal).Select(o => o.ClientId).ToList();
        var byId = snapshot.Orders.ToDictionary(o => o.ClientId, StringComparer.Ordinal);
        foreach (var o in snapshot.Orders.Where(o => !o.Status.IsTerminal())) ledger.Put(o);
        foreach (var id in snapshot.FillIds) ledger._fillIds.Add(id);
        if (snapshot.FillsByOrder is { } owners)
            foreach (var (clientId, fills) in owners) ledger._fillsByOrder[clientId] = [.. fills];
        foreach (var id in finishedOrder)
            if (byId.TryGetValue(id, out var o)) ledger.Put(o);
        return ledger;
    }
}

/// <summary>Serializable state of an <see cref="OrderLedger"/>.</summary>
public sealed record OrderLedgerSnapshot(
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<string> FillIds,
    long NextClientSequence,
    long DuplicateFills,
    long IgnoredEvents,
    long OrdersSubmitted,
    long FillCount)
{
    /// <summary>With a retention bound: finished orders, oldest first (absent in older snapshots).</summary>
    public IReadOnlyList<string>? FinishedOrder { get; init; }

    /// <summary>With a retention bound: each retained order's fill ids, forgotten with it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FillsByOrder { get; init; }

    public long ForgottenOrders { get; init; }
}
