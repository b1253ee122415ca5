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
