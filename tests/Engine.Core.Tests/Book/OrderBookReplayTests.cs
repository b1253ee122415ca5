using System.Text.Json;
using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Core.Tests.Book;

/// <summary>
/// Replays the real go-dydx BTC-USD capture (1 snapshot with per-level offsets + 1095 deltas, 195 of them out of
/// order) through the book and through <see cref="ReferenceBook"/>. The file is a re-serialisation by go-dydx:
/// delta levels are {"price","size"} objects and snapshot offsets are JSON numbers; both spellings are accepted.
/// </summary>
public sealed class OrderBookReplayTests(ITestOutputHelper output)
{
    private const string CaptureFile = "btc-usd_orderbook_snapshot+1095deltas_2022-05.json";

    [Fact]
    public void Real_capture_replays_to_the_same_uncrossed_book_as_the_reference_model()
    {
        string path = SharedData.Shared("data", "real", "dydx-v3", "go-dydx", CaptureFile);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));

        var model = new ReferenceBook();
        var observer = new RecordingObserver();
        var book = new OrderBook("BTC-USD") { Observer = observer };
        int snapshots = 0, deltas = 0, arrivedOutOfOrder = 0, snapshotTombstones = 0, modelStale = 0;
        long previousOffset = long.MinValue;

        foreach (JsonElement message in document.RootElement.EnumerateArray())
        {
            string type = message.GetProperty("type").GetString()!;
            JsonElement contents = message.GetProperty("contents");
            if (type == "subscribed")
            {
                snapshots++;
                book.Clear();
                model.Clear();
                foreach (var (side, price, size, offset) in Levels(contents, messageOffset: null))
                {
                    if (size.IsZero) snapshotTombstones++;
                    Assert.True(book.Apply(side, price, size, offset));
                    Assert.True(model.Apply(side, price.Units, size.Units, offset));
                }
                Assert.Equal(0, book.Uncross());
                continue;
            }

            Assert.Equal("channel_data", type);
            long messageOffset = ReadOffset(contents.GetProperty("offset"));
            if (messageOffset < previousOffset) arrivedOutOfOrder++;
            previousOffset = messageOffset;
            deltas++;
            foreach (var (side, price, size, offset) in Levels(contents, messageOffset))
            {
                bool applied = model.Apply(side, price.Units, size.Units, offset);
                if (!applied) modelStale++;
                Assert.Equal(applied, book.Apply(side, price, size, offset));
            }
            Assert.Equal(model.Uncross(), book.Uncross());
            BookAssert.Invariants(book);
        }

        Assert.Equal(1, snapshots);
        Assert.Equal(1095, deltas);
        Assert.Equal(195, arrivedOutOfOrder);
        Assert.Equal(72 + 94, snapshotTombstones);
        BookAssert.Matches(model, book);
        BookAssert.ObserverAgrees(observer, book);

        // The doc's observation: no late delta hit a level with a newer stored offset, and nothing crossed.
        Assert.Equal(0, modelStale);
        Assert.Equal(0, book.Counters.StaleUpdatesIgnored);
        Assert.Equal(0, book.Counters.LevelsRemovedByUncross);
        Assert.Equal(0, book.Counters.TombstonesPruned);
        Assert.Equal(8250876692, book.MaxOffset);

        Assert.False(book.IsCrossed);
        Assert.True(book.TryGetBestBid(out Price bid, out Quantity bidSize));
        Assert.True(book.TryGetBestAsk(out Price ask, out Quantity askSize));
        output.WriteLine($"final BTC-USD book: {book.LevelCount(Side.Buy)} bids / {book.LevelCount(Side.Sell)} asks, " +
                         $"best {bidSize} @ {bid} / {askSize} @ {ask}, applied {book.Counters.LevelUpdatesApplied} level updates");
        Assert.True(bid < ask, $"best bid {bid} must be below best ask {ask}");
        Assert.InRange(ask.Units - bid.Units, 1, 100 * FixedPoint.Scale);
        Assert.Equal(Price.Parse("30302"), bid);
        Assert.Equal(Price.Parse("30343"), ask);
        Assert.Equal(52, book.LevelCount(Side.Buy));
        Assert.Equal(48, book.LevelCount(Side.Sell));
    }

    private static IEnumerable<(Side Side, Price Price, Quantity Size, long Offset)> Levels(JsonElement contents, long? messageOffset)
    {
        foreach (var (side, name) in new[] { (Side.Buy, "bids"), (Side.Sell, "asks") })
        {
            foreach (JsonElement level in contents.GetProperty(name).EnumerateArray())
            {
                // The wire sends [price, size] pairs in deltas; this capture stores objects. Accept both.
                string priceText, sizeText;
                long offset;
                if (level.ValueKind == JsonValueKind.Array)
                {
                    priceText = level[0].GetString()!;
                    sizeText = level[1].GetString()!;
                    offset = messageOffset ?? throw new InvalidDataException("snapshot level without offset");
                }
                else
                {
                    priceText = level.GetProperty("price").GetString()!;
                    sizeText = level.GetProperty("size").GetString()!;
                    offset = messageOffset ?? ReadOffset(level.GetProperty("offset"));
                }
                yield return (side, Price.Parse(priceText), Quantity.Parse(sizeText), offset);
            }
        }
    }

    private static long ReadOffset(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? long.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : element.GetInt64();
}
