using Engine.Core.Primitives;

namespace Engine.Core.Orders;

/// <summary>The engine's knowledge of one order: what it asked for and what the venue has said since.</summary>
public sealed record OrderRecord(
    OrderRequest Request,
    OrderStatus Status,
    Quantity Filled,
    string? VenueOrderId,
    CancelReason CancelReason,
    string? RejectReason,
    Timestamp CreatedAt,
    Timestamp UpdatedAt)
{
    public Quantity Remaining => Request.Size - Filled;
    public string ClientId => Request.ClientId;
}
