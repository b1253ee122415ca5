using System.Diagnostics;
using System.Globalization;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Sandbox.Tests.Server;

/// <summary>
/// Loopback round trip of POST /v3/orders (HMAC check, STARK signature check, exchange thread, JSON), measured with a
/// Stopwatch; the STARK signing on the client side is done beforehand and not timed. Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class LatencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Post_orders_round_trip_on_loopback()
    {
        var options = new SandboxServerOptions { RateLimits = new SandboxRateLimits { Enabled = false } };
        await using var s = await ServerScope.StartAsync(options);
        const int warmup = 50, measured = 400;
        // IOC orders against an empty book: accepted PENDING, then canceled COULD_NOT_FILL; nothing rests, no limits hit.
        var bodies = Enumerable.Range(0, warmup + measured)
            .Select(i => s.Alice.OrderBody("BUY", (29000 + i % 500).ToString(CultureInfo.InvariantCulture), "0.01", timeInForce: "IOC"))
            .ToList();

        var samples = new List<double>(measured);
        for (int i = 0; i < bodies.Count; i++)
        {
            var watch = Stopwatch.StartNew();
            var reply = await s.Alice.PrivateAsync(HttpMethod.Post, "/v3/orders", bodies[i]);
            watch.Stop();
            Assert.Equal(201, reply.Code);
            if (i >= warmup) samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        double p50 = samples[samples.Count / 2], p99 = samples[(int)(samples.Count * 0.99) - 1], max = samples[^1];
        output.WriteLine(FormattableString.Invariant($"POST /v3/orders loopback round trip over {measured} orders: p50 {p50:F3} ms, p99 {p99:F3} ms, max {max:F3} ms"));
        Assert.True(p99 < 250, $"p99 {p99} ms");
    }
}
