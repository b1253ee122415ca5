using Engine.Core.Markets;
using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Markets;

/// <summary>A market as GET /v3/markets reports it. OpenInterest counts the sandbox users' long positions (background has none).</summary>
public sealed record MarketView(
    string Market,
    MarketStatus Status,
    string BaseAsset,
    string QuoteAsset,
    MarketRules Rules,
    Price OraclePrice,
    Price IndexPrice,
    decimal NextFundingRate,
    Timestamp NextFundingAt,
    Quantity OpenInterest,
    string? AssetResolution,
    string? SyntheticAssetId);
