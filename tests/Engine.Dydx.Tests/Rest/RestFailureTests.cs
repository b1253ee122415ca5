using System.Net;
using System.Net.Sockets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Rest.RateLimiting;
using Xunit;

namespace Engine.Dydx.Tests.Rest;

/// <summary>Errors, rate limiting, retries and timeouts: what is retried, what never is, and what the caller is told.</summary>
public sealed class RestFailureTests
{
    private static PlaceOrderRequest Order => new()
    {
        Market = "BTC-USD", Side = Side.Buy, Type = DydxOrderType.Limit, TimeInForce = TimeInForce.Gtt, PostOnly = true,
        Size = 0.01m, Price = 30000m, LimitFee = 0.0005m, Expiration = DateTimeOffset.UtcNow.AddDays(1), ClientId = "42",
        Signature = new string('a', 128),
    };

    [Fact]
    public async Task The_real_400_body_becomes_a_typed_exception_with_every_entry()
    {
        string body = File.ReadAllText(RestRequestTests.Real("errors.json"));
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/accounts" ? new Reply(400, body) : null);
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.GetAccountsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(1, e.Attempts); // a 4xx is an answer, not a transient failure
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(new DydxError("signature must be a valid string of length 44 in headers", "dydx-signature", "headers",
            "1c69867ef434431103da0a6cc9432fe34c09d3706662ffa3729a95ac27d1ae6c"), e.Errors[0]);
        Assert.Equal(new DydxError("timestamp must be a valid ISO string in headers", "dydx-timestamp", "headers"), e.Errors[1]);
        Assert.Equal("GET", e.Method);
        Assert.Equal("/v3/accounts", e.RequestPath);
        Assert.Contains("signature must be a valid string of length 44", e.Message);
        Assert.Single(host.RequestsTo("/v3/accounts"));
    }

