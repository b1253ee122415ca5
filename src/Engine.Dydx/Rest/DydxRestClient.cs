using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Engine.Dydx.Auth;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Rest.RateLimiting;

namespace Engine.Dydx.Rest;

/// <summary>
/// The dYdX v3 REST API over HttpClient. Wire-exact: decimals as strings, compact bodies that are signed exactly as
/// sent, request paths with their query string exactly as sent. Private requests are authenticated by an
/// <see cref="IRequestAuthenticator"/> (the client never holds secrets) with a timestamp corrected to the server's
/// clock. GETs and cancels are retried with bounded, jittered back-off on 5xx, timeouts, connection failures and
/// 429 (after Retry-After); POST /v3/orders is never retried, since it is not idempotent: the caller resolves an
/// unknown outcome by clientId. An optional <see cref="DydxRateLimiter"/> keeps requests under the v3 limits.
/// </summary>
public sealed partial class DydxRestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly DydxRestOptions _options;
    private readonly IRequestAuthenticator? _authenticator;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly SemaphoreSlim _clockSync = new(1, 1);

    /// <param name="http">A shared HttpClient; when null the client creates (and disposes) its own.</param>
    /// <param name="authenticator">Needed only for private endpoints.</param>
    /// <param name="rateLimiter">When null no client-side limiting happens (429s are still handled).</param>
    /// <param name="clock">Shared with the WebSocket's accounts subscription so both sign server-corrected times.</param>
    /// <param name="random">Uniform [0, 1) source for back-off jitter (tests make it deterministic).</param>
    public DydxRestClient(DydxRestOptions options, HttpClient? http = null, IRequestAuthenticator? authenticator = null,
        DydxRateLimiter? rateLimiter = null, ServerClock? clock = null, TimeProvider? time = null, Func<double>? random = null)
    {
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _authenticator = authenticator;
        RateLimiter = rateLimiter;
        Clock = clock ?? new ServerClock(_time);
        _random = random ?? Random.Shared.NextDouble;
        if (http is null)
        {
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
        else
        {
            _http = http;
        }
    }

    public DydxRestOptions Options => _options;

    /// <summary>Server time as this client believes it; <see cref="ServerClock.Offset"/> is the measured offset.</summary>
    public ServerClock Clock { get; }

    public DydxRateLimiter? RateLimiter { get; }

    public TimeSpan ClockOffset => Clock.Offset;

    /// <summary>Measures the clock offset now and loads the live rate limits from GET /v3/config into the limiter.</summary>
    public async Task InitializeAsync(CancellationToken cancellation = default)
    {
        await SyncClockAsync(cancellation).ConfigureAwait(false);
        var config = await GetConfigAsync(cancellation).ConfigureAwait(false);
        RateLimiter?.ApplyExchangeConfig(config);
    }

    /// <summary>One GET /v3/time sample: offset = server time − midpoint of our send and receive times.</summary>
    public async Task<TimeSpan> SyncClockAsync(CancellationToken cancellation = default)
    {
        var exchange = await SendAsync<ServerTime>(Get(RequestPath.For("/v3/time")), cancellation).ConfigureAwait(false);
        Clock.AddSample(exchange.SentAt, exchange.Value.Time, exchange.ReceivedAt);
        return Clock.Offset;
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
        _clockSync.Dispose();
    }

    // ---- request pipeline ------------------------------------------------------------------------------------

    /// <summary>What one endpoint call needs: the exact path and body, whether it is signed and may be retried, and its rate-limit charges.</summary>
    private sealed record Call(HttpMethod Method, string Path, string? Body, bool Private, bool Retryable, RateLimitCharge[] Charges);

    private readonly record struct Exchange<T>(T Value, DateTimeOffset SentAt, DateTimeOffset ReceivedAt);

    private static Call Get(RequestPath path, bool isPrivate = false, params RateLimitCharge[] extraCharges) =>
        new(HttpMethod.Get, path.ToString(), null, isPrivate, Retryable: true, [RateLimitCharge.Get(), .. extraCharges]);

    private async Task<T> SendValueAsync<T>(Call call, CancellationToken cancellation) =>
        (await SendAsync<T>(call, cancellation).ConfigureAwait(false)).Value;

    private async Task<Exchange<T>> SendAsync<T>(Call call, CancellationToken cancellation)
    {
        string method = call.Method.Method;
        if (call.Private && _authenticator is null)
            throw new InvalidOperationException($"{method} {call.Path} is private: the client needs an IRequestAuthenticator");
        int attempt = 0;
        bool clockRetried = false;
        while (true)
        {
            attempt++;
            if (call.Private) await EnsureClockAsync(cancellation).ConfigureAwait(false);
            if (RateLimiter is not null) await RateLimiter.AcquireAsync(call.Charges, cancellation).ConfigureAwait(false);

            using var request = await BuildRequestAsync(call, cancellation).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
            var sentAt = _time.GetUtcNow();
            HttpStatusCode status;
            RateLimitHeaders rateLimit;
            byte[] body;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                status = response.StatusCode;
                rateLimit = RateLimitHeaders.Parse(response.Headers, _options.RetryAfterUnit, Clock.UtcNow);
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException && !cancellation.IsCancellationRequested)
            {
                bool isTimeout = e is OperationCanceledException;
                // A connection that was never made cannot have delivered the request.
                bool neverSent = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (call.Retryable && attempt < _options.MaxAttempts)
                {
                    await DelayAsync(_options.Backoff.Delay(attempt - 1, _random()), cancellation).ConfigureAwait(false);
                    continue;
                }
                throw new DydxTransportException(method, call.Path, isTimeout, outcomeUnknown: !call.Retryable && !neverSent, attempt, e);
            }
            var receivedAt = _time.GetUtcNow();
            int code = (int)status;

            if (code is >= 200 and < 300)
            {
                RateLimiter?.Observe(call.Charges[0], rateLimit, Clock.UtcNow);
                return new Exchange<T>(Parse<T>(call, status, body), sentAt, receivedAt);
            }

            var error = new DydxApiException(method, call.Path, status, DydxApiException.ParseErrors(body),
                body.Length == 0 ? null : Encoding.UTF8.GetString(body), rateLimit, attempt);

            if (status == HttpStatusCode.TooManyRequests)
            {
                var block = RateLimiter?.OnRejected(call.Charges[0], rateLimit, Clock.UtcNow)
                            ?? rateLimit.RetryAfter ?? _options.Backoff.Delay(attempt - 1, _random());
                if (call.Retryable && attempt < _options.MaxAttempts && block <= _options.MaxRetryAfter)
                {
                    // With a limiter the blocked pool makes the next acquire wait; without one, wait here.
                    if (RateLimiter is null) await DelayAsync(block, cancellation).ConfigureAwait(false);
                    continue;
                }
                throw error;
            }

            RateLimiter?.Observe(call.Charges[0], rateLimit, Clock.UtcNow);
            if (code >= 500 && call.Retryable && attempt < _options.MaxAttempts)
            {
                await DelayAsync(_options.Backoff.Delay(attempt - 1, _random()), cancellation).ConfigureAwait(false);
                continue;
            }
            if (error.IsClockSkew)
            {
                // The request was refused before execution; resynchronise so the next one is accepted.
                Clock.MarkStale();
                if (call.Retryable && !clockRetried)
                {
                    clockRetried = true;
                    attempt--;
                    continue;
                }
            }
            throw error;
        }
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(Call call, CancellationToken cancellation)
    {
        var uri = new Uri(_options.BaseUri, call.Path);
        // Defensive: the URI must carry the path exactly as signed (Uri normalisation would otherwise break the HMAC).
        if (uri.PathAndQuery != call.Path)
            throw new InvalidOperationException($"request path '{call.Path}' would be sent as '{uri.PathAndQuery}'");
        var request = new HttpRequestMessage(call.Method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(call.Body));
            request.Content.Headers.ContentType = JsonMediaType;
        }
        if (call.Private)
        {
            string timestamp = Clock.IsoNow();
            var auth = await _authenticator!.AuthenticateAsync(timestamp, call.Method.Method, call.Path, call.Body ?? "", cancellation).ConfigureAwait(false);
            request.Headers.TryAddWithoutValidation("DYDX-SIGNATURE", auth.Signature);
            request.Headers.TryAddWithoutValidation("DYDX-API-KEY", auth.ApiKey);
            request.Headers.TryAddWithoutValidation("DYDX-TIMESTAMP", auth.Timestamp);
            request.Headers.TryAddWithoutValidation("DYDX-PASSPHRASE", auth.Passphrase);
            if (_options.AccountNumber is { } number)
                request.Headers.TryAddWithoutValidation("DYDX-ACCOUNT-NUMBER", number.ToString(CultureInfo.InvariantCulture));
        }
        return request;
    }

    private async Task EnsureClockAsync(CancellationToken cancellation)
    {
        if (!Clock.NeedsSync(_options.ClockSyncInterval)) return;
        await _clockSync.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // Another request may have synchronised while this one waited.
            if (Clock.NeedsSync(_options.ClockSyncInterval)) await SyncClockAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DydxApiException or DydxTransportException or DydxProtocolException && Clock.HasOffset)
        {
            // A failed re-measurement keeps the last offset (clocks drift slowly); the next request tries again.
        }
        finally
        {
            _clockSync.Release();
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellation) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellation);

    private static T Parse<T>(Call call, HttpStatusCode status, byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, DydxJson.Options)
                   ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException e)
        {
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512));
            throw new DydxProtocolException(call.Method.Method, call.Path, status, text, e);
        }
    }

    /// <summary>The compact JSON of a request body: exactly these bytes are signed and sent.</summary>
    internal static string CompactJson<T>(T body) => JsonSerializer.Serialize(body, DydxJson.Options);
}
