using System.Globalization;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Rest.RateLimiting;
using Xunit;

namespace Engine.Dydx.Tests.Rest.RateLimiting;

/// <summary>
/// Against a loopback exchange that enforces v3's point pools the way the exchange does (fixed windows that open
/// with their first request, 429 + Retry-After beyond the limit), the limiter keeps every request under the limit.
/// </summary>
public sealed class RateLimiterAgainstServerTests
{
    /// <summary>Fixed-window point pools with v3's headers; <see cref="Rejections"/> counts 429s.</summary>
    private sealed class PointEnforcingExchange(int getPoints, TimeSpan getWindow, int placePoints, TimeSpan placeWindow, int foreignGetPoints = 0)
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, (DateTimeOffset Start, int Used)> _pools = [];
        public int Rejections;

        public Reply Answer(RecordedRequest request)
        {
            if (request.RawTarget == "/v3/time") return Reply.Time(DateTimeOffset.UtcNow);
            bool place = request.Method == "POST";
            int cost = place ? PlacePoints(request) : 1;
            var (limit, window, key) = place ? (placePoints, placeWindow, "place:BTC-USD") : (getPoints, getWindow, "get");
            lock (_gate)
            {
                var now = DateTimeOffset.UtcNow;
                if (!_pools.TryGetValue(key, out var pool) || now >= pool.Start + window)
                    pool = (now, place ? 0 : foreignGetPoints); // another process may already have spent some of the window
                var reset = (pool.Start + window).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                if (pool.Used + cost > limit)
                {
                    _pools[key] = pool;
                    Rejections++;
                    var retry = ((pool.Start + window) - now).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    return new Reply(429, """{"errors":[{"msg":"API rate limit exceeded"}]}""",
                        ("RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", reset), ("Retry-After", retry));
                }
                pool.Used += cost;
                _pools[key] = pool;
                var headers = new[]
                {
                    ("RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)),
                    ("RateLimit-Remaining", (limit - pool.Used).ToString(CultureInfo.InvariantCulture)),
                    ("RateLimit-Reset", reset),
                };
                return request.RawTarget switch
                {
                    "/v3/config" => Reply.Ok(ConfigWith(placePoints, placeWindow), headers),
                    "/v3/markets" => Reply.Ok(DocumentedPayloads.Markets, headers),
                    "/v3/orders" => new Reply(201, DocumentedPayloads.OrderResponse, headers),
                    _ => new Reply(404, """{"errors":[{"msg":"Not Found"}]}"""),
                };
            }
        }

        private static int PlacePoints(RecordedRequest request)
        {
            using var body = System.Text.Json.JsonDocument.Parse(request.Body);
            decimal size = decimal.Parse(body.RootElement.GetProperty("size").GetString()!, CultureInfo.InvariantCulture);
            decimal price = decimal.Parse(body.RootElement.GetProperty("price").GetString()!, CultureInfo.InvariantCulture);
            return Math.Clamp((int)Math.Ceiling(40_000m / (size * price)), 4, 100);
        }

        private static string ConfigWith(int placePoints, TimeSpan window) => DocumentedPayloads.Config
            .Replace("\"maxPoints\":1750", $"\"maxPoints\":{placePoints}")
            .Replace("\"windowSec\":10", $"\"windowSec\":{(int)window.TotalSeconds}");
    }

    private static PlaceOrderRequest Order(int i) => new()
    {
        Market = "BTC-USD", Side = Side.Buy, Type = DydxOrderType.Limit, TimeInForce = TimeInForce.Gtt, PostOnly = true,
        Size = 0.05m, Price = 20000m, // 1,000 USD: 40 points
        LimitFee = 0.0005m, Expiration = DateTimeOffset.UtcNow.AddDays(1), ClientId = i.ToString(CultureInfo.InvariantCulture), Signature = new string('b', 128),
    };

    [Fact]
    public async Task A_burst_of_GETs_is_spread_over_windows_without_a_single_429()
    {
        var exchange = new PointEnforcingExchange(5, TimeSpan.FromMilliseconds(500), 1750, TimeSpan.FromSeconds(10));
        var limiter = new DydxRateLimiter(new RateLimitOptions { Get = new PoolLimit(5, TimeSpan.FromMilliseconds(500)) });
        await using var host = await RestTestHost.StartAsync(exchange.Answer, o => o with { MaxAttempts = 1 }, limiter);

        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => host.Client.GetMarketsAsync()));
        Assert.Equal(0, exchange.Rejections);
        Assert.Equal(16, host.RequestsTo("/v3/markets").Count);
        Assert.Equal(11, limiter.Counters.Waited);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(1500), "16 requests at 5 per 500 ms need four windows");
    }

    [Fact]
    public async Task The_same_burst_without_the_limiter_is_refused_by_that_server()
    {
        // The control for the test above: the server really enforces the pool.
        var exchange = new PointEnforcingExchange(5, TimeSpan.FromMilliseconds(500), 1750, TimeSpan.FromSeconds(10));
        await using var host = await RestTestHost.StartAsync(exchange.Answer, o => o with { MaxAttempts = 1 });
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            try { await host.Client.GetMarketsAsync(); return true; }
            catch (DydxApiException e) when (e.IsRateLimited) { return false; }
        }));
        Assert.True(exchange.Rejections > 0);
        Assert.Contains(false, results);
    }

    [Fact]
    public async Task Order_points_from_the_live_config_pace_placements_without_a_429()
    {
        var exchange = new PointEnforcingExchange(1000, TimeSpan.FromSeconds(10), 100, TimeSpan.FromSeconds(1));
        var limiter = new DydxRateLimiter(); // documented defaults: 1750 points per 10 s until the config says otherwise
        await using var host = await RestTestHost.StartAsync(exchange.Answer, limiter: limiter);
        await host.Client.InitializeAsync();
        Assert.Equal(new PoolLimit(100, TimeSpan.FromSeconds(1)), limiter.Options.PlaceOrder);

        var started = DateTimeOffset.UtcNow;
        var placed = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.Client.PlaceOrderAsync(Order(i))));
        Assert.Equal(6, placed.Length);
        Assert.Equal(0, exchange.Rejections);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2), "40-point orders fit two per 100-point window");
    }

    [Fact]
    public async Task Headers_showing_someone_else_spent_the_pool_make_the_limiter_wait_instead_of_hitting_429()
    {
        // Another process on the same IP already used 3 of the 5 points of every window.
        var exchange = new PointEnforcingExchange(5, TimeSpan.FromMilliseconds(600), 1750, TimeSpan.FromSeconds(10), foreignGetPoints: 3);
        var limiter = new DydxRateLimiter(new RateLimitOptions { Get = new PoolLimit(5, TimeSpan.FromMilliseconds(600)) });
        await using var host = await RestTestHost.StartAsync(exchange.Answer, o => o with { MaxAttempts = 1 }, limiter);
        for (int i = 0; i < 6; i++) await host.Client.GetMarketsAsync();
        Assert.Equal(0, exchange.Rejections);
        Assert.True(limiter.Counters.ServerAdjustments >= 1);
        Assert.True(limiter.Counters.Waited >= 2);
    }
}
