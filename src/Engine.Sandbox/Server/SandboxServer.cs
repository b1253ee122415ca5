using System.Collections.Concurrent;
using System.Net;
using Engine.Core.Primitives;
using Engine.Recording.Synthetic;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Feed;
using Engine.Sandbox.Server.Rest;
using Engine.Sandbox.Server.WebSockets;
using Engine.Stark.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Sandbox.Server;

/// <summary>Onboarding refused (bad STARK key, duplicate account, ...); <see cref="Error"/> is the v3-style 400.</summary>
public sealed class SandboxOnboardingException(ExchangeError error) : Exception(error.Message)
{
    public ExchangeError Error { get; } = error;
}

/// <summary>
/// The v3 sandbox exchange on loopback: Kestrel on 127.0.0.1 serving the v3 REST API under /v3 and the WebSocket
/// API at /v3/ws, wire-compatible with api.dydx.exchange so the same client code works against either by changing
/// the base URL. One <see cref="SandboxExchange"/> is driven by a single dedicated thread (requests are work items
/// on a channel); a background feed (recording or synthetic) supplies other participants' book and trades in real
/// time (or faster). Sandbox-only extras live under /sandbox (onboarding, faults, status).
/// <code>
/// await using var server = await SandboxServer.StartNewAsync(new SandboxServerOptions { SyntheticSeed = 7 });
/// var account = await server.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = key.PublicKey.ToHex() });
/// // REST: server.BaseUrl + "v3/...", WebSocket: server.WebSocketUrl
/// </code>
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly SandboxServerOptions _options;
    private readonly ConcurrentQueue<SandboxAccountCredentials> _accounts = new();
    private readonly AccountDirectory _directory = new();
    private WebApplication? _app;
    private ExchangeLoop? _loop;
    private WsEndpoint? _ws;
    private FeedDriver? _feed;
    private SandboxClock? _clock;
    private int _state; // 0 new, 1 started, 2 disposed

    public SandboxServer(SandboxServerOptions? options = null)
    {
        _options = options ?? new SandboxServerOptions();
    }

    /// <summary>Creates and starts a server.</summary>
    public static async Task<SandboxServer> StartNewAsync(SandboxServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new SandboxServer(options);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public SandboxServerOptions Options => _options;

    /// <summary>http://127.0.0.1:PORT/ — prefix of every REST path (v3/..., sandbox/...).</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>ws://127.0.0.1:PORT/v3/ws</summary>
    public Uri WebSocketUrl { get; private set; } = new("ws://127.0.0.1/v3/ws");

    /// <summary>The bound port (the ephemeral one when the options said 0).</summary>
    public int Port { get; private set; }

    public SandboxFaults Faults => _options.Faults;

    public SandboxClock Clock => _clock ?? throw new InvalidOperationException("the server has not started");

    /// <summary>Accounts created so far (pre-created ones first).</summary>
    public IReadOnlyList<SandboxAccountCredentials> Accounts => _accounts.ToList();

    public int WebSocketConnections => _ws?.Count ?? 0;

    public IReadOnlyCollection<string> WebSocketConnectionIds => _ws?.ConnectionIds ?? [];

    /// <summary>Connections cut because their send queue filled up.</summary>
    public long SlowClientsDropped => _ws?.SlowClientsDropped ?? 0;

    /// <summary>Background feed counters (null without a feed).</summary>
    public FeedStats? FeedStats => _feed?.Stats;

    /// <summary>The last error of the feed or matcher step (the loop keeps running).</summary>
    public Exception? LastLoopError => _loop?.LastError;

    /// <summary>The background feed has played to its end (true when there is none).</summary>
    public bool FeedCompleted => _loop?.FeedCompleted ?? true;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("a server starts once");
        var o = _options;
        o.Faults.Time = o.Time;
        var start = Timestamp.FromDateTimeOffset(o.StartTime ?? o.Time.GetUtcNow());
        _clock = new SandboxClock(o.Time, start, o.Speed, o.Faults);

        var exchange = new SandboxExchange(o.Exchange);
        var markets = o.Markets ?? SandboxServerOptions.DefaultMarkets;
        exchange.AddMarkets(markets, start);
        _feed = OpenFeed(exchange, start, markets);
        var hub = new WsHub(exchange, o.Faults);
        _loop = new ExchangeLoop(exchange, _feed, hub, _clock, o.LoopInterval, o.Playback);
        _loop.Start();

        var auth = new RequestAuthenticator(_directory, _clock, o.TimestampWindow);
        var limiter = new RateLimiter(o.RateLimits);
        _ws = new WsEndpoint(_loop, auth, _clock, o);
        var rest = new RestApi(_loop, _directory, auth, limiter, _clock, o, CreateAccountAsync);
        o.Faults.ActionRequested += OnFault;

        foreach (var spec in o.Accounts) await CreateAccountAsync(spec).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "Engine.Sandbox",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, o.Port);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1 << 20;
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = o.PingInterval, KeepAliveTimeout = o.PongTimeout });
        app.Map("/v3/ws", _ws.HandleAsync);
        rest.Map(app);
        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{Port}/v3/ws");
    }

    /// <summary>
    /// Opens an account (the sandbox's onboarding): registers its STARK key for order signatures and an API key for
    /// its Ethereum address, funds it with the collateral. Throws <see cref="SandboxOnboardingException"/> when refused.
    /// </summary>
    public async Task<SandboxAccountCredentials> CreateAccountAsync(SandboxAccountSpec spec)
    {
        var loop = _loop ?? throw new InvalidOperationException("the server has not started");
        StarkPublicKey starkKey;
        try
        {
            starkKey = StarkPublicKey.ParseHex(spec.StarkPublicKey);
        }
        catch (FormatException)
        {
            throw new SandboxOnboardingException(ExchangeError.BadRequest("starkKey is not the x coordinate of a point on the STARK curve", "starkKey", spec.StarkPublicKey)); // [sim]
        }
        string address = (spec.EthereumAddress ?? _directory.NextAddress()).ToLowerInvariant();
        if (spec.ApiKey is { } requested && _directory.TryGetKey(requested.Key, out var taken) && taken.EthereumAddress != address)
            throw new SandboxOnboardingException(ExchangeError.BadRequest("apiKey.key belongs to another user", "apiKey", requested.Key)); // [sim]
        long positionId = spec.PositionId ?? _directory.NextPositionId();
        if (spec.PositionId is not null && _directory.PositionIdTaken(positionId))
            throw new SandboxOnboardingException(ExchangeError.BadRequest($"positionId {positionId} is already in use", "positionId", positionId.ToString(System.Globalization.CultureInfo.InvariantCulture))); // [sim]

        var request = new NewAccountRequest
        {
            EthereumAddress = address,
            StarkPublicKey = starkKey.ToHex(),
            StarkPublicKeyYCoordinate = NormalizeHex(spec.StarkPublicKeyYCoordinate),
            PositionId = positionId,
            AccountNumber = spec.AccountNumber,
            InitialCollateral = spec.Collateral,
            MakerFeeRate = spec.MakerFeeRate,
            TakerFeeRate = spec.TakerFeeRate,
        };
        var (result, createdAt) = await loop.InvokeAsync(now => (loop.Exchange.CreateAccount(request, now), now)).ConfigureAwait(false);
        if (!result.IsSuccess) throw new SandboxOnboardingException(result.Error);
        var view = result.Value;
        _directory.Add(new OnboardedAccount
        {
            AccountId = view.Id,
            UserId = view.UserId,
            EthereumAddress = address,
            AccountNumber = view.AccountNumber,
            PositionId = view.PositionId,
            StarkKeyHex = view.StarkKey,
            StarkKey = starkKey,
            Collateral = spec.Collateral,
            CreatedAt = createdAt,
        });
        var key = _directory.KeyFor(address, spec.ApiKey);
        var credentials = new SandboxAccountCredentials(view.Id, view.UserId, address, view.AccountNumber, view.PositionId, view.StarkKey, key.Credentials);
        _accounts.Enqueue(credentials);
        return credentials;
    }

    /// <summary>Runs <paramref name="work"/> on the exchange thread (e.g. to inspect or nudge the exchange in tests).</summary>
    public Task<T> InvokeAsync<T>(Func<SandboxExchange, Timestamp, T> work)
    {
        var loop = _loop ?? throw new InvalidOperationException("the server has not started");
        return loop.InvokeAsync(now => work(loop.Exchange, now));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2) return;
        _options.Faults.ActionRequested -= OnFault;
        _ws?.Drop(null, "server stopping");
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        _loop?.Dispose();
        _feed?.Dispose();
    }

    private void OnFault(FaultAction action)
    {
        switch (action)
        {
            case DropWebSocketsAction drop:
                _ws?.Drop(drop.ConnectionId, "fault: connection dropped");
                break;
            case CrossedBookAction crossed when _loop is { } loop && _clock is { } clock:
                loop.Post(_ => loop.Hub.InjectCrossedBook(crossed.Market, clock.WallNow()));
                break;
        }
    }

    /// <summary>The background feed: a recording (shifted so it plays from the start time unless told otherwise) or a synthetic one generated at the start time.</summary>
    private FeedDriver? OpenFeed(SandboxExchange exchange, Timestamp start, IReadOnlyList<Exchange.Markets.MarketConfig> markets)
    {
        var o = _options;
        if (o.FeedFile is { } path)
        {
            var source = PeekedFeedSource.Open(RecordingFeedSource.Open(path));
            long shift = o.FeedTimeShift is { } given ? given.Ticks * 100L : source.FirstNanos is { } first ? start.Nanos - first : 0;
            return new FeedDriver(exchange, source, shift);
        }
        if (o.SyntheticSeed is { } seed)
        {
            var synthetic = new SyntheticFeedOptions
            {
                Seed = seed,
                Market = o.SyntheticMarket,
                Start = start,
                Duration = o.SyntheticDuration,
                MeanFrameGap = o.SyntheticFrameGap,
            };
            if (markets.FirstOrDefault(m => m.Market == o.SyntheticMarket) is { } listed)
            {
                synthetic = synthetic with
                {
                    StartPrice = listed.OraclePrice,
                    TickSize = listed.Rules.TickSize,
                    StepSize = listed.Rules.StepSize,
                    MinOrderSize = listed.Rules.MinOrderSize,
                };
            }
            return new FeedDriver(exchange, new SyntheticFeedSource(new SyntheticFeed(synthetic)));
        }
        return null;
    }

    private static string? NormalizeHex(string? hex)
    {
        if (hex is null) return null;
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return digits.ToLowerInvariant().PadLeft(64, '0');
    }
}

/// <summary>A feed source whose first frame has been read ahead (to learn the recording's start time).</summary>
internal sealed class PeekedFeedSource : IFeedSource
{
    private readonly IFeedSource _inner;
    private byte[]? _first;
    private long _firstNanos;

    private PeekedFeedSource(IFeedSource inner) => _inner = inner;

    public long? FirstNanos { get; private set; }

    public static PeekedFeedSource Open(IFeedSource inner)
    {
        var peeked = new PeekedFeedSource(inner);
        if (inner.TryRead(out long nanos, out var frame))
        {
            peeked._first = frame.ToArray();
            peeked._firstNanos = nanos;
            peeked.FirstNanos = nanos;
        }
        return peeked;
    }

    public bool TryRead(out long receivedNanos, out ReadOnlyMemory<byte> frame)
    {
        if (_first is { } first)
        {
            _first = null;
            receivedNanos = _firstNanos;
            frame = first;
            return true;
        }
        return _inner.TryRead(out receivedNanos, out frame);
    }

    public void Dispose() => _inner.Dispose();
}
