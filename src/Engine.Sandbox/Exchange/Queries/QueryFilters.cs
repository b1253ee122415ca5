using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Queries;

/// <summary>GET /v3/orders filters. Statuses null means the active ones (PENDING, OPEN, UNTRIGGERED), as v3 did.</summary>
public sealed record OrderQuery
{
    public string? Market { get; init; }
    public IReadOnlySet<V3OrderStatus>? Statuses { get; init; }
    public Side? Side { get; init; }
    public OrderType? Type { get; init; }
    public int Limit { get; init; } = QueryLimits.Max;
    public Timestamp? CreatedBeforeOrAt { get; init; }
}

/// <summary>GET /v3/fills filters.</summary>
public sealed record FillQuery
{
    public string? Market { get; init; }
    public string? OrderId { get; init; }
    public int Limit { get; init; } = QueryLimits.Max;
    public Timestamp? CreatedBeforeOrAt { get; init; }
}

/// <summary>GET /v3/positions filters.</summary>
public sealed record PositionQuery
{
    public string? Market { get; init; }
    public PositionStatus? Status { get; init; }
    public int Limit { get; init; } = QueryLimits.Max;
    public Timestamp? CreatedBeforeOrAt { get; init; }
}

/// <summary>GET /v3/funding filters.</summary>
public sealed record FundingQuery
{
    public string? Market { get; init; }
    public int Limit { get; init; } = QueryLimits.Max;
    public Timestamp? EffectiveBeforeOrAt { get; init; }
}

public static class QueryLimits
{
    /// <summary>v3 pages hold at most 100 entries.</summary>
    public const int Max = 100;
}
