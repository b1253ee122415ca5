using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Engine.Core.Primitives;
using Engine.Dydx.Auth;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Sandbox.Server;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;
using Engine.Stark.Orders;

namespace Engine.Benchmarks;

/// <summary>
/// Order round trip engine → sandbox → ack over loopback, as the venue does it: STARK-sign the order, HMAC the
/// request, POST /v3/orders through the engine's REST client, get the PENDING order back. Each order is an IOC far
/// from the market, so it never rests and the 20-open-orders limit never bites. Median and tail in the columns.
/// </summary>
[Config(typeof(PercentilesConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 200, iterationCount: 2000)]
public class OrderRoundTripBenchmarks
{
    private const string PrivateKey = "58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3";
    private SandboxServer _server = null!;
    private DydxRestClient _rest = null!;
    private StarkPrivateKey _key = null!;
    private ulong _positionId;
    private long _next;

    private sealed class PercentilesConfig : ManualConfig
    {
        public PercentilesConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
    }

    private sealed class LocalAuthenticator(ApiKeyCredentials credentials) : IRequestAuthenticator
    {
        public ValueTask<RequestAuthentication> AuthenticateAsync(string isoTimestamp, string method, string requestPath, string body, CancellationToken cancellation) =>
            ValueTask.FromResult(new RequestAuthentication(credentials.Key, ApiRequestSigner.Sign(credentials.Secret, isoTimestamp, method, requestPath, body), isoTimestamp, credentials.Passphrase));
    }

    [GlobalSetup]
    public void Setup()
    {
        _key = StarkPrivateKey.ParseHex(PrivateKey);
        _server = SandboxServer.StartNewAsync(new SandboxServerOptions { Port = 0, RateLimits = new SandboxRateLimits { Enabled = false } }).GetAwaiter().GetResult();
        var account = _server.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = _key.PublicKey.ToHex(), Collateral = 1_000_000m }).GetAwaiter().GetResult();
        _positionId = (ulong)account.PositionId;
        _rest = new DydxRestClient(new DydxRestOptions { BaseUri = _server.BaseUrl }, authenticator: new LocalAuthenticator(account.ApiKey));
        _rest.InitializeAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "sign + POST /v3/orders + PENDING ack")]
    public string PlaceOrder()
    {
        string clientId = $"rtt-{Interlocked.Increment(ref _next)}";
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        var order = new StarkOrder(1, _positionId, "BTC-USD", StarkOrderSide.Buy, 0.01m, 1000m, 0.0015m, clientId, expiration);
        var signed = StarkOrderSigner.Default.Sign(order, _key);
        var placed = _rest.PlaceOrderAsync(new PlaceOrderRequest
        {
            Market = "BTC-USD", Side = Side.Buy, Type = DydxOrderType.Limit, TimeInForce = Core.Orders.TimeInForce.Ioc, PostOnly = false,
            Size = 0.01m, Price = 1000m, LimitFee = 0.0015m, Expiration = expiration, ClientId = clientId, Signature = signed.Signature.ToHex(),
        }).GetAwaiter().GetResult();
        return placed.Id;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rest.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
