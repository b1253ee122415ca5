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
        _orders[order.ClientId] = order;
        if (order.Status.IsWorking()) _working[order.ClientId] = order;
        else _working.Remove(order.ClientId);
    }

    /// <summary>Terminal orders older than this are dropped from memory (their fill ids stay for de-duplication).</summary>
    public int PruneTerminal(Timestamp olderThan)
    {
        var stale = _orders.Values.Where(o => o.Status.IsTerminal() && o.UpdatedAt < olderThan).Select(o => o.ClientId).ToList();
        foreach (var id in stale) _orders.Remove(id);
        return stale.Count;
    }

    public OrderLedgerSnapshot ToSnapshot() => new(
        _orders.Values.OrderBy(o => o.ClientId, StringComparer.Ordinal).ToList(),
        _fillIds.Order(StringComparer.Ordinal).ToList(),
        NextClientSequence, DuplicateFills, IgnoredEvents, OrdersSubmitted, FillCount);

    public static OrderLedger FromSnapshot(OrderLedgerSnapshot snapshot)
    {
        var ledger = new OrderLedger
        {
            NextClientSequence = snapshot.NextClientSequence,
            DuplicateFills = snapshot.DuplicateFills,
            IgnoredEvents = snapshot.IgnoredEvents,
            OrdersSubmitted = snapshot.OrdersSubmitted,
            FillCount = snapshot.FillCount,
        };
        foreach (var o in snapshot.Orders) ledger.Put(o);
        foreach (var id in snapshot.FillIds) ledger._fillIds.Add(id);
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
    long FillCount);
