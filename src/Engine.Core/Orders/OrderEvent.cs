using Engine.Core.Primitives;

namespace Engine.Core.Orders;

/// <summary>Everything that changes an order's state; the order manager journals these.</summary>
public abstract record OrderEvent(string ClientId, Timestamp Time);

/// <summary>Intent recorded before the order is sent, so a crash can never lose an order that reached the venue.</summary>
public sealed record OrderSubmitted(OrderRequest Request, Timestamp At) : OrderEvent(Request.ClientId, At);
public sealed record OrderAcknowledged(string Id, string VenueOrderId, Timestamp At) : OrderEvent(Id, At);
public sealed record OrderCancelRequested(string Id, Timestamp At) : OrderEvent(Id, At);
public sealed record OrderCanceled(string Id, CancelReason Reason, Timestamp At) : OrderEvent(Id, At);
public sealed record OrderRejected(string Id, string Reason, Timestamp At) : OrderEvent(Id, At);
public sealed record OrderFilled(Fill Fill) : OrderEvent(Fill.ClientId, Fill.Time);
