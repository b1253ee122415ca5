using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.Models;

/// <summary>
/// An order as REST and the v3_accounts stream show it. price is echoed as submitted ("261.6"); there is no
/// partially-filled status, remainingSize tells. A cancel (REST) answers with the order still OPEN or PENDING:
/// CANCELED arrives later on the stream.
/// </summary>
public sealed record Order
{
    public required string Id { get; init; }
    public required string ClientId { get; init; }
    public string? AccountId { get; init; }
    public required string Market { get; init; }
    public required Side Side { get; init; }
    public required decimal Price { get; init; }
    public decimal? TriggerPrice { get; init; }
    public decimal? TrailingPercent { get; init; }
    public required decimal Size { get; init; }
    public required decimal RemainingSize { get; init; }
    public required DydxOrderType Type { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UnfillableAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public required DydxOrderStatus Status { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    public required bool PostOnly { get; init; }
    public bool? ReduceOnly { get; init; }
    public CancelReason? CancelReason { get; init; }
    public decimal? LimitFee { get; init; }
    public string? Signature { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record OrderResponse
{
    public required Order Order { get; init; }
}

public sealed record OrdersResponse
{
    public required IReadOnlyList<Order> Orders { get; init; }
}

/// <summary>DELETE /v3/orders/:id.</summary>
public sealed record CancelOrderResponse
{
    public required Order CancelOrder { get; init; }
}

/// <summary>DELETE /v3/orders (cancel-all, optionally by market).</summary>
public sealed record CancelOrdersResponse
{
    public required IReadOnlyList<Order> CancelOrders { get; init; }
}
