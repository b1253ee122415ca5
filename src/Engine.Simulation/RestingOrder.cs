using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>An order resting in the simulated venue. Read-only to callers; the venue advances it.</summary>
public sealed class RestingOrder
{
    internal RestingOrder(OrderRequest request, string venueOrderId, Quantity remaining, long sequence, QueuePosition queue, Timestamp placedAt)
    {
        Request = request;
        VenueOrderId = venueOrderId;
        Remaining = remaining;
        Sequence = sequence;
        Queue = queue;
        PlacedAt = placedAt;
    }

    public OrderRequest Request { get; }
    public string VenueOrderId { get; }
    public string ClientId => Request.ClientId;
    public Side Side => Request.Side;
    public Price Price => Request.Price;

    /// <summary>Arrival order in the venue; breaks price ties (older first).</summary>
    public long Sequence { get; }
    public Timestamp PlacedAt { get; }
    public Quantity Remaining { get; internal set; }
    public Quantity Filled => Request.Size - Remaining;
    public QueuePosition Queue { get; internal set; }

    /// <summary>True after a book clear until the next book update re-anchors the queue; no at-price fills meanwhile.</summary>
    public bool QueueUnknown { get; internal set; }
}
