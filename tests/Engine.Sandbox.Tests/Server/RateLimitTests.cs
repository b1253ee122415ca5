using System.Globalization;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>v3 rate limits (api doc §1.6) from the /v3/config values: headers on every answer, 429 + Retry-After when a pool is empty.</summary>
public sealed class RateLimitTests
{
    private static long Header(Reply reply, string name) => long.Parse(reply.Header(name) ?? throw new Xunit.Sdk.XunitException($"no {name} header on {reply}"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Order_placement_points_run_out_per_market_with_a_429_and_the_rate_limit_headers()
    {
        var options = new SandboxServerOptions { RateLimits = new SandboxRateLimits { PlaceMaxPoints = 300 } };
        await using var s = await ServerScope.StartAsync(options);
        var config = await s.Public.GetAsync("/v3/config");
        Assert.Equal(300, config.Body.GetProperty("placeOrderRateLimiting").GetProperty("maxPoints").GetInt32());

        // 0.01 BTC at 29000 = 290 USD: ceil(40000 / 290) = 138 points, capped at maxOrderConsumption 100.
        var first = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        Assert.Equal(201, first.Code);
        Assert.Equal(300, Header(first, "RateLimit-Limit"));
        Assert.Equal(200, Header(first, "RateLimit-Remaining"));
        long reset = Header(first, "RateLimit-Reset");
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1, 10_000);

        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "29001", "0.01")).Code);
        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "29002", "0.01")).Code);
        var refused = await s.Alice.PlaceOrderAsync("BUY", "29003", "0.01");
        Assert.Equal(429, refused.Code);
        Assert.Equal(0, Header(refused, "RateLimit-Remaining"));
        Assert.Equal(300, Header(refused, "RateLimit-Limit"));
        Assert.Equal(reset, Header(refused, "RateLimit-Reset"));
        Assert.InRange(Header(refused, "Retry-After"), 1, 10_000);
        Assert.NotNull(refused.Json?.GetProperty("errors"));

        // A large order costs the minimum (4 points for GTT limits) but still does not fit; other markets and accounts have their own pools.
        Assert.Equal(429, (await s.Alice.PlaceOrderAsync("BUY", "29000", "2")).Code);
        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "2000", "0.1", market: "ETH-USD")).Code);
        Assert.Equal(201, (await s.Bob.PlaceOrderAsync("BUY", "29000", "0.01")).Code);
    }

    [Fact]
    public async Task The_get_pool_refills_when_its_window_ends_and_cancel_all_has_its_own_small_pool()
    {
        var options = new SandboxServerOptions { RateLimits = new SandboxRateLimits { GetRequests = 3, GetWindowSec = 1 } };
        await using var s = await ServerScope.StartAsync(options);
        for (int i = 0; i < 3; i++)
        {
            var ok = await s.Public.GetAsync("/v3/markets");
            Assert.Equal(200, ok.Code);
            Assert.Equal(2 - i, Header(ok, "RateLimit-Remaining"));
        }
        var refused = await s.Public.GetAsync("/v3/markets");
        Assert.Equal(429, refused.Code);
        await Task.Delay(TimeSpan.FromMilliseconds(Header(refused, "Retry-After") + 50));
        Assert.Equal(200, (await s.Public.GetAsync("/v3/time")).Code);

        // Private GETs are counted per account; cancel-all: 3 per 10 s.
        Assert.Equal(200, (await s.Alice.GetPrivateAsync("/v3/orders")).Code);
        for (int i = 0; i < 3; i++) Assert.Equal(200, (await s.Alice.DeletePrivateAsync("/v3/orders?market=BTC-USD")).Code);
        var cancelRefused = await s.Alice.DeletePrivateAsync("/v3/orders?market=BTC-USD");
        Assert.Equal(429, cancelRefused.Code);
        Assert.Equal(3, Header(cancelRefused, "RateLimit-Limit"));
        Assert.Equal(200, (await s.Alice.DeletePrivateAsync("/v3/orders?market=ETH-USD")).Code);
    }

    [Theory]
    [InlineData("LIMIT", "GTT", "0.1", 40)] // 1000 USD: ceil(40000 / 1000) (doc example)
    [InlineData("LIMIT", "GTT", "1", 4)] // 10000 USD: the GTT minimum
    [InlineData("LIMIT", "GTT", "0.001", 100)] // 10 USD: capped at maxOrderConsumption
    [InlineData("LIMIT", "IOC", "1", 20)] // FOK/IOC count as market orders
    [InlineData("MARKET", "FOK", "0.1", 40)]
    [InlineData("STOP_LIMIT", "GTT", "5", 100)] // triggerable minimum
    public void Order_costs_follow_the_v3_formula(string type, string timeInForce, string size, int points)
    {
        var limiter = new RateLimiter(new SandboxRateLimits());
        Assert.True(Engine.Sandbox.Server.Rest.OrderBody.TryParseType(type, out var orderType));
        var tif = timeInForce switch { "GTT" => Engine.Core.Orders.TimeInForce.Gtt, "IOC" => Engine.Core.Orders.TimeInForce.Ioc, _ => Engine.Core.Orders.TimeInForce.Fok };
        Assert.Equal(points, limiter.OrderCost(orderType, tif, Engine.Core.Primitives.Quantity.Parse(size), Engine.Core.Primitives.Price.Parse("10000")));
    }
}
