using Engine.Core.Primitives;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Markets;
using Engine.Stark.ApiKeys;

namespace Engine.Sandbox.Server;

/// <summary>
/// Everything a <see cref="SandboxServer"/> needs: where to listen, what background market flow to play, how fast,
/// which accounts exist at start, and the v3 limits and timings it enforces. Defaults are v3's published values.
/// </summary>
public sealed record SandboxServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read <see cref="SandboxServer.BaseUrl"/> after start).</summary>
    public int Port { get; init; }

    /// <summary>An engine recording (plain or gzip) to replay as background flow. Takes precedence over <see cref="SyntheticSeed"/>.</summary>
    public string? FeedFile { get; init; }

    /// <summary>Seed of a synthetic v3 feed for background flow (used when <see cref="FeedFile"/> is null). Null and no file: no feed.</summary>
    public ulong? SyntheticSeed { get; init; }

    /// <summary>Market of the synthetic feed.</summary>
    public string SyntheticMarket { get; init; } = "BTC-USD";

    /// <summary>Length of the synthetic feed (exchange time); the background stands still afterwards.</summary>
    public TimeSpan SyntheticDuration { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Mean gap between synthetic frames.</summary>
    public TimeSpan SyntheticFrameGap { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Exchange time runs this many times faster than the wall clock (feed playback, expirations, hourly funding).
    /// REST auth windows and GET /v3/time always use the wall clock.
    /// </summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Clock (default): the feed plays at its recorded times; ReaderPaced: as fast as WebSocket subscribers read it.</summary>
    public FeedPlayback Playback { get; init; } = FeedPlayback.Clock;

    /// <summary>Exchange time at start; null = the wall clock at start.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>
    /// Added to recorded frame times. Null = shift the recording so its first frame plays at the start time
    /// ("recorded data plays now"). Synthetic feeds are generated at the start time and never shifted.
    /// </summary>
    public TimeSpan? FeedTimeShift { get; init; }

    /// <summary>Ethereum network id of the STARK order signatures (1 = mainnet USDC collateral asset).</summary>
    public int NetworkId { get; init; } = 1;

    /// <summary>Markets listed at start (the feed may list more). Null = BTC-USD and ETH-USD at v3's 2022 rules.</summary>
    public IReadOnlyList<MarketConfig>? Markets { get; init; }

    /// <summary>Accounts created before the server accepts requests.</summary>
    public IReadOnlyList<SandboxAccountSpec> Accounts { get; init; } = [];

    /// <summary>Fault injection; the same instance is live at <see cref="SandboxServer.Faults"/> and /sandbox/faults.</summary>
    public SandboxFaults Faults { get; init; } = new();

    /// <summary>v3: the server pings every 30 s ...</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>... and drops a connection whose pong has not come 10 s later.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages queued per WebSocket connection; a client that lets more pile up is disconnected.</summary>
    public int WebSocketSendQueue { get; init; } = 4096;

    /// <summary>v3: DYDX-TIMESTAMP (and the v3_accounts subscription timestamp) must be within 30 s of server time.</summary>
    public TimeSpan TimestampWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Rate limits, published by GET /v3/config and enforced.</summary>
    public SandboxRateLimits RateLimits { get; init; } = new();

    /// <summary>The matching core's knobs (fees, open-order limit, minimum expiration, id seed).</summary>
    public SandboxOptions Exchange { get; init; } = new();

    /// <summary>How often the exchange loop advances the feed and runs the matcher when no request wakes it.</summary>
    public TimeSpan LoopInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Wall clock (tests may substitute one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>BTC-USD and ETH-USD with the real v3 rules of 2022-02-11 (api doc §1.4).</summary>
    public static IReadOnlyList<MarketConfig> DefaultMarkets { get; } =
    [
        new MarketConfig
        {
            Rules = new Engine.Core.Markets.MarketRules("BTC-USD", Price.Parse("1"), Quantity.Parse("0.0001"), Quantity.Parse("0.001"),
                0.05m, 0.03m, Quantity.Parse("9"), Quantity.Parse("1.5"), 0.01m, Quantity.Parse("170")),
            OraclePrice = Price.Parse("30000"),
            NextFundingRate = 0.0000125m,
            BaseAsset = "BTC",
        },
        new MarketConfig
        {
            Rules = new Engine.Core.Markets.MarketRules("ETH-USD", Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.01"),
                0.05m, 0.03m, Quantity.Parse("140"), Quantity.Parse("28"), 0.01m, Quantity.Parse("2820")),
            OraclePrice = Price.Parse("2000"),
            NextFundingRate = 0.0000125m,
            BaseAsset = "ETH",
        },
    ];
}

/// <summary>
/// An account to open (the sandbox's stand-in for v3 onboarding, which needed Ethereum signatures). Only the STARK
/// public key is required: the server checks every order signature against it. Missing values are generated.
/// </summary>
public sealed record SandboxAccountSpec
{
    /// <summary>STARK public key (x coordinate, hex, 0x optional).</summary>
    public required string StarkPublicKey { get; init; }
    public string? StarkPublicKeyYCoordinate { get; init; }
    /// <summary>Null = a fresh deterministic-looking address; accounts of one address share its API keys.</summary>
    public string? EthereumAddress { get; init; }
    public int AccountNumber { get; init; }
    /// <summary>StarkEx position id (signed into every order); null = the next free one.</summary>
    public long? PositionId { get; init; }
    /// <summary>Starting USDC collateral (quote balance), at most 6 decimals.</summary>
    public decimal Collateral { get; init; } = 10_000m;
    public decimal? MakerFeeRate { get; init; }
    public decimal? TakerFeeRate { get; init; }
    /// <summary>API key to register for the address; null = generate one (or reuse the address's first key).</summary>
    public ApiKeyCredentials? ApiKey { get; init; }
}

/// <summary>What a client needs to trade an onboarded account.</summary>
public sealed record SandboxAccountCredentials(
    string AccountId,
    string UserId,
    string EthereumAddress,
    int AccountNumber,
    long PositionId,
    string StarkPublicKey,
    ApiKeyCredentials ApiKey);

/// <summary>
/// v3 rate limits (api doc §1.6) as GET /v3/config publishes them; the server enforces exactly these values.
/// Pools are fixed windows starting at their first request.
/// </summary>
public sealed record SandboxRateLimits
{
    /// <summary>False turns enforcement off (headers are still sent); for benchmarks.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>GET v3/*: 175 requests per 10 s (per IP for public, per IP and account for private).</summary>
    public int GetRequests { get; init; } = 175;
    public int GetWindowSec { get; init; } = 10;

    /// <summary>POST v3/orders points per market and account (placeOrderRateLimiting).</summary>
    public int PlaceMaxPoints { get; init; } = 1750;
    public int PlaceWindowSec { get; init; } = 10;
    public int TargetNotional { get; init; } = 40_000;
    public int MinLimitConsumption { get; init; } = 4;
    public int MinMarketConsumption { get; init; } = 20;
    public int MinTriggerableConsumption { get; init; } = 100;
    public int MaxOrderConsumption { get; init; } = 100;

    /// <summary>DELETE v3/orders (cancel-all, per market or all markets): maxPointsMulti per windowSecMulti.</summary>
    public int CancelMaxPointsMulti { get; init; } = 3;
    public int CancelWindowSecMulti { get; init; } = 10;
    /// <summary>DELETE v3/orders/:id per market: maxPointsSingle per windowSecSingle.</summary>
    public int CancelMaxPointsSingle { get; init; } = 8500;
    public int CancelWindowSecSingle { get; init; } = 10;

    /// <summary>DELETE v3/active-orders per market: points (1 with id, 25 with side only, 50 otherwise) per 10 s.</summary>
    public int ActiveOrdersCancelPoints { get; init; } = 425;
    /// <summary>GET v3/active-orders per market: points (1 with id, 3 with side only, 5 otherwise) per 10 s.</summary>
    public int ActiveOrdersGetPoints { get; init; } = 175;
    public int ActiveOrdersWindowSec { get; init; } = 10;
}
