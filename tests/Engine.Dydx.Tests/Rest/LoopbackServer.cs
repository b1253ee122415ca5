using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Dydx.Tests.Rest;

/// <summary>What the loopback server received: the request target exactly as sent, headers and body bytes.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A Kestrel server on 127.0.0.1 with a free port, answering with the test's handler (HTTP and WebSocket
/// upgrades alike) and recording every HTTP request. Loopback only.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}/v3/ws");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="handler">Gets the context and the recorded request (body already read); writes the answer.</param>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, RecordedRequest, Task> handler,
        TimeSpan? webSocketKeepAlive = null, TimeSpan? webSocketPongTimeout = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = webSocketKeepAlive ?? TimeSpan.Zero,
            KeepAliveTimeout = webSocketPongTimeout ?? Timeout.InfiniteTimeSpan,
        });
        app.Run(async context =>
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.Method, target, headers, body.ToArray(), DateTimeOffset.UtcNow);
            if (!context.WebSockets.IsWebSocketRequest) server._requests.Enqueue(recorded);
            await handler(context, recorded);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Writes a JSON answer with optional extra headers.</summary>
    public static async Task Json(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
