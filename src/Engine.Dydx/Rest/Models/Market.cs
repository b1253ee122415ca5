using System.Text.Json.Serialization;

namespace Engine.Dydx.Rest.Models;

/// <summary>One market of GET /v3/markets (and of the v3_markets snapshot). Every number is a decimal string on the wire.</summary>
public sealed record Market
{
    [JsonPropertyName("market")]
    public required string MarketId { get; init; }
    public required MarketStatus Status { get; init; }
    public string? BaseAsset { get; init; }
    public string? QuoteAsset { get; init; }
    public required decimal StepSize { get; init; }
    public required decimal TickSize { get; init; }
    public decimal? IndexPrice { get; init; }
    public decimal? OraclePrice { get; init; }
    public decimal? PriceChange24H { get; init; }
    public decimal? NextFundingRate { get; init; }
    public DateTimeOffset? NextFundingAt { get; init; }
    public required decimal MinOrderSize { get; init; }
    public string? Type { get; init; }
    public decimal? InitialMarginFraction { get; init; }
    public decimal? MaintenanceMarginFraction { get; init; }
    public decimal? BaselinePositionSize { get; init; }
    public decimal? IncrementalPositionSize { get; init; }
    public decimal? IncrementalInitialMarginFraction { get; init; }
    public decimal? MaxPositionSize { get; init; }
    public decimal? Volume24H { get; init; }
    public long? Trades24H { get; init; }
    public decimal? OpenInterest { get; init; }
    public long? AssetResolution { get; init; }
    public string? SyntheticAssetId { get; init; }
}

/// <summary>{"markets":{"BTC-USD":{...}}}: a map even when one market is asked for.</summary>
public sealed record MarketsResponse
{
    public required IReadOnlyDictionary<string, Market> Markets { get; init; }
}
