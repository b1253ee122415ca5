using CsCheck;
using Engine.Core.Book;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Core.Tests.Book;

/// <summary>
/// Random update streams (narrow price range so levels collide, offsets out of order, many zeros) checked against
/// <see cref="ReferenceBook"/>. Streams are far shorter than the tombstone bound, so pruning never runs here.
/// </summary>
public sealed class OrderBookPropertyTests
{
    private const long Tick = FixedPoint.Scale / 2;

    /// <summary>Uncross marks a step where the caller reaches the end of a message.</summary>
    private readonly record struct Step(Side Side, long Price, long Size, long Offset, bool Uncross);

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.Bool,
        Gen.Long[60, 90],
        Gen.OneOf(Gen.Const(0L), Gen.Long[1, 4_000_000_000L]),
        Gen.Long[0, 400],
        Gen.Int[0, 5],
        (buy, tick, size, offset, end) => new Step(buy ? Side.Buy : Side.Sell, tick * Tick, size, offset, end == 0));

    [Fact]
    public void Matches_the_reference_model_after_every_step()
    {
        StepGen.List[0, 200].Sample(steps =>
        {
            var model = new ReferenceBook();
            var observer = new RecordingObserver();
            var book = new OrderBook("TEST-USD", initialCapacity: 2) { Observer = observer };
            long maxOffset = long.MinValue;
            foreach (var step in steps)
            {
                bool expected = model.Apply(step.Side, step.Price, step.Size, step.Offset);
                Assert.Equal(expected, book.Apply(step.Side, new Price(step.Price), new Quantity(step.Size), step.Offset));
                if (expected) maxOffset = Math.Max(maxOffset, step.Offset);
                if (step.Uncross) Assert.Equal(model.Uncross(), book.Uncross());

                BookAssert.Invariants(book);
                BookAssert.Matches(model, book);
                Assert.Equal(model.SizeAt(step.Side, step.Price), book.SizeAt(step.Side, new Price(step.Price)).Units);
                Assert.Equal(model.TryGetOffset(step.Side, step.Price, out long modelOffset),
                    book.TryGetOffset(step.Side, new Price(step.Price), out long bookOffset));
                Assert.Equal(modelOffset, bookOffset);
            }
            Assert.Equal(maxOffset, book.MaxOffset);
            Assert.Equal(0, book.Counters.TombstonesPruned);
            BookAssert.ObserverAgrees(observer, book);
        }, iter: 2000);
    }

    [Fact]
    public void Uncross_always_leaves_an_uncrossed_book_that_matches_the_model()
    {
        StepGen.List[0, 120].Sample(steps =>
        {
            var model = new ReferenceBook();
            var observer = new RecordingObserver();
            var book = new OrderBook("TEST-USD") { Observer = observer };
            foreach (var step in steps)
            {
                model.Apply(step.Side, step.Price, step.Size, step.Offset);
                book.Apply(step.Side, new Price(step.Price), new Quantity(step.Size), step.Offset);
            }

            long removedBefore = book.Counters.LevelsRemovedByUncross;
            int removed = book.Uncross();

            Assert.False(book.IsCrossed);
            Assert.Equal(model.Uncross(), removed);
            Assert.Equal(removed, book.Counters.LevelsRemovedByUncross - removedBefore);
            Assert.Equal(removed > 0 ? 1 : 0, book.Counters.Uncrossings);
            Assert.Equal(0, book.Uncross());
            BookAssert.Invariants(book);
            BookAssert.Matches(model, book);
            BookAssert.ObserverAgrees(observer, book);
        }, iter: 2000);
    }

    [Fact]
    public void Depth_within_matches_a_sum_over_the_model()
    {
        Gen.Select(StepGen.List[0, 100], Gen.Long[55, 95]).Sample((steps, limitTick) =>
        {
            var model = new ReferenceBook();
            var book = new OrderBook("TEST-USD");
            foreach (var step in steps)
            {
                model.Apply(step.Side, step.Price, step.Size, step.Offset);
                book.Apply(step.Side, new Price(step.Price), new Quantity(step.Size), step.Offset);
            }

            long limit = limitTick * Tick;
            long bidDepth = model.Visible(Side.Buy).Where(l => l.Price >= limit).Sum(l => l.Size);
            long askDepth = model.Visible(Side.Sell).Where(l => l.Price <= limit).Sum(l => l.Size);
            Assert.Equal(bidDepth, book.DepthWithin(Side.Buy, new Price(limit)).Units);
            Assert.Equal(askDepth, book.DepthWithin(Side.Sell, new Price(limit)).Units);
        }, iter: 1000);
    }
}