    [Fact]
    public async Task Order_not_found_is_recognisable()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget.StartsWith("/v3/orders/")
            ? new Reply(400, """{"errors":[{"msg":"No order found with id: 0daf2000"}]}""") : null);
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.GetOrderAsync("0daf2000"));
        Assert.True(e.IsOrderNotFound);
        Assert.False(e.IsClockSkew);
    }

    [Fact]
    public async Task A_GET_answered_429_waits_for_retry_after_then_succeeds()
    {
        int calls = 0;
        var limiter = new DydxRateLimiter();
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget != "/v3/markets" ? null
            : Interlocked.Increment(ref calls) == 1
                ? new Reply(429, """{"errors":[{"msg":"Too many requests"}]}""", ("Retry-After", "300"), ("RateLimit-Remaining", "0"),
                    ("RateLimit-Limit", "175"), ("RateLimit-Reset", DateTimeOffset.UtcNow.AddMilliseconds(300).ToUnixTimeMilliseconds().ToString()))
                : Reply.Ok(DocumentedPayloads.Markets), limiter: limiter);

        var markets = await host.Client.GetMarketsAsync();
        Assert.Equal(MarketStatus.Online, markets["BTC-USD"].Status);
        var requests = host.RequestsTo("/v3/markets");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(280),
            $"retried after {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms");
        Assert.Equal(1, limiter.Counters.Rejections);
    }

    [Fact]
    public async Task Without_a_limiter_the_client_still_honours_retry_after()
    {
        int calls = 0;
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget != "/v3/config" ? null
            : Interlocked.Increment(ref calls) == 1 ? new Reply(429, "{}", ("Retry-After", "250")) : Reply.Ok(DocumentedPayloads.Config));
        await host.Client.GetConfigAsync();
        var requests = host.RequestsTo("/v3/config");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(230));
    }

    [Fact]
    public async Task A_cdn_html_429_is_still_a_typed_error_and_a_too_long_retry_after_is_not_waited_out()
    {
        const string html = "<html><head><title>Access denied | api.dydx.exchange used Cloudflare to restrict access</title></head><body>Error 1015 You are being rate limited</body></html>";
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/trades/BTC-USD" ? new Reply(429, html, ("Retry-After", "60")) : null,
            o => o with { RetryAfterUnit = RetryAfterUnit.Seconds });
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.GetTradesAsync("BTC-USD"));
        Assert.True(e.IsRateLimited);
        Assert.Empty(e.Errors);
        Assert.StartsWith("<html>", e.ResponseBody);
        Assert.Equal(TimeSpan.FromSeconds(60), e.RetryAfter);
        Assert.Single(host.RequestsTo("/v3/trades"));
    }

    [Fact]
    public async Task An_order_answered_429_is_not_retried()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders"
            ? new Reply(429, """{"errors":[{"msg":"Too many requests"}]}""", ("Retry-After", "100")) : null);
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.PlaceOrderAsync(Order));
        Assert.True(e.IsRateLimited);
        Assert.Equal(TimeSpan.FromMilliseconds(100), e.RetryAfter);
        Assert.Single(host.RequestsTo("/v3/orders"));
    }

    [Fact]
    public async Task GETs_are_retried_on_5xx_with_growing_bounded_back_off()
    {
        int calls = 0;
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget != "/v3/orderbook/BTC-USD" ? null
            : Interlocked.Increment(ref calls) <= 3 ? new Reply(503, "Service Unavailable") : Reply.Ok(DocumentedPayloads.Orderbook),
            o => o with { Backoff = new Engine.Dydx.Resilience.BackoffPolicy { Initial = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromMilliseconds(250) } });

        await host.Client.GetOrderbookAsync("BTC-USD");
        var times = host.RequestsTo("/v3/orderbook").Select(r => r.ReceivedAt).ToArray();
        Assert.Equal(4, times.Length);
        // random = 0 makes each delay exactly its ceiling: 100, 200, then 400 capped at 250 ms. The upper bound is
        // loose because a cold, busy test process adds its own latency to each attempt.
        double[] expected = [100, 200, 250];
        for (int i = 0; i < 3; i++)
            Assert.True((times[i + 1] - times[i]).TotalMilliseconds >= expected[i] - 15, $"retry {i + 1} came after {(times[i + 1] - times[i]).TotalMilliseconds} ms");
        Assert.True((times[3] - times[0]).TotalMilliseconds < 550 + 2000, "the capped back-off keeps the whole sequence short");
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts_and_report_the_last_answer()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/fills" ? new Reply(500, """{"errors":[{"msg":"Internal error"}]}""") : null,
            o => o with { MaxAttempts = 3 });
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.GetFillsAsync());
        Assert.Equal(3, e.Attempts);
        Assert.Equal(HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal(3, host.RequestsTo("/v3/fills").Count);
        Assert.False(e.OutcomeUnknown);
    }

    [Fact]
    public async Task Cancels_are_retried_on_5xx()
    {
        int calls = 0;
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget != "/v3/orders/0daf2000" ? null
            : Interlocked.Increment(ref calls) == 1 ? new Reply(502, "Bad Gateway") : Reply.Ok(DocumentedPayloads.CancelOrderResponse));
        await host.Client.CancelOrderAsync("0daf2000", "XMR-USD");
        Assert.Equal(2, host.RequestsTo("/v3/orders/0daf2000").Count);
    }

    [Fact]
    public async Task An_order_answered_5xx_is_sent_once_and_its_outcome_is_unknown()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders" ? new Reply(504, "Gateway Timeout") : null);
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.PlaceOrderAsync(Order));
        Assert.True(e.OutcomeUnknown);
        Assert.Single(host.RequestsTo("/v3/orders"));
    }

    [Fact]
    public async Task A_GET_that_times_out_is_retried_then_reported_as_a_timeout()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/markets"
                ? Reply.Ok(DocumentedPayloads.Markets) with { Delay = TimeSpan.FromSeconds(3) } : null,
            // Long enough for the retry's new connection to reach the host on a loaded machine, far below the 3 s reply.
            o => o with { RequestTimeout = TimeSpan.FromMilliseconds(500), MaxAttempts = 2 });
        var started = DateTimeOffset.UtcNow;
        var e = await Assert.ThrowsAsync<DydxTransportException>(() => host.Client.GetMarketsAsync());
        Assert.True(e.IsTimeout);
        Assert.False(e.OutcomeUnknown);
        Assert.Equal(2, e.Attempts);
        Assert.Equal(2, host.RequestsTo("/v3/markets").Count);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2.5), "the per-request timeout bounds each attempt");
    }

    [Fact]
    public async Task An_order_that_times_out_is_sent_once_and_reported_with_an_unknown_outcome()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders"
                ? new Reply(201, DocumentedPayloads.OrderResponse) { Delay = TimeSpan.FromSeconds(3) } : null,
            o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var e = await Assert.ThrowsAsync<DydxTransportException>(() => host.Client.PlaceOrderAsync(Order));
        Assert.True(e.IsTimeout);
        Assert.True(e.OutcomeUnknown, "the exchange may have accepted it: the caller must look it up by clientId");
        Assert.Single(host.RequestsTo("/v3/orders"));
    }

    [Fact]
    public async Task An_order_whose_connection_was_refused_is_known_not_to_have_been_sent()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new DydxRestClient(new DydxRestOptions { BaseUri = new Uri($"http://127.0.0.1:{port}") },
            authenticator: new HmacTestAuthenticator());
        client.Clock.AddSample(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var e = await Assert.ThrowsAsync<DydxTransportException>(() => client.PlaceOrderAsync(Order));
        Assert.False(e.IsTimeout);
        Assert.False(e.OutcomeUnknown);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_timeout_or_retried()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/markets"
            ? Reply.Ok(DocumentedPayloads.Markets) with { Delay = TimeSpan.FromSeconds(3) } : null);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.GetMarketsAsync(cancellation: cancel.Token));
        Assert.Single(host.RequestsTo("/v3/markets"));
    }

    [Fact]
    public async Task A_clock_skew_rejection_resynchronises_and_retries_a_GET_once()
    {
        int calls = 0;
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget != "/v3/accounts" ? null
            : Interlocked.Increment(ref calls) == 1
                ? new Reply(400, """{"errors":[{"msg":"Timestamp must be within 30 seconds of the server time"}]}""")
                : Reply.Ok(File.ReadAllText(RestRequestTests.Real("accounts.json"))));
        var accounts = await host.Client.GetAccountsAsync();
        Assert.Single(accounts);
        Assert.Equal(2, host.RequestsTo("/v3/accounts").Count);
        Assert.Equal(2, host.RequestsTo("/v3/time").Count); // the initial sync and the one the rejection forced
    }

    [Fact]
    public async Task A_clock_skew_rejection_of_an_order_is_reported_and_the_next_request_resynchronises_first()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders"
            ? new Reply(400, """{"errors":[{"msg":"Timestamp must be within 30 seconds of the server time"}]}""") : null);
        var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.PlaceOrderAsync(Order));
        Assert.True(e.IsClockSkew);
        Assert.Single(host.RequestsTo("/v3/orders"));
        Assert.Single(host.RequestsTo("/v3/time"));
        await Assert.ThrowsAsync<DydxApiException>(() => host.Client.PlaceOrderAsync(Order));
        Assert.Equal(2, host.RequestsTo("/v3/time").Count);
    }

    [Fact]
    public async Task A_malformed_success_body_is_a_protocol_error_naming_the_problem()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orderbook/BTC-USD"
            ? Reply.Ok("""{"bids":[{"price":29000.5,"size":"1"}],"asks":[{"price":"oops","size":"1"}]}""") : null);
        var e = await Assert.ThrowsAsync<DydxProtocolException>(() => host.Client.GetOrderbookAsync("BTC-USD"));
        Assert.Contains("/v3/orderbook/BTC-USD", e.Message);
        Assert.Contains("oops", e.BodyExcerpt);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_protocol_error_not_a_silent_default()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders/x"
            ? Reply.Ok(DocumentedPayloads.OrderResponse.Replace("\"PENDING\"", "\"ENTIRELY_FILLED\"")) : null);
        await Assert.ThrowsAsync<DydxProtocolException>(() => host.Client.GetOrderAsync("x"));
    }
}
