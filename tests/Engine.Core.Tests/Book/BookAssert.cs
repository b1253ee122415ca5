using Engine.Core.Book;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Core.Tests.Book;

/// <summary>Structural invariants of an <see cref="OrderBook"/> and level-by-level comparison with the reference model.</summary>
internal static class BookAssert
{
    public static void Invariants(OrderBook book)
    {
        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            int count = book.LevelCount(side);
            long previous = 0;
            for (int i = 0; i < count; i++)
            {
                book.GetLevel(side, i, out Price price, out Quantity size);
                Assert.True(size.Units > 0, $"{side} level {i} at {price} has size {size}");
                if (i > 0)
                {
                    bool ordered = side == Side.Buy ? price.Units < previous : price.Units > previous;
                    Assert.True(ordered, $"{side} level {i} at {price} is out of order after {new Price(previous)}");
                }
                previous = price.Units;
                Assert.Equal(size, book.SizeAt(side, price));
            }

            bool hasBest = side == Side.Buy
                ? book.TryGetBestBid(out Price bestPrice, out Quantity bestSize)
                : book.TryGetBestAsk(out bestPrice, out bestSize);
            Assert.Equal(count > 0, hasBest);
            if (count > 0)
            {
                book.GetLevel(side, 0, out Price topPrice, out Quantity topSize);
                Assert.Equal(topPrice, bestPrice);
                Assert.Equal(topSize, bestSize);
            }
        }
    }

    public static void Matches(ReferenceBook model, OrderBook book)
    {
        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            var expected = model.Visible(side);
            Assert.Equal(expected.Count, book.LevelCount(side));
            for (int i = 0; i < expected.Count; i++)
            {
                book.GetLevel(side, i, out Price price, out Quantity size);
                Assert.Equal(expected[i], (price.Units, size.Units));
            }
        }
    }

    public static void ObserverAgrees(RecordingObserver observer, OrderBook book)
    {
        Assert.Null(observer.Inconsistency);
        int visible = book.LevelCount(Side.Buy) + book.LevelCount(Side.Sell);
        Assert.Equal(visible, observer.Rebuilt.Count);
        foreach (var ((side, price), size) in observer.Rebuilt)
            Assert.Equal(size, book.SizeAt(side, new Price(price)).Units);
    }
}
