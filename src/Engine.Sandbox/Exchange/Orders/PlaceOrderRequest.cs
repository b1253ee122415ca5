using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Orders;

/// <summary>
/// The body of POST /v3/orders, typed. Price is the limit (for MARKET: the worst acceptable price, still required).
/// The signature is stored as given; checking it against the account's STARK key is the server's job.
/// </summary>
public sealed record PlaceOrderRequest
{
    public required string Market { get; init; }
    public required Side Side { get; init; }
    public OrderType Type { get; init; } = OrderType.Limit;
    public required Quantity Size { get; init; }
    public required Price Price { get; init; }
    /// <summary>
    /// The price exactly as the client wrote it (e.g. "261.60"): v3 echoed order prices as submitted, so the server
    /// passes the body's text here. Null means the shortest form of <see cref="Price"/>. Must denote the same value.
    /// </summary>
    public string? PriceText { get; init; }
    public required decimal LimitFee { get; init; }
    public required Timestamp Expiration { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtt;
    public bool PostOnly { get; init; }
    public bool ReduceOnly { get; init; }
    public required string ClientId { get; init; }
    /// <summary>Order to cancel immediately before this one is placed (cancel-replace).</summary>
    public string? CancelId { get; init; }
    public string Signature { get; init; } = "";
}
