using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Dydx.Wire;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Server.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sandbox.Server.Rest;

/// <summary>A private request that passed API-key authentication.</summary>
internal sealed class PrivateRequest(OnboardedAccount account, ApiKeyEntry key, JsonElement? body)
{
    public OnboardedAccount Account { get; } = account;
    public ApiKeyEntry Key { get; } = key;
    /// <summary>The parsed body (null when there was none or it was not JSON).</summary>
    public JsonElement? Body { get; } = body;
}

/// <summary>
/// The v3 REST surface. Every /v3 request first meets the injected faults (5xx/429 storms; a response delay holds
/// the answer back after the work is done); private ones are
/// then authenticated; each is charged to its rate-limit pool (RateLimit-* headers on every answer, 429 +
/// Retry-After when a pool is empty). Exchange work runs on the exchange thread; JSON is written here.
/// </summary>
internal sealed partial class RestApi(
    ExchangeLoop loop,
    AccountDirectory directory,
    RequestAuthenticator auth,
    RateLimiter limiter,
    SandboxClock clock,
    SandboxServerOptions options,
    Func<SandboxAccountSpec, Task<SandboxAccountCredentials>> onboard)
{
    private const int MaxBodyBytes = 1 << 20;

    private SandboxFaults Faults => options.Faults;

    public void Map(IEndpointRouteBuilder app)
    {
        // public
        Get(app, "/v3/time", Public(Time));
        Get(app, "/v3/config", Public(Config));
        Get(app, "/v3/markets", Public(Markets));
        Get(app, "/v3/orderbook/{market}", Public(Orderbook));
        Get(app, "/v3/trades/{market}", Public(TradesOf));
        Get(app, "/v3/historical-funding/{market}", Public(HistoricalFunding));

        // private
        Get(app, "/v3/accounts", Private(Accounts));
        Get(app, "/v3/accounts/{id}", Private(AccountById));
        Get(app, "/v3/positions", Private(Positions));
        Get(app, "/v3/users", Private(User));
        Get(app, "/v3/orders", Private(GetOrders));
        app.MapPost("/v3/orders", Private(PlaceOrder, isGet: false));
        app.MapDelete("/v3/orders", Private(CancelAll, isGet: false));
        Get(app, "/v3/orders/client/{clientId}", Private(OrderByClientId));
        Get(app, "/v3/orders/{id}", Private(OrderById));
        app.MapDelete("/v3/orders/{id}", Private(CancelOrder, isGet: false));
        app.MapGet("/v3/active-orders", Private(GetActiveOrders, isGet: false));
        app.MapDelete("/v3/active-orders", Private(CancelActiveOrders, isGet: false));
        Get(app, "/v3/fills", Private(Fills));
        Get(app, "/v3/funding", Private(Funding));

        // sandbox-only
        app.MapPost("/sandbox/accounts", (RequestDelegate)Onboard);
        app.MapGet("/sandbox/faults", (RequestDelegate)GetFaults);
        app.MapPost("/sandbox/faults", (RequestDelegate)SetFaults);
        app.MapDelete("/sandbox/faults", (RequestDelegate)ClearFaults);
        app.MapGet("/sandbox/status", (RequestDelegate)Status);

        app.MapFallback((RequestDelegate)(ctx => WriteErrors(ctx, 404, new ExchangeError(404, "Not Found"))));
    }

    private static void Get(IEndpointRouteBuilder app, string pattern, RequestDelegate handler) => app.MapGet(pattern, handler);

    // ---- pipeline ------------------------------------------------------------------------------------------

    /// <summary>Faults, then the handler; the GET pool of the client's IP is charged.</summary>
    private RequestDelegate Public(Func<HttpContext, Task> handler) => ctx => HoldAnswerAsync(ctx, async () =>
    {
        if (await InjectFaultsAsync(ctx).ConfigureAwait(false)) return;
        if (!await ChargeAsync(ctx, limiter.Get("ip:" + ClientIp(ctx), clock.WallNow())).ConfigureAwait(false)) return;
        await Guard(ctx, handler(ctx)).ConfigureAwait(false);
    });

    /// <summary>
    /// The response-delay fault: the request is processed at once and its answer held back for the delay, or dropped
    /// if the client gives up meanwhile. That is a lost answer, as on a slow network: an order may exist that its
    /// sender never heard about.
    /// </summary>
    private async Task HoldAnswerAsync(HttpContext ctx, Func<Task> handle)
    {
        var delay = Faults.ResponseDelay;
        if (delay <= TimeSpan.Zero)
        {
            await handle().ConfigureAwait(false);
            return;
        }
        var original = ctx.Response.Body;
        using var held = new MemoryStream();
        ctx.Response.Body = held;
        try
        {
            await handle().ConfigureAwait(false);
        }
        finally
        {
            ctx.Response.Body = original;
        }
        try
        {
            await Task.Delay(delay, ctx.RequestAborted).ConfigureAwait(false);
            held.Position = 0;
            await held.CopyToAsync(original, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped waiting (or went away): its answer is lost, the work is done.
        }
    }

    /// <summary>
    /// Faults, authentication (HMAC over the raw request target and the compact body), then the handler. GETs are
    /// charged to the GET pool of IP + account here; other methods charge their own pools in the handler.
    /// </summary>
    private RequestDelegate Private(Func<HttpContext, PrivateRequest, Task> handler, bool isGet = true) => ctx => HoldAnswerAsync(ctx, async () =>
    {
        if (await InjectFaultsAsync(ctx).ConfigureAwait(false)) return;
        string raw = await ReadBodyAsync(ctx).ConfigureAwait(false);
        JsonDocument? document = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                try
                {
                    document = JsonDocument.Parse(raw);
                }
                catch (JsonException)
                {
                    document = null;
                }
            }
            var candidates = CompactJson.SignedBodyCandidates(raw, document?.RootElement);
            string target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.Path + ctx.Request.QueryString).ToString();
            var headers = ctx.Request.Headers;
            string decoded = target.Contains('%') ? Uri.UnescapeDataString(target) : target;
            IReadOnlyList<string> paths = decoded == target ? [target] : [target, decoded];
            var outcome = auth.Authenticate(name => headers.TryGetValue(name, out var v) ? v.ToString() : null, ctx.Request.Method, paths, candidates);
            if (!outcome.Ok)
            {
                ctx.Response.Headers["X-Sandbox-Auth-Failure"] = outcome.Failure.ToString();
                await WriteErrors(ctx, outcome.Status, [.. outcome.Errors]).ConfigureAwait(false);
                return;
            }
            if (isGet && !await ChargeAsync(ctx, limiter.Get($"ip:{ClientIp(ctx)}:account:{outcome.Account!.AccountId}", clock.WallNow())).ConfigureAwait(false))
                return;
            await Guard(ctx, handler(ctx, new PrivateRequest(outcome.Account!, outcome.Key!, document?.RootElement.Clone()))).ConfigureAwait(false);
        }
        finally
        {
            document?.Dispose();
        }
    });

    /// <summary>True when a fault answered the request.</summary>
    private async Task<bool> InjectFaultsAsync(HttpContext ctx)
    {
        switch (Faults.TakeRequestFault())
        {
            case null:
                return false;
            case 429:
                long reset = clock.WallNow().AddSeconds(options.RateLimits.GetWindowSec).ToUnixTimeMilliseconds();
                await ChargeAsync(ctx, new RateDecision(false, options.RateLimits.GetRequests, 0, reset, options.RateLimits.GetWindowSec * 1000L)).ConfigureAwait(false);
                return true;
            case int status:
                await WriteErrors(ctx, status, new ExchangeError(status, status == 503 ? "Service Unavailable" : "Internal Server Error")).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>Sets the RateLimit-* headers; on a refusal answers 429 with Retry-After (ms) and returns false.</summary>
    private static async Task<bool> ChargeAsync(HttpContext ctx, RateDecision d)
    {
        var h = ctx.Response.Headers;
        h["RateLimit-Remaining"] = d.Remaining.ToString(CultureInfo.InvariantCulture);
        h["RateLimit-Reset"] = d.ResetEpochMs.ToString(CultureInfo.InvariantCulture);
        h["RateLimit-Limit"] = d.Limit.ToString(CultureInfo.InvariantCulture);
        if (d.Allowed) return true;
        h["Retry-After"] = d.RetryAfterMs.ToString(CultureInfo.InvariantCulture);
        await WriteErrors(ctx, 429, new ExchangeError(429, "API rate limit exceeded")).ConfigureAwait(false); // [sim]
        return false;
    }

    private static async Task Guard(HttpContext ctx, Task handling)
    {
        try
        {
            await handling.ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (!ctx.Response.HasStarted)
        {
            await WriteErrors(ctx, 503, new ExchangeError(503, "Service Unavailable")).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentLength == 0) return "";
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBodyBytes) throw new BadHttpRequestException("request body too large", 413);
        }
        return text.ToString();
    }

    private static string ClientIp(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "local";

    // ---- responses -----------------------------------------------------------------------------------------

    internal static Task WriteJson(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, V3Json.WriterOptions)) write(w);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.ContentLength = buffer.WrittenCount;
        return ctx.Response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    internal static Task WriteErrors(HttpContext ctx, int status, params ExchangeError[] errors) =>
        WriteJson(ctx, status, w => V3Json.Errors(w, errors));

    private static Task WriteError(HttpContext ctx, ExchangeError error) => WriteErrors(ctx, error.HttpStatus, error);

    /// <summary>{"&lt;name&gt;": value} or the error.</summary>
    private static Task WriteResult<T>(HttpContext ctx, ExchangeResult<T> result, string name, Action<Utf8JsonWriter, T> write, int status = 200)
        where T : class
    {
        if (!result.IsSuccess) return WriteError(ctx, result.Error);
        return WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName(name);
            write(w, result.Value);
            w.WriteEndObject();
        });
    }

    /// <summary>{"&lt;name&gt;": [items]} or the error.</summary>
    private static Task WriteList<T>(HttpContext ctx, ExchangeResult<IReadOnlyList<T>> result, string name, Action<Utf8JsonWriter, T> write)
        where T : class =>
        WriteResult(ctx, result, name, (w, items) =>
        {
            w.WriteStartArray();
            foreach (var item in items) write(w, item);
            w.WriteEndArray();
        });

    // ---- query parsing -------------------------------------------------------------------------------------

    /// <summary>[real shape] express-validator's "Invalid value" entry for a bad query parameter.</summary>
    private static ExchangeError InvalidQuery(string param, string? value) => new(400, "Invalid value", param, "query", value);

    private static string? Query(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

    private static bool TryLimit(HttpContext ctx, out int limit, out ExchangeError? error)
    {
        error = null;
        limit = Exchange.Queries.QueryLimits.Max;
        if (Query(ctx, "limit") is not { } text) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Exchange.Queries.QueryLimits.Max) return true;
        error = ErrorMessages.InvalidLimit(int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int l) ? l : 0) with { Value = text };
        return false;
    }

    private static bool TryTime(HttpContext ctx, string name, out Timestamp? time, out ExchangeError? error)
    {
        time = null;
        error = null;
        if (Query(ctx, name) is not { } text) return true;
        if (IsoTime.TryParse(text, out var t))
        {
            time = t;
            return true;
        }
        error = InvalidQuery(name, text);
        return false;
    }

    private static bool TrySide(HttpContext ctx, out Side? side, out ExchangeError? error)
    {
        side = null;
        error = null;
        if (Query(ctx, "side") is not { } text) return true;
        if (SideExtensions.TryParseWire(Encoding.ASCII.GetBytes(text), out var s))
        {
            side = s;
            return true;
        }
        error = InvalidQuery("side", text);
        return false;
    }

    private Task<T> OnExchange<T>(Func<SandboxExchange, Timestamp, T> work) => loop.InvokeAsync(now => work(loop.Exchange, now));
}
