using System.Globalization;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.RateLimiting;

namespace Engine.Dydx.Tests.Rest;

/// <summary>An answer of the fake exchange; <see cref="Delay"/> holds it back (for timeouts).</summary>
public sealed record Reply(int Status, string Body, params (string Name, string Value)[] Headers)
{
    public TimeSpan Delay { get; init; }

    public static Reply Ok(string body, params (string Name, string Value)[] headers) => new(200, body, headers);

    public static Reply Time(DateTimeOffset serverTime) => Ok(
        $$"""{"iso":"{{serverTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","epoch":"{{(serverTime.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture)}}"}""");
}

/// <summary>A loopback fake exchange and a client pointed at it. Unrouted /v3/time answers with the real time.</summary>
public sealed class RestTestHost : IAsyncDisposable
{
    private RestTestHost(LoopbackServer server, DydxRestClient client, HmacTestAuthenticator auth)
    {
        Server = server;
        Client = client;
        Auth = auth;
    }

    public LoopbackServer Server { get; }
    public DydxRestClient Client { get; }
    public HmacTestAuthenticator Auth { get; }

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathPrefix) => [.. Requests.Where(r => r.RawTarget.StartsWith(pathPrefix, StringComparison.Ordinal))];

    public static async Task<RestTestHost> StartAsync(Func<RecordedRequest, Reply?> route, Func<DydxRestOptions, DydxRestOptions>? configure = null,
        DydxRateLimiter? limiter = null, TimeProvider? time = null, Func<double>? random = null)
    {
        var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            var reply = route(request) ?? (request.RawTarget == "/v3/time" ? Reply.Time(DateTimeOffset.UtcNow) : new Reply(404, """{"errors":[{"msg":"Not Found"}]}"""));
            if (reply.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(reply.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            await LoopbackServer.Json(context, reply.Status, reply.Body, reply.Headers);
        });
        var options = new DydxRestOptions
        {
            BaseUri = server.BaseUri,
            RequestTimeout = TimeSpan.FromSeconds(5),
            Backoff = new Engine.Dydx.Resilience.BackoffPolicy { Initial = TimeSpan.FromMilliseconds(50), Max = TimeSpan.FromMilliseconds(400) },
        };
        var auth = new HmacTestAuthenticator();
        var client = new DydxRestClient(configure?.Invoke(options) ?? options, authenticator: auth, rateLimiter: limiter, time: time, random: random ?? (() => 0.0));
        return new RestTestHost(server, client, auth);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
