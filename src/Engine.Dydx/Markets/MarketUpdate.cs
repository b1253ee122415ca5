using Engine.Core.Markets;
using Engine.Core.Primitives;

namespace Engine.Dydx.Markets;

/// <summary>
/// The fields of one market from a v3 markets payload (GET /v3/markets, v3_markets snapshot or update).
/// Updates carry only changed fields; everything is optional.
/// </summary>
public sealed record MarketUpdate(string Market)
{
    public string? Status { get; init; }
    public Price? TickSize { get; init; }
    public Quantity? StepSize { get; init; }
    public Quantity? MinOrderSize { get; init; }
    public decimal? InitialMarginFraction { get; init; }
    public decimal? MaintenanceMarginFraction { get; init; }
    public Quantity? BaselinePositionSize { get; init; }
    public Quantity? IncrementalPositionSize { get; init; }
    public decimal? IncrementalInitialMarginFraction { get; init; }
    public Quantity? MaxPositionSize { get; init; }
    public Price? OraclePrice { get; init; }
    public Price? IndexPrice { get; init; }
    public decimal? NextFundingRate { get; init; }
    public Timestamp? NextFundingAt { get; init; }

    /// <summary>Fields of <paramref name="later"/> win where present.</summary>
    public MarketUpdate Merge(MarketUpdate later) => new(Market)
    {
        Status = later.Status ?? Status,
        TickSize = later.TickSize ?? TickSize,
        StepSize = later.StepSize ?? StepSize,
        MinOrderSize = later.MinOrderSize ?? MinOrderSize,
        InitialMarginFraction = later.InitialMarginFraction ?? InitialMarginFraction,
        MaintenanceMarginFraction = later.MaintenanceMarginFraction ?? MaintenanceMarginFraction,
        BaselinePositionSize = later.BaselinePositionSize ?? BaselinePositionSize,
        IncrementalPositionSize = later.IncrementalPositionSize ?? IncrementalPositionSize,
        IncrementalInitialMarginFraction = later.IncrementalInitialMarginFraction ?? IncrementalInitialMarginFraction,
        MaxPositionSize = later.MaxPositionSize ?? MaxPositionSize,
        OraclePrice = later.OraclePrice ?? OraclePrice,
        IndexPrice = later.IndexPrice ?? IndexPrice,
        NextFundingRate = later.NextFundingRate ?? NextFundingRate,
        NextFundingAt = later.NextFundingAt ?? NextFundingAt,
    };

    /// <summary>Trading rules, once tick, step and minimum size are known (margin fields default to 0 when absent).</summary>
    public bool TryGetRules(out MarketRules rules)
    {
        rules = null!;
        if (TickSize is not { Units: > 0 } tick || StepSize is not { Units: > 0 } step || MinOrderSize is not { } min) return false;
        rules = new MarketRules(
            Market, tick, step, min,
            InitialMarginFraction ?? 0m, MaintenanceMarginFraction ?? 0m,
            BaselinePositionSize ?? Quantity.Zero, IncrementalPositionSize ?? Quantity.Zero,
            IncrementalInitialMarginFraction ?? 0m, MaxPositionSize ?? Quantity.Zero);
        return true;
    }
}
