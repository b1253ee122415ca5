using Engine.Core.Primitives;

namespace Engine.Core.Orders;

/// <summary>A fully specified order the engine wants at the venue. ClientId is decimal digits (v3 rule), unique per account.</summary>
public sealed record OrderRequest(
    string ClientId,
    string Market,
    Side Side,
    Price Price,
    Quantity Size,
    TimeInForce TimeInForce,
    bool PostOnly,
    Timestamp Expiration);
