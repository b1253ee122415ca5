using System.Collections.Immutable;
using Engine.Core.Book;
using Engine.Core.Primitives;

namespace Engine.Runtime.Book;

/// <summary>
/// An immutable copy of the top of a book: what the strategy sees (conflated state, not every delta). Taken at
/// the strategy's tick, so it costs one copy per tick rather than one message per delta.
/// </summary>
public sealed class BookSnapshot : IBookView
{
    private readonly ImmutableArray<(Price Price, Quantity Size)> _bids;
    private readonly ImmutableArray<(Price Price, Quantity Size)> _asks;

    public BookSnapshot(string market, Timestamp time, ImmutableArray<(Price, Quantity)> bids, ImmutableArray<(Price, Quantity)> asks)
    {
        Market = market;
        Time = time;
        _bids = bids;
        _asks = asks;
    }

    public string Market { get; }
    public Timestamp Time { get; }

    public static BookSnapshot Capture(IBookView book, string market, Timestamp time, int depth)
    {
        return new BookSnapshot(market, time, Side(book, Engine.Core.Primitives.Side.Buy, depth), Side(book, Engine.Core.Primitives.Side.Sell, depth));

        static ImmutableArray<(Price, Quantity)> Side(IBookView book, Side side, int depth)
        {
            int n = Math.Min(depth, book.LevelCount(side));
            var builder = ImmutableArray.CreateBuilder<(Price, Quantity)>(n);
            for (int i = 0; i < n; i++)
            {
                book.GetLevel(side, i, out var p, out var s);
                builder.Add((p, s));
            }
            return builder.MoveToImmutable();
        }
    }

    public bool TryGetBestBid(out Price price, out Quantity size) => TryTop(_bids, out price, out size);
    public bool TryGetBestAsk(out Price price, out Quantity size) => TryTop(_asks, out price, out size);

    public Quantity SizeAt(Side side, Price price)
    {
        foreach (var (p, s) in side == Engine.Core.Primitives.Side.Buy ? _bids : _asks)
            if (p == price) return s;
        return Quantity.Zero;
    }

    public int LevelCount(Side side) => side == Engine.Core.Primitives.Side.Buy ? _bids.Length : _asks.Length;

    public void GetLevel(Side side, int index, out Price price, out Quantity size) =>
        (price, size) = side == Engine.Core.Primitives.Side.Buy ? _bids[index] : _asks[index];

    private static bool TryTop(ImmutableArray<(Price Price, Quantity Size)> levels, out Price price, out Quantity size)
    {
        if (levels.IsEmpty) { price = default; size = default; return false; }
        (price, size) = levels[0];
        return true;
    }
}
