using System.Text;
using System.Text.Json;
using Engine.Core.Book;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Recording;
using Engine.Recording.Synthetic;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Feed;
using Engine.Sandbox.Tests.Support;
using Engine.TestSupport;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Feed;

/// <summary>Background flow from recorded or synthetic v3 frames, through the engine's codecs.</summary>
public sealed class FeedDriverTests
{
    private static SyntheticFeedOptions Synthetic(int minutes) => new() { Seed = 7, Duration = TimeSpan.FromMinutes(minutes) };

    /// <summary>The same frames straight into the engine's own book, as the reference for the background.</summary>
    private static OrderBook Reference(IEnumerable<(long, string Frame)> frames, string market)
    {
        var book = new OrderBook(market);
        foreach (var (_, text) in frames)
        {
            byte[] frame = Encoding.UTF8.GetBytes(text);
            if (FrameHeaderReader.TryRead(frame, out var header) && header.Channel == Channel.Orderbook && header.Id == market)
                OrderbookCodec.Apply(header, frame, book);
        }
        return book;
    }

    private static void AssertSameLevels(OrderBook reference, OrderbookSnapshot snapshot)
    {
        foreach (var (side, levels) in new[] { (Side.Buy, snapshot.Bids), (Side.Sell, snapshot.Asks) })
        {
            Assert.Equal(reference.LevelCount(side), levels.Count);
            for (int i = 0; i < levels.Count; i++)
            {
                reference.GetLevel(side, i, out var price, out var size);
                Assert.Equal((price, size), (levels[i].Price, levels[i].Size));
            }
        }
    }

    [Fact]
    public void A_synthetic_feed_lists_the_market_and_its_book_is_the_background()
    {
        var exchange = new SandboxExchange();
        using var driver = new FeedDriver(exchange, new SyntheticFeedSource(new SyntheticFeed(Synthetic(70))));
        long frames = driver.RunToEnd();
        Assert.True(driver.Completed);
        Assert.Equal(frames, driver.Stats.Frames);
        Assert.Equal(0, driver.Stats.Malformed);
        Assert.Equal(0, driver.Stats.UnknownMarket);
        Assert.True(driver.Stats.BackgroundTrades > 100);

        var market = exchange.GetMarket("BTC-USD").Unwrap();
        Assert.Equal(P("1"), market.Rules.TickSize);
        AssertSameLevels(Reference(new SyntheticFeed(Synthetic(70)).Frames(), "BTC-USD"), exchange.GetOrderbook("BTC-USD").Unwrap());
        Assert.NotEmpty(exchange.GetTrades("BTC-USD").Unwrap());
        Assert.Single(exchange.GetHistoricalFunding("BTC-USD").Unwrap()); // 70 minutes from 00:00 cross one top of the hour
    }

    [Fact]
    public void The_real_captured_book_replays_into_the_same_background_as_the_engine_book()
    {
        string path = SharedData.Shared("data", "real", "dydx-v3", "go-dydx", "btc-usd_orderbook_snapshot+1095deltas_2022-05.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var frames = doc.RootElement.EnumerateArray().Select((e, i) => ((long)i * 1_000_000, e.GetRawText())).ToList();

        var h = new Harness(); // BTC-USD listed by config; the capture has no markets channel
        var applier = new FrameApplier(h.Exchange, Harness.Start.Nanos);
        foreach (var (nanos, text) in frames) applier.Apply(Encoding.UTF8.GetBytes(text), new Timestamp(nanos));
        Assert.Equal((1L, 1095L, 0L), (applier.Stats.BookSnapshots, applier.Stats.BookDeltas, applier.Stats.Malformed));
        AssertSameLevels(Reference(frames, "BTC-USD"), h.Exchange.GetOrderbook("BTC-USD").Unwrap());
    }

    [Fact]
    public void A_user_order_trades_with_the_synthetic_background()
    {
        var exchange = new SandboxExchange();
        using var driver = new FeedDriver(exchange, new SyntheticFeedSource(new SyntheticFeed(Synthetic(30))));
        var start = Synthetic(30).Start;
        driver.AdvanceTo(start.AddNanos(Timestamp.NanosPerSecond));
        string alice = exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0x00000000000000000000000000000000000000a1", StarkPublicKey = "0a1", PositionId = 1, InitialCollateral = 50_000m,
        }, start).Unwrap().Id;
        var book = exchange.GetOrderbook("BTC-USD").Unwrap();
        var now = exchange.Now;
        var bid = exchange.PlaceOrder(alice, new PlaceOrderRequest
        {
            Market = "BTC-USD", Side = Side.Buy, Size = Q("0.05"), Price = book.Bids[0].Price, LimitFee = 0.001m,
            Expiration = now.AddNanos(Timestamp.NanosPerHour), ClientId = "1",
        }, now).Unwrap();
        var ask = exchange.PlaceOrder(alice, new PlaceOrderRequest
        {
            Market = "BTC-USD", Side = Side.Sell, Size = Q("0.05"), Price = book.Asks[0].Price, LimitFee = 0.001m,
            Expiration = now.AddNanos(Timestamp.NanosPerHour), ClientId = "2",
        }, now).Unwrap();
        exchange.ProcessPending(now);
        driver.RunToEnd();

