namespace Engine.Dydx.Rest.Models;

/// <summary>GET /v3/config. Fees are decimal strings; the two rate-limit objects carry JSON numbers.</summary>
public sealed record ExchangeConfig
{
    public string? CollateralAssetId { get; init; }
    public string? CollateralTokenAddress { get; init; }
    public required decimal DefaultMakerFee { get; init; }
    public required decimal DefaultTakerFee { get; init; }
    public string? ExchangeAddress { get; init; }
    public decimal? MaxExpectedBatchLengthMinutes { get; init; }
    public decimal? MaxFastWithdrawalAmount { get; init; }
    public CancelOrderRateLimiting? CancelOrderRateLimiting { get; init; }
    public PlaceOrderRateLimiting? PlaceOrderRateLimiting { get; init; }
}

public sealed record CancelOrderRateLimiting
{
    /// <summary>DELETE /v3/orders (cancel-all, per market) requests per window.</summary>
    public required int MaxPointsMulti { get; init; }
    public required int MaxPointsSingle { get; init; }
    public required int WindowSecMulti { get; init; }
    public required int WindowSecSingle { get; init; }
}

public sealed record PlaceOrderRateLimiting
{
    public required int MaxPoints { get; init; }
    public required int WindowSec { get; init; }
    public required decimal TargetNotional { get; init; }
    public required int MinLimitConsumption { get; init; }
    public required int MinMarketConsumption { get; init; }
    public required int MinTriggerableConsumption { get; init; }
    public required int MaxOrderConsumption { get; init; }
}
