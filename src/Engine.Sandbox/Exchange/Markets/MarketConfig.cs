using Engine.Core.Markets;
using Engine.Core.Primitives;
using Engine.Dydx.Markets;

namespace Engine.Sandbox.Exchange.Markets;

/// <summary>
/// Everything needed to list a market: the trading rules plus its live values (status, oracle/index price, funding).
/// <see cref="NextFundingAt"/> defaults to the top of the hour after the market is added.
/// </summary>
public sealed record MarketConfig
{
    public required MarketRules Rules { get; init; }
    public required Price OraclePrice { get; init; }
    public Price? IndexPrice { get; init; }
    public MarketStatus Status { get; init; } = MarketStatus.Online;
    public decimal NextFundingRate { get; init; }
    public Timestamp? NextFundingAt { get; init; }

    /// <summary>Descriptive fields the server echoes in GET /v3/markets (and needs for STARK signatures).</summary>
    public string? BaseAsset { get; init; }
    public string QuoteAsset { get; init; } = "USD";
    public string? AssetResolution { get; init; }
    public string? SyntheticAssetId { get; init; }

    public string Market => Rules.Market;

    /// <summary>
    /// A config from a v3 markets payload entry; null when it lacks tick/step/minimum size or the oracle price
    /// (a v3_markets update carries only changed fields, so it cannot list a market by itself).
    /// </summary>
    public static MarketConfig? FromUpdate(MarketUpdate update, out string? problem)
    {
        problem = null;
        if (!update.TryGetRules(out var rules))
        {
            problem = $"market {update.Market}: tickSize, stepSize and minOrderSize are required";
            return null;
        }
        if (update.OraclePrice is not { Units: > 0 } oracle)
        {
            problem = $"market {update.Market}: a positive oraclePrice is required";
            return null;
        }
        var status = MarketStatus.Online;
        if (update.Status is { } text && !MarketStatusWire.TryParse(text, out status))
        {
            problem = $"market {update.Market}: unknown status '{text}'";
            return null;
        }
        return new MarketConfig
        {
            Rules = rules,
            OraclePrice = oracle,
            IndexPrice = update.IndexPrice,
            Status = status,
            NextFundingRate = update.NextFundingRate ?? 0m,
            NextFundingAt = update.NextFundingAt,
        };
    }

    /// <summary>
    /// Rules the sandbox can settle exactly: positive tick and step, and tick × step on the 1e-6 USD grid so every
    /// fill's notional is a whole number of USDC quantums (true of every real v3 market).
    /// </summary>
    public string? Problem()
    {
        if (Rules.TickSize.Units <= 0 || Rules.StepSize.Units <= 0) return $"market {Market}: tickSize and stepSize must be positive";
        if (Rules.MinOrderSize.Units < 0) return $"market {Market}: minOrderSize must not be negative";
        if (OraclePrice.Units <= 0) return $"market {Market}: oraclePrice must be positive";
        Int128 product = (Int128)Rules.TickSize.Units * Rules.StepSize.Units; // scale 1e18
        if (product % 1_000_000_000_000 != 0)
            return $"market {Market}: tickSize × stepSize must be a multiple of 0.000001 so notionals settle exactly";
        return null;
    }
}
