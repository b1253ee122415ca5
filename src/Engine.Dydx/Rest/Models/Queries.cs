using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.Models;

// Optional filters of the list endpoints; null members are left out of the query string (and so of the signature).

/// <summary>GET /v3/orders (active orders only).</summary>
public sealed record OrdersQuery
{
    public string? Market { get; init; }
    /// <summary>A subset of PENDING, OPEN, UNTRIGGERED; sent comma-separated.</summary>
    public IReadOnlyList<DydxOrderStatus>? Statuses { get; init; }
    public Side? Side { get; init; }
    public DydxOrderType? Type { get; init; }
    public int? Limit { get; init; }
    public DateTimeOffset? CreatedBeforeOrAt { get; init; }
    public bool? ReturnLatestOrders { get; init; }
}

/// <summary>GET /v3/fills.</summary>
public sealed record FillsQuery
{
    public string? Market { get; init; }
    public string? OrderId { get; init; }
    public int? Limit { get; init; }
    public DateTimeOffset? CreatedBeforeOrAt { get; init; }
}

/// <summary>GET /v3/positions.</summary>
public sealed record PositionsQuery
{
    public string? Market { get; init; }
    public PositionStatus? Status { get; init; }
    public int? Limit { get; init; }
    public DateTimeOffset? CreatedBeforeOrAt { get; init; }
}

/// <summary>GET /v3/funding (the account's payments).</summary>
public sealed record FundingQuery
{
    public string? Market { get; init; }
    public int? Limit { get; init; }
    public DateTimeOffset? EffectiveBeforeOrAt { get; init; }
}
