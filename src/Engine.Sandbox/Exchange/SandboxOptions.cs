namespace Engine.Sandbox.Exchange;

/// <summary>Knobs of the sandbox exchange; defaults are v3's published values where v3 had one.</summary>
public sealed record SandboxOptions
{
    /// <summary>Seeds the deterministic order/fill/position ids.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>GET /v3/config defaultMakerFee / defaultTakerFee.</summary>
    public decimal DefaultMakerFeeRate { get; init; } = 0.0005m;
    public decimal DefaultTakerFeeRate { get; init; } = 0.001m;

    /// <summary>v3: at most 20 open orders per market and side per account.</summary>
    public int MaxOpenOrdersPerMarketSide { get; init; } = 20;

    /// <summary>v3: expiration at least one minute ahead.</summary>
    public TimeSpan MinimumExpiration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>v3: GET /v3/orders/client/:clientId only finds orders of the last hour.</summary>
    public TimeSpan ClientIdLookupWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Recent public trades kept per market for GET /v3/trades.</summary>
    public int PublicTradesKept { get; init; } = 1000;

    /// <summary>A full markets entry from the feed for a market the exchange does not list adds it.</summary>
    public bool ListMarketsFromFeed { get; init; } = true;

    /// <summary>
    /// Clock jumps longer than this settle only the last missed funding hour (a sandbox left idle is not charged for
    /// every hour of its downtime with one stale rate).
    /// </summary>
    public TimeSpan MaxFundingCatchUp { get; init; } = TimeSpan.FromDays(1);
}
