using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Venue;
using Engine.Dydx.Rest.Models;
using CoreFill = Engine.Core.Orders.Fill;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using V3Fill = Engine.Dydx.Rest.Models.Fill;
using V3Order = Engine.Dydx.Rest.Models.Order;

namespace Engine.Runtime.Venue.Dydx;

/// <summary>
/// Turns what dYdX v3 says about our orders — the REST answer to a placement and the v3_accounts stream, which
/// race each other — into the engine's <see cref="ExecutionReport"/>s, each exactly once and in a valid order:
/// accepted before any fill or cancel of the order, fills de-duplicated by id, one terminal cancel. Pure.
/// </summary>
public sealed class V3OrderTracker(int retainFinished)
{
    private readonly Dictionary<string, Tracked> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tracked> _byVenueId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillIds = new(StringComparer.Ordinal);
    // Finished orders, oldest first: beyond the bound they are forgotten with their fill ids, so a long run stays bounded.
    private readonly Queue<Tracked> _finished = new();

    /// <summary>Orders tracked now (working plus the retained finished ones).</summary>
    public int Count => _byClientId.Count;

    /// <summary>Venue ids of accepted orders not known to be finished: what a REST reconciliation looks up.</summary>
    public IReadOnlyList<string> UnfinishedVenueIds => _byClientId.Values.Where(t => !t.Finished && t.VenueId is not null).Select(t => t.VenueId!).ToList();

    /// <summary>A placement is about to be sent.</summary>
    public void Submitted(OrderRequest request) => _byClientId[request.ClientId] = new Tracked(request);

    public bool TryGetVenueId(string clientId, out string venueId)
    {
        venueId = _byClientId.TryGetValue(clientId, out var t) ? t.VenueId ?? "" : "";
        return venueId.Length > 0;
    }

    public bool IsFinished(string clientId) => !_byClientId.TryGetValue(clientId, out var t) || t.Finished;

    /// <summary>POST /v3/orders answered with the (PENDING) order.</summary>
    public void Placed(V3Order order, Timestamp now, List<ExecutionReport> output)
    {
        if (_byClientId.TryGetValue(order.ClientId, out var t)) Accept(t, order.Id, now, output);
    }

    /// <summary>POST /v3/orders was refused (HTTP 4xx): the order never existed.</summary>
    public void Refused(string clientId, string reason, Timestamp now, List<ExecutionReport> output)
    {
        if (!_byClientId.TryGetValue(clientId, out var t) || t.Accepted || t.Finished) return;
        Finish(t);
        output.Add(new OrderRejected(clientId, reason, now));
    }

    /// <summary>One v3_accounts message (or a REST reconciliation): order updates and fills, in that message.</summary>
    public void Update(IReadOnlyList<V3Order> orders, IReadOnlyList<V3Fill> fills, Timestamp now, List<ExecutionReport> output)
    {
        // An order mentioned anywhere is accepted first; then its fills; then its terminal state.
        foreach (var o in orders)
            if (_byClientId.TryGetValue(o.ClientId, out var t)) Accept(t, o.Id, now, output);
        foreach (var f in fills)
        {
            if (!_fillIds.Add(f.Id)) continue;
            var t = f.OrderClientId is { } cid && _byClientId.TryGetValue(cid, out var byClient) ? byClient
                : _byVenueId.GetValueOrDefault(f.OrderId);
            if (t is null) continue; // not an order of this engine
            Accept(t, f.OrderId, now, output);
            t.FillIds.Add(f.Id);
            var size = Quantity.FromDecimal(f.Size);
            t.Remaining = new Quantity(Math.Max(0, t.Remaining.Units - size.Units));
            var fill = new CoreFill(f.Id, t.Request.ClientId, f.Market, f.Side, Price.FromDecimal(f.Price), size, f.Fee, f.Liquidity,
                Timestamp.FromDateTimeOffset(f.CreatedAt));
            output.Add(new OrderFilled(fill, t.Remaining, fill.Time));
        }
        foreach (var o in orders)
        {
            if (!_byClientId.TryGetValue(o.ClientId, out var t) || t.Finished) continue;
            if (o.Status == DydxOrderStatus.Canceled)
            {
                Finish(t);
                output.Add(new OrderCanceled(t.Request.ClientId, o.CancelReason ?? CancelReason.UserCanceled, Timestamp.FromDateTimeOffset(o.UpdatedAt ?? o.CreatedAt)));
            }
            else if (o.Status == DydxOrderStatus.Filled && t.Remaining.IsZero)
            {
                Finish(t);
            }
        }
    }

    private void Finish(Tracked t)
    {
        t.Finished = true;
        _finished.Enqueue(t);
        while (_finished.Count > retainFinished)
        {
            var old = _finished.Dequeue();
            _byClientId.Remove(old.Request.ClientId);
            if (old.VenueId is not null) _byVenueId.Remove(old.VenueId);
            foreach (var id in old.FillIds) _fillIds.Remove(id);
        }
    }

    private void Accept(Tracked t, string venueId, Timestamp now, List<ExecutionReport> output)
    {
        if (t.Accepted) return;
        t.Accepted = true;
        t.VenueId = venueId;
        _byVenueId[venueId] = t;
        output.Add(new OrderAccepted(t.Request.ClientId, venueId, now));
    }

    private sealed class Tracked(OrderRequest request)
    {
        public OrderRequest Request { get; } = request;
        public string? VenueId { get; set; }
        public bool Accepted { get; set; }
        public bool Finished { get; set; }
        public Quantity Remaining { get; set; } = request.Size;
        public List<string> FillIds { get; } = new(1);
    }
}
