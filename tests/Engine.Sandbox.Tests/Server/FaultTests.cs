using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>Each injectable fault, observed from the outside the way a client would meet it.</summary>
public sealed class FaultTests
{
    private static long Offset(JsonElement m) => long.Parse(m.GetProperty("contents").GetProperty("offset").GetString()!, CultureInfo.InvariantCulture);

    private static bool BookUpdate(JsonElement m) => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_orderbook";

    [Fact]
    public async Task Dropping_websockets_aborts_every_connection_or_just_the_named_one()
    {
        await using var s = await ServerScope.StartAsync();
        await using var a = await s.ConnectAsync();
        await using var b = await s.ConnectAsync();
        await using var c = await s.ConnectAsync();
        await ServerScope.EventuallyAsync(() => s.Server.WebSocketConnections == 3);

        string id = a.All[0].GetProperty("connection_id").GetString()!;
        s.Server.Faults.DropWebSockets(id);
        await a.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        await ServerScope.EventuallyAsync(() => s.Server.WebSocketConnections == 2);
        Assert.False(b.Closed.IsCompleted);

        var reply = await s.Public.PostPublicAsync("/sandbox/faults", "{\"dropWebSockets\":true}");
        Assert.Equal(200, reply.Code);
        await Task.WhenAll(b.Closed, c.Closed).WaitAsync(TimeSpan.FromSeconds(5));
        await ServerScope.EventuallyAsync(() => s.Server.WebSocketConnections == 0);
        // Reconnecting works.
        await using var again = await s.ConnectAsync();
        Assert.Equal("connected", WsClient.Type(again.All[0]));
    }

    [Fact]
    public async Task A_stalled_channel_holds_its_messages_and_delivers_them_in_order_when_the_stall_ends()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD");
        await ws.NextAsync("subscribed");
        await ServerScope.SubscribeAccountsAsync(ws, s.Alice);

