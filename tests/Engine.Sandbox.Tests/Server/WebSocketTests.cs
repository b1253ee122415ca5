using System.Globalization;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Dydx.Markets;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;
using static Engine.Sandbox.Tests.Server.Support.Shapes;

namespace Engine.Sandbox.Tests.Server;

/// <summary>The /v3/ws protocol: envelopes, channels, snapshots and offsets, heartbeats and slow clients.</summary>
public sealed class WebSocketTests
{
    private static SandboxServerOptions WithFeed(double speed = 1) => new() { SyntheticSeed = 7, Speed = speed };

    [Fact]
    public async Task Connected_comes_first_and_message_ids_count_up_per_connection()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        var connected = ws.All[0];
        SameFields(["type", "connection_id", "message_id"], connected, "connected");
        Assert.True(Guid.TryParse(connected.GetProperty("connection_id").GetString(), out _));
        Assert.Equal(0, connected.GetProperty("message_id").GetInt64());

        await ws.SubscribeAsync("v3_markets");
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD");
        await ws.SubscribeAsync("v3_orderbook", "NOPE-USD");
        await ws.SubscribeAsync("v3_candles", "BTC-USD");
        await ws.SubscribeAsync("v3_markets");
        await ws.NextAsync(m => WsClient.Type(m) == "error" && m.GetProperty("message").GetString()!.StartsWith("Already subscribed", StringComparison.Ordinal));
        var all = ws.All;
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => (long)i), all.Select(m => m.GetProperty("message_id").GetInt64()));
        Assert.All(all, m => Assert.Equal(connected.GetProperty("connection_id").GetString(), m.GetProperty("connection_id").GetString()));
        Assert.Equal(["connected", "subscribed", "subscribed", "error", "error", "error"], all.Select(m => WsClient.Type(m)!).ToArray());
        SameFields(["type", "message", "connection_id", "message_id"], all[3], "error");

        await ws.SendAsync("{\"type\":\"unsubscribe\",\"channel\":\"v3_orderbook\",\"id\":\"BTC-USD\"}");
        var unsubscribed = await ws.NextAsync("unsubscribed");
        Assert.Equal("BTC-USD", unsubscribed.GetProperty("id").GetString());
        await ws.SendAsync("{\"type\":\"unsubscribe\",\"channel\":\"v3_orderbook\",\"id\":\"BTC-USD\"}");
        Assert.Equal("error", WsClient.Type(await ws.NextAsync()));
        await ws.SendAsync("not json");
        Assert.Equal("error", WsClient.Type(await ws.NextAsync()));
    }

    [Fact]
    public async Task Orderbook_offsets_increase_strictly_and_replay_onto_the_snapshot_to_the_rest_book()
    {
        await using var s = await ServerScope.StartAsync(WithFeed());
        await ServerScope.EventuallyAsync(() => (s.Server.FeedStats?.BookDeltas ?? 0) > 20, what: "feed flowing");
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD", includeOffsets: true);
        var snapshot = await ws.NextAsync("subscribed", "v3_orderbook");
        Assert.Equal("BTC-USD", snapshot.GetProperty("id").GetString());

        var bids = new SortedDictionary<long, (string Size, long Offset)>();
        var asks = new SortedDictionary<long, (string Size, long Offset)>();
        long snapshotMax = 0;
        foreach (var (side, book) in new[] { ("bids", bids), ("asks", asks) })
        {
            foreach (var level in snapshot.GetProperty("contents").GetProperty(side).EnumerateArray())
            {
                SameFields(RealGoDydx("btc-usd_orderbook_snapshot_includeOffsets_2022-05.json").GetProperty("contents").GetProperty("bids")[0], level, "level with offset");
                long offset = long.Parse(level.GetProperty("offset").GetString()!, CultureInfo.InvariantCulture);
                snapshotMax = Math.Max(snapshotMax, offset);
                book[Price.Parse(level.GetProperty("price").GetString()!).Units] = (level.GetProperty("size").GetString()!, offset);
            }
        }

        await Task.Delay(700);
        var rest = await s.Public.GetAsync("/v3/orderbook/BTC-USD");
        long restOffset = long.Parse(rest.Header("X-Sandbox-Orderbook-Offset")!, CultureInfo.InvariantCulture);
        await ws.NextAsync(m => WsClient.Type(m) == "channel_data" && Offset(m) >= restOffset);

        var updates = ws.All.Where(m => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_orderbook").ToList();
        Assert.True(updates.Count > 5, $"only {updates.Count} updates");
        long previous = snapshotMax;
        foreach (var update in updates)
        {
            SameFields(Real("depth-update.json"), update, "update envelope");
            SameFields(Real("depth-update.json").GetProperty("contents"), update.GetProperty("contents"), "update contents");
            long offset = Offset(update);
            Assert.True(offset > previous, $"offset {offset} after {previous}");
            previous = offset;
            if (offset > restOffset) continue;
            foreach (var (side, book) in new[] { ("bids", bids), ("asks", asks) })
                foreach (var pair in update.GetProperty("contents").GetProperty(side).EnumerateArray())
                    book[Price.Parse(pair[0].GetString()!).Units] = (pair[1].GetString()!, offset);
        }

        foreach (var (side, book) in new[] { ("bids", bids), ("asks", asks) })
        {
            var expected = rest.Body.GetProperty(side).EnumerateArray()
                .Select(l => (Price.Parse(l.GetProperty("price").GetString()!).Units, l.GetProperty("size").GetString()!)).OrderBy(l => l.Item1).ToList();
            var replayed = book.Where(l => l.Value.Size != "0").Select(l => (l.Key, l.Value.Size)).ToList();
            Assert.Equal(expected, replayed);
        }
        Assert.True(bids.Keys.Max() < asks.Where(a => a.Value.Size != "0").Min(a => a.Key), "the replayed book is crossed");
    }

    [Fact]
    public async Task Include_offsets_snapshots_carry_tombstones_plain_ones_do_not_and_batched_updates_come_as_arrays()
    {
        await using var s = await ServerScope.StartAsync(WithFeed(speed: 5));
        await ServerScope.EventuallyAsync(() => (s.Server.FeedStats?.BookDeltas ?? 0) > 200, what: "feed churn");
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD", includeOffsets: true, batched: true);
        var withOffsets = (await ws.NextAsync("subscribed")).GetProperty("contents");
        var levels = withOffsets.GetProperty("bids").EnumerateArray().Concat(withOffsets.GetProperty("asks").EnumerateArray()).ToList();
        Assert.Contains(levels, l => l.GetProperty("size").GetString() == "0");
        Assert.All(levels, l => Assert.True(l.TryGetProperty("offset", out _)));

        var batch = await ws.NextAsync("channel_batch_data", "v3_orderbook");
        Assert.Equal(JsonValueKind.Array, batch.GetProperty("contents").ValueKind);
        Assert.True(batch.GetProperty("contents").GetArrayLength() >= 1);
        SameFields(["offset", "bids", "asks"], batch.GetProperty("contents")[0], "batched update");

        await using var plain = await s.ConnectAsync();
        await plain.SubscribeAsync("v3_orderbook", "BTC-USD");
        var contents = (await plain.NextAsync("subscribed")).GetProperty("contents");
        var realPlain = Real("depth-snapshot.json").GetProperty("contents");
        SameFields(realPlain, contents, "plain snapshot");
        SameFields(realPlain.GetProperty("asks")[0], contents.GetProperty("asks")[0], "plain level");
        Assert.DoesNotContain(contents.GetProperty("bids").EnumerateArray(), l => l.GetProperty("size").GetString() == "0");
    }

    [Fact]
    public async Task Trades_and_markets_channels_send_snapshots_and_updates()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_trades", "BTC-USD");
        var trades = await ws.NextAsync("subscribed", "v3_trades");
        Assert.Equal(0, trades.GetProperty("contents").GetProperty("trades").GetArrayLength());
        await ws.SubscribeAsync("v3_markets");
        var markets = await ws.NextAsync("subscribed", "v3_markets");
        Assert.False(markets.TryGetProperty("id", out _));
        Assert.Equal(2, markets.GetProperty("contents").GetProperty("markets").EnumerateObject().Count());

        await s.Alice.PlaceOrderAsync("SELL", "30010", "0.1");
        await ServerScope.EventuallyAsync(async () => (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("asks").GetArrayLength() == 1);
        await s.Bob.PlaceOrderAsync("BUY", "30010", "0.1", timeInForce: "IOC");
        var printed = await ws.NextAsync("channel_data", "v3_trades");
        var trade = printed.GetProperty("contents").GetProperty("trades")[0];
        Assert.Equal("BUY", trade.GetProperty("side").GetString());
        Assert.Equal("0.1", trade.GetProperty("size").GetString());

        await s.Server.InvokeAsync((ex, now) => ex.ApplyMarketUpdate(new MarketUpdate("BTC-USD") { OraclePrice = Price.Parse("30100.5") }, now));
        var update = await ws.NextAsync("channel_data", "v3_markets");
        Assert.False(update.TryGetProperty("id", out _));
        var btc = update.GetProperty("contents").GetProperty("BTC-USD");
        SameFields(["oraclePrice"], btc, "markets update");
        Assert.Equal("30100.5", btc.GetProperty("oraclePrice").GetString());
    }

    [Fact]
    public async Task The_server_pings_and_drops_a_client_that_does_not_answer_with_a_pong()
    {
        var options = new SandboxServerOptions { PingInterval = TimeSpan.FromMilliseconds(150), PongTimeout = TimeSpan.FromMilliseconds(300) };
        await using var s = await ServerScope.StartAsync(options);
        await using var responsive = await s.ConnectAsync();
        await using var silent = await s.ConnectAsync(autoReceive: false);
        Assert.Equal("connected", WsClient.Type(await silent.ReceiveOneAsync()));
        await ServerScope.EventuallyAsync(() => s.Server.WebSocketConnections == 2);

        // The silent client reads nothing, so the server's pings go unanswered and it is dropped; the other one stays.
        await ServerScope.EventuallyAsync(() => s.Server.WebSocketConnections == 1, TimeSpan.FromSeconds(5), "the silent client dropped");
        await Task.Delay(600);
        Assert.Equal(1, s.Server.WebSocketConnections);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, responsive.Socket.State);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (true) await silent.ReceiveOneAsync();
        });
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_when_its_send_queue_fills_and_nobody_else_waits()
    {
        var options = WithFeed(speed: 5) with { WebSocketSendQueue = 16 };
        await using var s = await ServerScope.StartAsync(options);
        await ServerScope.EventuallyAsync(() => (s.Server.FeedStats?.BookDeltas ?? 0) > 50, what: "a book");
        await using var fast = await s.ConnectAsync();
        await fast.SubscribeAsync("v3_orderbook", "BTC-USD");
        await fast.NextAsync("subscribed");
        await using var slow = await s.ConnectAsync(autoReceive: false, receiveBufferBytes: 4096);
        Assert.Equal("connected", WsClient.Type(await slow.ReceiveOneAsync()));

        // The slow client keeps asking for full book snapshots but reads nothing: its socket backs up, then its queue,
        // and the server cuts it.
        var started = DateTime.UtcNow;
        while (s.Server.WebSocketConnections == 2 && DateTime.UtcNow - started < TimeSpan.FromSeconds(15))
        {
            try
            {
                for (int i = 0; i < 50; i++)
                {
                    await slow.SendAsync("{\"type\":\"subscribe\",\"channel\":\"v3_orderbook\",\"id\":\"BTC-USD\",\"includeOffsets\":true}");
                    await slow.SendAsync("{\"type\":\"unsubscribe\",\"channel\":\"v3_orderbook\",\"id\":\"BTC-USD\"}");
                }
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                break;
            }
            await Task.Delay(10); // let the server keep up with the requests (it is the answers that must back up)
        }
        await ServerScope.EventuallyAsync(() => s.Server.SlowClientsDropped == 1, TimeSpan.FromSeconds(10), "the slow client dropped");
        Assert.Equal(1, s.Server.WebSocketConnections);
        // The exchange, the REST API and the other subscriber never waited for it.
        Assert.Equal(200, (await s.Public.GetAsync("/v3/time")).Code);
        var flowing = await fast.CollectAsync(TimeSpan.FromMilliseconds(300), m => WsClient.Type(m) == "channel_data");
        Assert.NotEmpty(flowing);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_burst_larger_than_the_queue_drops_an_unbatched_subscriber_while_a_batched_one_gets_one_message()
    {
        var options = new SandboxServerOptions { WebSocketSendQueue = 4 };
        await using var s = await ServerScope.StartAsync(options);
        await using var batched = await s.ConnectAsync();
        await batched.SubscribeAsync("v3_orderbook", "BTC-USD", batched: true);
        await batched.NextAsync("subscribed");
        await using var unbatched = await s.ConnectAsync();
        await unbatched.SubscribeAsync("v3_orderbook", "BTC-USD");
        await unbatched.NextAsync("subscribed");
        for (int i = 0; i < 10; i++)
        {
            // 0.5 BTC ≈ 15000 USD: 4 placement points each, well inside the 1750.
            Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", (29000 - i).ToString(CultureInfo.InvariantCulture), "0.5")).Code);
            Assert.Equal(201, (await s.Alice.PlaceOrderAsync("SELL", (31000 + i).ToString(CultureInfo.InvariantCulture), "0.5")).Code);
            await unbatched.NextAsync(m => WsClient.Type(m) == "channel_data" && m.GetProperty("contents").GetProperty("asks").GetArrayLength() > 0);
        }
        // One cancel-all: 20 book updates published in one step, written to each queue at once.
        Assert.Equal(200, (await s.Alice.DeletePrivateAsync("/v3/orders")).Code);
        var batch = await batched.NextAsync(m => WsClient.Type(m) == "channel_batch_data" && m.GetProperty("contents").GetArrayLength() == 20);
        Assert.Equal(20, batch.GetProperty("contents").GetArrayLength());
        await unbatched.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        // The server counts the drop when its side of the connection has finished, which may be after the client saw it.
        await ServerScope.EventuallyAsync(() => s.Server.SlowClientsDropped == 1 && s.Server.WebSocketConnections == 1, what: "the drop counted");
    }

    private static long Offset(JsonElement m) => long.Parse(m.GetProperty("contents").GetProperty("offset").GetString()!, CultureInfo.InvariantCulture);
}
