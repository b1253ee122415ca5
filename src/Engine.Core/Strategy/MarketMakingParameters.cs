using Engine.Core.Primitives;

namespace Engine.Core.Strategy;

/// <summary>Where the reference price comes from.</summary>
public enum PriceSource : byte { Mid, Last, BestBid, BestAsk }

/// <summary>
/// Perpetual market-making parameters (Hummingbot's perpetual_market_making, plus inventory skew and a maximum
/// position). Spreads are fractions: 0.001 = 0.1 %.
/// </summary>
public sealed record MarketMakingParameters
{
    public required string Market { get; init; }
    public decimal BidSpread { get; init; } = 0.001m;
    public decimal AskSpread { get; init; } = 0.001m;
    public required Quantity OrderAmount { get; init; }
    public int OrderLevels { get; init; } = 1;
    public decimal OrderLevelSpread { get; init; } = 0.01m;
    public Quantity OrderLevelAmount { get; init; } = Quantity.Zero;
    public TimeSpan RefreshTime { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Keep orders whose price is within this fraction of the new proposal; negative: always refresh.</summary>
    public decimal RefreshTolerance { get; init; }
    /// <summary>Cancel orders closer than this fraction to the reference price; negative disables.</summary>
    public decimal MinimumSpread { get; init; } = -1m;
    public TimeSpan FilledOrderDelay { get; init; } = TimeSpan.FromSeconds(60);
    public PriceSource PriceSource { get; init; } = PriceSource.Mid;
    public bool InventorySkew { get; init; }
    public Quantity InventoryTarget { get; init; } = Quantity.Zero;
    public Quantity InventoryRange { get; init; } = Quantity.Zero;
    /// <summary>Absolute position limit in base units; zero means no limit.</summary>
    public Quantity MaxPosition { get; init; } = Quantity.Zero;
    public bool PostOnly { get; init; } = true;
    public TimeSpan OrderExpiration { get; init; } = TimeSpan.FromDays(28);

    /// <summary>Problems, each naming the HOCON key, or empty when the parameters are usable.</summary>
    public IReadOnlyList<(string Key, string Problem)> Validate()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Market)) problems.Add(("market", "must name a market such as BTC-USD"));
        if (BidSpread < 0 || BidSpread >= 1) problems.Add(("bid-spread", "must be >= 0 and < 1"));
        if (AskSpread < 0) problems.Add(("ask-spread", "must be >= 0"));
        if (OrderAmount.Units <= 0) problems.Add(("order-amount", "must be > 0"));
        if (OrderLevels is < 1 or > 20) problems.Add(("order-levels", "must be from 1 to 20 (v3 allows 20 open orders per side)"));
        if (OrderLevelSpread < 0) problems.Add(("order-level-spread", "must be >= 0"));
        if (BidSpread + (OrderLevels - 1) * OrderLevelSpread >= 1) problems.Add(("order-level-spread", "puts the deepest bid at or below zero"));
        if (RefreshTime <= TimeSpan.Zero) problems.Add(("refresh-time", "must be positive"));
        if (FilledOrderDelay < TimeSpan.Zero) problems.Add(("filled-order-delay", "must not be negative"));
        if (InventorySkew && InventoryRange.Units <= 0) problems.Add(("inventory-skew.range", "must be > 0 when inventory skew is enabled"));
        if (MaxPosition.Units < 0) problems.Add(("max-position", "must be >= 0 (0 = no limit)"));
        if (OrderExpiration < TimeSpan.FromMinutes(1)) problems.Add(("order-expiration", "must be at least 1 minute (v3 rule)"));
        return problems;
    }
}
