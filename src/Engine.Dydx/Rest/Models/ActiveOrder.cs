using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.Models;

/// <summary>The short form of GET/DELETE /v3/active-orders (cheaper in rate-limit points than /v3/orders).</summary>
public sealed record ActiveOrder
{
    public required string Id { get; init; }
    public string? AccountId { get; init; }
    public required string Market { get; init; }
    public required Side Side { get; init; }
    public required decimal Price { get; init; }
    public required decimal RemainingSize { get; init; }
}

public sealed record ActiveOrdersResponse
{
    public required IReadOnlyList<ActiveOrder> Orders { get; init; }
}

public sealed record CancelActiveOrdersResponse
{
    public required IReadOnlyList<ActiveOrder> CancelOrders { get; init; }
}
