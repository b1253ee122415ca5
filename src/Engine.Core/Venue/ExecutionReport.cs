using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Venue;

/// <summary>
/// What a venue (the simulated one or dYdX v3) tells the engine about one of its orders, in the order it happened.
/// The order manager turns these into its journaled order events.
/// </summary>
public abstract record ExecutionReport(string ClientId, Timestamp Time);

/// <summary>The venue took the order (v3 PENDING/OPEN); a post-only cross or IOC/FOK outcome may follow at once.</summary>
public sealed record OrderAccepted(string ClientId, string VenueOrderId, Timestamp Time) : ExecutionReport(ClientId, Time);

/// <summary>Refused at submission (HTTP 400 in v3); Reason carries the venue's message text.</summary>
public sealed record OrderRejected(string ClientId, string Reason, Timestamp Time) : ExecutionReport(ClientId, Time);

public sealed record OrderCanceled(string ClientId, CancelReason Reason, Timestamp Time) : ExecutionReport(ClientId, Time);

/// <summary>One execution; RemainingSize is what is left of the order after it (zero = fully filled).</summary>
public sealed record OrderFilled(Fill Fill, Quantity RemainingSize, Timestamp Time) : ExecutionReport(Fill.ClientId, Time);
