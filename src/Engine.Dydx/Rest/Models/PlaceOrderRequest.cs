using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.Models;

/// <summary>
/// Body of POST /v3/orders. Decimals are written exactly as given (their scale included), so they must be the
/// quantized values the STARK signature was computed over; <see cref="Signature"/> comes from the signer.
/// clientId must be unique per account: it is the StarkEx nonce and the key for finding an order whose
/// placement timed out (GET /v3/orders/client/:clientId).
/// </summary>
public sealed record PlaceOrderRequest
{
    public required string Market { get; init; }
    public required Side Side { get; init; }
    public required DydxOrderType Type { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    public required bool PostOnly { get; init; }
    public required decimal Size { get; init; }
    public required decimal Price { get; init; }
    public required decimal LimitFee { get; init; }
    public required DateTimeOffset Expiration { get; init; }
    public required string ClientId { get; init; }
    public required string Signature { get; init; }

    /// <summary>Only with FOK/IOC; omitted when null.</summary>
    public bool? ReduceOnly { get; init; }

    /// <summary>An order to cancel atomically just before this one is placed (cancel-replace).</summary>
    public string? CancelId { get; init; }

    public decimal? TriggerPrice { get; init; }
    public decimal? TrailingPercent { get; init; }
}