        var fills = exchange.GetFills(alice).Unwrap();
        Assert.NotEmpty(fills);
        Assert.All(fills, f => Assert.Equal(Liquidity.Maker, f.Liquidity));
        Assert.All(fills, f => Assert.Equal(f.Side == Side.Buy ? bid.Price : ask.Price, f.Price));
        // Accounting stays exact through the background flow: V = Q + S × oracle.
        var account = exchange.GetAccount(alice).Unwrap();
        var oracle = exchange.GetMarket("BTC-USD").Unwrap().OraclePrice;
        decimal size = account.OpenPositions.TryGetValue("BTC-USD", out var p) ? p.Size.ToDecimal() : 0m;
        Assert.Equal(account.QuoteBalance + size * oracle.ToDecimal(), account.Equity);
    }

    [Fact]
    public void A_driver_behind_its_feed_catches_up_in_bounded_steps_and_can_play_regardless_of_time()
    {
        var options = Synthetic(5);
        var exchange = new SandboxExchange();
        using var driver = new FeedDriver(exchange, new SyntheticFeedSource(new SyntheticFeed(options)));
        var late = options.Start.AddNanos(60 * Timestamp.NanosPerSecond); // a minute of frames is due
        Assert.Equal(100, driver.AdvanceTo(late, maxFrames: 100));
        Assert.True(driver.HasFrameDueBy(late));
        Assert.Equal(100, driver.Stats.Frames);
        long rest = driver.AdvanceTo(late);
        Assert.True(rest > 100);
        Assert.False(driver.HasFrameDueBy(late));
        // Reader-paced playback: the next frames whatever their time; the exchange clock follows them.
        var next = driver.NextFrameAt!.Value;
        Assert.Equal(50, driver.AdvanceBy(50));
        Assert.True(exchange.Now > next);
        Assert.Equal(100 + rest + 50, driver.Stats.Frames);
    }

    [Fact]
    public void The_driver_applies_frames_up_to_the_requested_time_only()
    {
        var options = Synthetic(5);
        var exchange = new SandboxExchange();
        long shift = 3 * Timestamp.NanosPerHour;
        using var driver = new FeedDriver(exchange, new SyntheticFeedSource(new SyntheticFeed(options)), shift);
        Assert.Equal(options.Start.AddNanos(shift), driver.NextFrameAt);
        Assert.Equal(0, driver.AdvanceTo(options.Start)); // recorded time, not yet reached once shifted
        Assert.True(driver.AdvanceTo(options.Start.AddNanos(shift)) >= 3); // connected, markets, book snapshot
        var next = driver.NextFrameAt!.Value;
        Assert.True(next > options.Start.AddNanos(shift));
        Assert.Equal(options.Start.AddNanos(shift), exchange.Now);
        Assert.True(driver.AdvanceTo(next) >= 1);
        Assert.Equal(next, exchange.Now);
    }

    [Fact]
    public void A_recording_file_replays_like_the_generator_it_was_written_from_frame_by_frame_or_in_batches()
    {
        var options = Synthetic(20);
        string path = Path.Combine(Path.GetTempPath(), $"sandbox-feed-{Guid.NewGuid():N}.rec.gz");
        try
        {
            using (var writer = RecordingWriter.Create(path, SyntheticFeed.Metadata(options))) new SyntheticFeed(options).WriteTo(writer);

            var direct = new SandboxExchange();
            using (var driver = new FeedDriver(direct, new SyntheticFeedSource(new SyntheticFeed(options)))) driver.RunToEnd();
            var fromFile = new SandboxExchange();
            using (var driver = new FeedDriver(fromFile, RecordingFeedSource.Open(path))) driver.RunToEnd();
            var batched = new SandboxExchange();
            var applier = new FrameApplier(batched);
            using (var reader = RecordingReader.Open(path))
                foreach (var batch in RecordingBatches.Read(reader, TimeSpan.FromMilliseconds(100), 512)) applier.Apply(batch);

            var expected = direct.GetOrderbook("BTC-USD").Unwrap();
            Assert.NotEmpty(expected.Bids);
            foreach (var other in new[] { fromFile, batched })
            {
                var book = other.GetOrderbook("BTC-USD").Unwrap();
                Assert.Equal(expected.Offset, book.Offset);
                Assert.Equal(expected.Bids, book.Bids);
                Assert.Equal(expected.Asks, book.Asks);
                Assert.Equal(direct.GetTrades("BTC-USD").Unwrap(), other.GetTrades("BTC-USD").Unwrap());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Trade_snapshots_are_history_and_fill_nobody()
    {
        var h = new Harness();
        string alice = h.NewAccount();
        h.PlaceAndProcess(alice, h.Order(Side.Buy, "30000", "1"));
        var applier = new FrameApplier(h.Exchange);
        string snapshot = """{"type":"subscribed","channel":"v3_trades","id":"BTC-USD","connection_id":"c","message_id":1,"contents":{"trades":[{"side":"SELL","size":"5","price":"29000","createdAt":"2022-05-02T00:00:09.000Z","liquidation":false}]}}""";
        applier.Apply(Encoding.UTF8.GetBytes(snapshot), h.Now);
        Assert.Empty(h.Exchange.GetFills(alice).Unwrap());
        string update = snapshot.Replace("subscribed", "channel_data");
        applier.Apply(Encoding.UTF8.GetBytes(update), h.Now);
        Assert.Equal(V3OrderStatus.Filled, h.Exchange.GetOrders(alice, new OrderQuery { Statuses = new HashSet<V3OrderStatus> { V3OrderStatus.Filled } }).Unwrap().Single().Status);
        Assert.Equal((1L, 1L), (applier.Stats.Ignored, applier.Stats.TradeFrames));
    }
}
