using System.Text;
using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Recording.Synthetic;
using Xunit;

namespace Engine.Recording.Tests;

public sealed class SyntheticFeedTests
{
    private static readonly SyntheticFeedOptions Short = new() { Seed = 7, Duration = TimeSpan.FromMinutes(3) };

    [Fact]
    public void Same_seed_same_frames_other_seed_other_frames()
    {
        var a = new SyntheticFeed(Short).Frames().ToList();
        var b = new SyntheticFeed(Short).Frames().ToList();
        var c = new SyntheticFeed(Short with { Seed = 8 }).Frames().ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Frames_are_valid_v3_wire_and_keep_a_sane_book()
    {
        var book = new OrderBook("BTC-USD");
        var trades = new List<PublicTrade>();
        var markets = new List<MarketUpdate>();
        long last = long.MinValue, books = 0;
        foreach (var (t, text) in new SyntheticFeed(Short).Frames())
        {
            Assert.True(t >= last, "receive times never go back");
            last = t;
            var frame = Encoding.UTF8.GetBytes(text);
            Assert.True(FrameHeaderReader.TryRead(frame, out var h), text);
            switch (h.Channel)
            {
                case Channel.Orderbook:
                    Assert.NotEqual(BookFrameResult.Malformed, OrderbookCodec.Apply(h, frame, book));
                    Assert.False(book.IsCrossed);
                    Assert.Equal(0, book.Counters.StaleUpdatesIgnored);
                    books++;
                    break;
                case Channel.Trades:
                    Assert.True(TradesCodec.TryRead(h.Contents(frame), trades));
                    break;
                case Channel.Markets:
                    Assert.True(MarketsCodec.TryRead(h.Contents(frame), markets, out _));
                    break;
            }
        }
        Assert.True(books > 1000);
        Assert.NotEmpty(trades);
        Assert.True(markets[0].TryGetRules(out var rules));
        Assert.Equal(Price.Parse("1"), rules.TickSize);
        Assert.True(markets.Count >= 3, "a markets update every minute");
        Assert.All(trades, tr => Assert.True(tr.Size.Units % rules.StepSize.Units == 0));
    }

    [Fact]
    public void Written_recording_is_labelled_synthetic()
    {
        var stream = new MemoryStream();
        var writer = new RecordingWriter(stream, SyntheticFeed.Metadata(Short));
        long n = new SyntheticFeed(Short).WriteTo(writer);
        writer.Dispose();
        using var reader = new RecordingReader(new MemoryStream(stream.ToArray()), "synth");
        Assert.True(reader.IsSynthetic);
        long read = 0;
        while (reader.TryRead(out _)) read++;
        Assert.Equal(n, read);
    }
}
