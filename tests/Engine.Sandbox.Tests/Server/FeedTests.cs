using System.Globalization;
using Engine.Core.Primitives;
using Engine.Recording;
using Engine.Recording.Synthetic;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>Background flow: a recorded feed plays "now" (shifted), at the configured speed.</summary>
public sealed class FeedTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sandbox-server-feed-" + Guid.NewGuid().ToString("N"));

    public FeedTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_2022_recording_is_shifted_to_play_from_the_start_time_and_its_trades_print_now()
    {
        string path = Path.Combine(_dir, "feed.rec.gz");
        var recorded = new SyntheticFeedOptions { Seed = 3, Duration = TimeSpan.FromMinutes(10) }; // starts 2022-05-02
        using (var writer = RecordingWriter.Create(path, SyntheticFeed.Metadata(recorded))) new SyntheticFeed(recorded).WriteTo(writer);

        await using var s = await ServerScope.StartAsync(new SandboxServerOptions { FeedFile = path, Speed = 10 });
        await ServerScope.EventuallyAsync(() => (s.Server.FeedStats?.BackgroundTrades ?? 0) > 3, what: "recorded trades");
        var trades = (await s.Public.GetAsync("/v3/trades/BTC-USD")).Body.GetProperty("trades");
        var newest = DateTimeOffset.Parse(trades[0].GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange((newest - DateTimeOffset.UtcNow).TotalMinutes, -1, 1); // 2022 frames, printed now
        var book = (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body;
        Assert.True(book.GetProperty("bids").GetArrayLength() > 10);
        Assert.True(Price.Parse(book.GetProperty("bids")[0].GetProperty("price").GetString()!) <
                    Price.Parse(book.GetProperty("asks")[0].GetProperty("price").GetString()!));

        // Speed 10: exchange time runs ahead of the wall clock.
        var status = (await s.Public.GetAsync("/sandbox/status")).Body;
        var exchangeTime = DateTimeOffset.Parse(status.GetProperty("exchangeTime").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(exchangeTime > DateTimeOffset.UtcNow);
        Assert.Equal(10, status.GetProperty("speed").GetDouble());
    }

    [Fact]
    public async Task Reader_paced_playback_waits_for_a_subscriber_and_for_a_slow_reader_instead_of_dropping_it()
    {
        string path = Path.Combine(_dir, "fast.rec");
        var recorded = new SyntheticFeedOptions { Seed = 5, Duration = TimeSpan.FromMinutes(2), MeanFrameGap = TimeSpan.FromMilliseconds(1) };
        long total;
        using (var writer = RecordingWriter.Create(path, SyntheticFeed.Metadata(recorded))) total = new SyntheticFeed(recorded).WriteTo(writer);

        await using var s = await ServerScope.StartAsync(new SandboxServerOptions { FeedFile = path, Playback = FeedPlayback.ReaderPaced, WebSocketSendQueue = 64 });
        await Task.Delay(500);
        Assert.Equal(0, s.Server.FeedStats!.Frames); // nobody reads yet

        // A subscriber that reads nothing: the feed plays until its queue is half full, then waits; it is not cut.
        await using var reader = await s.ConnectAsync(autoReceive: false, receiveBufferBytes: 4096);
        await reader.SubscribeAsync("v3_orderbook", "BTC-USD");
        await ServerScope.EventuallyAsync(() => s.Server.FeedStats!.Frames > 0, what: "playback to start");
        long paused;
        do
        {
            paused = s.Server.FeedStats!.Frames;
            await Task.Delay(500);
        }
        while (s.Server.FeedStats!.Frames != paused);
        Assert.True(paused < total, $"played {paused} of {total} frames without a reader");
        Assert.Equal((0L, 1), (s.Server.SlowClientsDropped, s.Server.WebSocketConnections));

        // Reading again lets the feed play to its end, every message in order.
        reader.StartReceiving();
        await ServerScope.EventuallyAsync(() => s.Server.FeedCompleted, TimeSpan.FromSeconds(60), "the whole feed to play");
        Assert.Equal(total, s.Server.FeedStats!.Frames);
        Assert.Equal(0, s.Server.SlowClientsDropped);
        await ServerScope.EventuallyAsync(async () =>
        {
            var last = reader.All[^1];
            var book = (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body;
            return WsClient.Type(last) == "channel_data" && book.GetProperty("bids").GetArrayLength() > 0;
        }, what: "the last update to arrive");
        var ids = reader.All.Select(m => m.GetProperty("message_id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task A_feed_far_behind_the_exchange_clock_is_caught_up_in_steps_while_requests_and_subscribers_are_served()
    {
        // 1 ms frames at 10,000x: the feed wants ten million frames a second and can never catch up.
        var options = new SandboxServerOptions { SyntheticSeed = 3, SyntheticFrameGap = TimeSpan.FromMilliseconds(1), Speed = 10_000 };
        await using var s = await ServerScope.StartAsync(options);
        await ServerScope.EventuallyAsync(() => (s.Server.FeedStats?.BookDeltas ?? 0) > 1000, what: "the feed to run");
        for (int i = 0; i < 5; i++)
            Assert.Equal(200, (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Code); // served by the exchange thread
        await using var ws = await s.ConnectAsync();
        await ws.SubscribeAsync("v3_orderbook", "BTC-USD");
        await ws.NextAsync("subscribed", "v3_orderbook");
        await ws.NextAsync("channel_data", "v3_orderbook");
        Assert.Equal(0, s.Server.SlowClientsDropped);
    }

    [Fact]
    public async Task Users_trade_against_the_synthetic_background_book()
    {
        await using var s = await ServerScope.StartAsync(new SandboxServerOptions { SyntheticSeed = 11 });
        await ServerScope.EventuallyAsync(async () => (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("asks").GetArrayLength() > 5,
            what: "background book");
        var book = (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body;
        string bestAsk = book.GetProperty("asks")[0].GetProperty("price").GetString()!;
        await using var ws = await s.ConnectAsync();
        await ServerScope.SubscribeAccountsAsync(ws, s.Bob);
        // A marketable IOC buy a few ticks through the best ask fills (at least partly) against background liquidity.
        string limit = (Price.Parse(bestAsk) + Price.Parse("5")).ToString();
        var placed = await s.Bob.PlaceOrderAsync("BUY", limit, "0.001", timeInForce: "IOC");
        Assert.Equal(201, placed.Code);
        var fill = await ws.NextAsync(m => WsClient.Type(m) == "channel_data" && m.GetProperty("contents").GetProperty("fills").GetArrayLength() > 0);
        Assert.Equal("TAKER", fill.GetProperty("contents").GetProperty("fills")[0].GetProperty("liquidity").GetString());
    }
}