        s.Server.Faults.StallChannel("v3_orderbook", "BTC-USD", TimeSpan.FromMilliseconds(800));
        var stalledAt = Stopwatch.StartNew();
        var first = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        var second = await s.Alice.PlaceOrderAsync("BUY", "29001", "0.01");
        // Other channels keep flowing...
        await ServerScope.NextOrderUpdateAsync(ws, second.Body.GetProperty("order").GetProperty("id").GetString()!, "OPEN");
        Assert.True(stalledAt.ElapsedMilliseconds < 800);
        Assert.DoesNotContain(ws.All, BookUpdate);
        // ...and the book updates come after the stall, in order.
        var held = await ws.NextAsync(BookUpdate);
        Assert.True(stalledAt.ElapsedMilliseconds >= 750, $"delivered after {stalledAt.ElapsedMilliseconds} ms");
        var next = await ws.NextAsync(BookUpdate);
        Assert.Equal(Offset(held) + 1, Offset(next));
        Assert.Equal("29000", held.GetProperty("contents").GetProperty("bids")[0][0].GetString());
        Assert.Equal("29001", next.GetProperty("contents").GetProperty("bids")[0][0].GetString());
    }

    [Fact]
    public async Task Skipped_orderbook_offsets_leave_a_gap_the_client_can_see()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD", includeOffsets: true);
        await ws.NextAsync("subscribed");
        await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        long before = Offset(await ws.NextAsync(BookUpdate));

        var reply = await s.Public.PostPublicAsync("/sandbox/faults", "{\"skipOrderbookOffsets\":{\"market\":\"BTC-USD\",\"count\":2}}");
        Assert.Equal(2, reply.Body.GetProperty("skipOrderbookOffsets").GetProperty("BTC-USD").GetInt32());
        await s.Alice.PlaceOrderAsync("BUY", "29001", "0.01");
        await s.Alice.PlaceOrderAsync("BUY", "29002", "0.01");
        await s.Alice.PlaceOrderAsync("BUY", "29003", "0.01");
        var after = await ws.NextAsync(BookUpdate);
        Assert.Equal(before + 3, Offset(after));
        // Lost in transit: the two missing updates took their message_ids.
        var ids = ws.All.Select(m => m.GetProperty("message_id").GetInt64()).ToList();
        Assert.Equal(ids[^2] + 3, ids[^1]);
        Assert.Equal("29003", after.GetProperty("contents").GetProperty("bids")[0][0].GetString());
        // The levels of the skipped updates exist on the exchange but never reached this client.
        var rest = await s.Public.GetAsync("/v3/orderbook/BTC-USD");
        Assert.Equal(4, rest.Body.GetProperty("bids").GetArrayLength());
    }

    [Fact]
    public async Task Out_of_order_delivery_sends_a_lower_offset_after_a_higher_one_and_the_per_level_rule_still_rebuilds_the_book()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD", includeOffsets: true);
        await ws.NextAsync("subscribed");
        var reply = await s.Public.PostPublicAsync("/sandbox/faults", "{\"reorderOrderbook\":{\"market\":\"BTC-USD\",\"count\":1}}");
        Assert.Equal(1, reply.Body.GetProperty("reorderOrderbook").GetProperty("BTC-USD").GetInt32());

        var placed = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, placed.Body.GetProperty("order").GetProperty("id").GetString()!) == "OPEN");
        await s.Alice.DeletePrivateAsync("/v3/orders"); // the same level again: size 0 under a higher offset
        var first = await ws.NextAsync(BookUpdate);
        var second = await ws.NextAsync(BookUpdate);
        Assert.True(Offset(first) > Offset(second), $"{Offset(first)} then {Offset(second)}");
        Assert.Equal("0", first.GetProperty("contents").GetProperty("bids")[0][1].GetString());
        Assert.Equal("0.01", second.GetProperty("contents").GetProperty("bids")[0][1].GetString());
        // Applying an update only where its offset is newer than the level's leaves the level removed, as on the exchange.
        var level = (Size: "", Offset: 0L);
        foreach (var update in new[] { first, second })
            if (Offset(update) > level.Offset) level = (update.GetProperty("contents").GetProperty("bids")[0][1].GetString()!, Offset(update));
        Assert.Equal("0", level.Size);
        Assert.Equal(0, (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("bids").GetArrayLength());
    }

    [Fact]
    public async Task A_crossed_book_update_crosses_the_best_ask_under_a_fresh_offset_and_the_next_real_update_supersedes_it()
    {
        await using var s = await ServerScope.StartAsync();
        await s.Alice.PlaceOrderAsync("SELL", "30010", "0.1");
        await ServerScope.EventuallyAsync(async () => (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("asks").GetArrayLength() == 1);
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD", includeOffsets: true);
        var snapshot = await ws.NextAsync("subscribed");
        long snapshotOffset = long.Parse(snapshot.GetProperty("contents").GetProperty("asks")[0].GetProperty("offset").GetString()!, CultureInfo.InvariantCulture);

        s.Server.Faults.SendCrossedBook("BTC-USD");
        var crossed = await ws.NextAsync(BookUpdate);
        var bid = crossed.GetProperty("contents").GetProperty("bids")[0];
        Assert.True(Price.Parse(bid[0].GetString()!) > Price.Parse("30010"), "the injected bid is above the best ask");
        Assert.True(Offset(crossed) > snapshotOffset);
        Assert.Equal(1, (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("asks").GetArrayLength()); // the exchange is untouched
        Assert.Equal(0, (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("bids").GetArrayLength());

        await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        var real = await ws.NextAsync(BookUpdate);
        Assert.True(Offset(real) > Offset(crossed));

        await s.Public.PostPublicAsync("/sandbox/faults", "{\"crossedBook\":\"BTC-USD\"}");
        Assert.True(Offset(await ws.NextAsync(BookUpdate)) > Offset(real));
    }

    [Fact]
    public async Task A_5xx_storm_fails_the_next_requests_then_service_resumes()
    {
        await using var s = await ServerScope.StartAsync();
        s.Server.Faults.FailNextRequests(3);
        for (int i = 0; i < 3; i++)
        {
            var failed = await s.Public.GetAsync("/v3/markets");
            Assert.Equal(503, failed.Code);
            Assert.Equal("Service Unavailable", failed.ErrorMessage);
        }
        Assert.Equal(200, (await s.Public.GetAsync("/v3/markets")).Code);

        await s.Public.PostPublicAsync("/sandbox/faults", "{\"failNextRequests\":{\"count\":1,\"status\":500}}");
        Assert.Equal(500, (await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01")).Code);
        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01")).Code);
    }

    [Fact]
    public async Task A_429_storm_answers_with_the_rate_limit_headers_then_service_resumes()
    {
        await using var s = await ServerScope.StartAsync();
        await s.Public.PostPublicAsync("/sandbox/faults", "{\"rateLimitNextRequests\":2}");
        for (int i = 0; i < 2; i++)
        {
            var limited = await s.Alice.GetPrivateAsync("/v3/accounts");
            Assert.Equal(429, limited.Code);
            Assert.Equal("0", limited.Header("RateLimit-Remaining"));
            Assert.NotNull(limited.Header("RateLimit-Reset"));
            Assert.NotNull(limited.Header("RateLimit-Limit"));
            Assert.True(long.Parse(limited.Header("Retry-After")!, CultureInfo.InvariantCulture) > 0);
        }
        Assert.Equal(200, (await s.Alice.GetPrivateAsync("/v3/accounts")).Code);
    }

    [Fact]
    public async Task A_response_delay_slows_every_v3_answer_but_not_the_sandbox_endpoints()
    {
        await using var s = await ServerScope.StartAsync();
        s.Server.Faults.ResponseDelay = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        Assert.Equal(200, (await s.Public.GetAsync("/v3/time")).Code);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
        watch.Restart();
        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01")).Code);
        Assert.True(watch.ElapsedMilliseconds >= 290);
        watch.Restart();
        var faults = await s.Public.GetAsync("/sandbox/faults");
        Assert.Equal(300, faults.Body.GetProperty("responseDelayMs").GetInt64());
        Assert.True(watch.ElapsedMilliseconds < 290);

        var cleared = await s.Public.PostPublicAsync("/sandbox/faults", "{\"responseDelayMs\":0}");
        Assert.Equal(0, cleared.Body.GetProperty("responseDelayMs").GetInt64());
    }

    [Fact]
    public async Task A_delayed_answer_is_held_back_after_the_work_is_done_so_an_order_can_exist_before_its_sender_hears_of_it()
    {
        await using var s = await ServerScope.StartAsync();
        s.Server.Faults.ResponseDelay = TimeSpan.FromSeconds(2);
        var placing = s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", clientId: "held-1");
        string account = s.Alice.Account!.AccountId;
        await ServerScope.EventuallyAsync(async () => await s.Server.InvokeAsync((exchange, now) =>
            exchange.GetOrderByClientId(account, "held-1", now).IsSuccess), TimeSpan.FromSeconds(1.5), "the order to exist while its answer is held");
        Assert.False(placing.IsCompleted);
        Assert.Equal(201, (await placing).Code);
    }

    [Fact]
    public async Task A_skewed_server_clock_shows_in_v3_time_and_rejects_requests_signed_with_local_time()
    {
        await using var s = await ServerScope.StartAsync();
        await s.Public.PostPublicAsync("/sandbox/faults", "{\"clockSkewMs\":90000}");
        var time = await s.Public.GetAsync("/v3/time");
        var serverTime = DateTimeOffset.Parse(time.Body.GetProperty("iso").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange((serverTime - DateTimeOffset.UtcNow).TotalSeconds, 80, 100);

        var local = await s.Alice.GetPrivateAsync("/v3/accounts");
        Assert.Equal(401, local.Code);
        Assert.StartsWith("Timestamp must be within", local.ErrorMessage);
        // A client that syncs with GET /v3/time (as v3 clients were told to) gets through.
        var synced = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", at: DateTimeOffset.UtcNow + (serverTime - DateTimeOffset.UtcNow));
        Assert.Equal(200, synced.Code);

        var cleared = await s.Public.PostPublicAsync("/sandbox/faults", "{}");
        Assert.Equal(90000, cleared.Body.GetProperty("clockSkewMs").GetInt64());
        var deleted = await new HttpClient().DeleteAsync(new Uri(s.Server.BaseUrl, "sandbox/faults"));
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.Equal(TimeSpan.Zero, s.Server.Faults.ClockSkew);
        Assert.Equal(200, (await s.Alice.GetPrivateAsync("/v3/accounts")).Code);
    }
}
