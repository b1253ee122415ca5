using BenchmarkDotNet.Attributes;
using Engine.Core.Book;
using Engine.Core.Primitives;

namespace Engine.Benchmarks;

/// <summary>
/// Cost of one v3 level update on a warmed BTC-USD-like book (~200 levels per side, tick 1). The stream is
/// precomputed and shaped like the real feed: most updates within a few ticks of the top, about a fifth of them
/// removals, and removed prices come back later. Offsets keep rising across invocations so nothing is stale.
/// </summary>
[MemoryDiagnoser]
public class BookBenchmarks
{
    private const int Updates = 4096;
    private const int LevelsPerMessage = 4;
    private const long Mid = 30_000 * FixedPoint.Scale;
    private const long Tick = FixedPoint.Scale;

    private readonly Side[] _sides = new Side[Updates];
    private readonly Price[] _prices = new Price[Updates];
    private readonly Quantity[] _sizes = new Quantity[Updates];
    private OrderBook _book = null!;
    private long _offset;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Updates; i++)
        {
            Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            // Geometric depth: ~30 % at the touch, rapidly thinner further out, capped at 60 ticks.
            int depth = 0;
            while (depth < 60 && random.NextDouble() > 0.3) depth += 1 + random.Next(2);
            long price = side == Side.Buy ? Mid - (depth + 1) * Tick : Mid + (depth + 1) * Tick;
            if (RepeatsInMessage(i, side, price)) { i--; continue; } // a real message names each level once
            long size = random.Next(5) == 0 ? 0 : random.Next(1, 50_000) * 100_000L; // 0.0001 BTC steps
            _sides[i] = side;
            _prices[i] = new Price(price);
            _sizes[i] = new Quantity(size);
        }

        _book = new OrderBook("BTC-USD");
        for (int level = 1; level <= 200; level++)
        {
            _book.Apply(Side.Buy, new Price(Mid - level * Tick), new Quantity(level * 10_000_000L), ++_offset);
            _book.Apply(Side.Sell, new Price(Mid + level * Tick), new Quantity(level * 10_000_000L), ++_offset);
        }
        // Run the stream a few times so arrays and tombstones reach their steady-state size before measuring.
        for (int i = 0; i < 8; i++) ApplyMessages();
    }

    private bool RepeatsInMessage(int index, Side side, long price)
    {
        for (int j = index - index % LevelsPerMessage; j < index; j++)
        {
            if (_sides[j] == side && _prices[j].Units == price) return true;
        }
        return false;
    }

    /// <summary>Apply only, one offset per level update.</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public int ApplyLevels()
    {
        OrderBook book = _book;
        long offset = _offset;
        int applied = 0;
        for (int i = 0; i < Updates; i++)
        {
            if (book.Apply(_sides[i], _prices[i], _sizes[i], ++offset)) applied++;
        }
        _offset = offset;
        return applied;
    }

    /// <summary>As the feed handler runs it: one offset per message of a few levels, then Uncross.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public int ApplyMessages()
    {
        OrderBook book = _book;
        long offset = _offset;
        int applied = 0;
        for (int i = 0; i < Updates; i += LevelsPerMessage)
        {
            offset++;
            for (int j = i; j < i + LevelsPerMessage; j++)
            {
                if (book.Apply(_sides[j], _prices[j], _sizes[j], offset)) applied++;
            }
            applied -= book.Uncross();
        }
        _offset = offset;
        return applied;
    }
}
