using Engine.Core.Book;
using Engine.Core.Primitives;

namespace Engine.Simulation.Tests;

/// <summary>Dictionary-backed L2 book for tests; tells its observer about each change like the real book does.</summary>
internal sealed class TestBook : IBookView
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    public IBookObserver? Observer { get; set; }

    public TestBook Set(Side side, string price, string size)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        var p = Price.Parse(price);
        var q = Quantity.Parse(size);
        levels.TryGetValue(p.Units, out long previous);
        if (q.IsZero) levels.Remove(p.Units);
        else levels[p.Units] = q.Units;
        if (previous != q.Units) Observer?.OnLevelChanged(side, p, new Quantity(previous), q);
        return this;
    }

    public TestBook Bid(string price, string size) => Set(Side.Buy, price, size);
    public TestBook Ask(string price, string size) => Set(Side.Sell, price, size);

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        Observer?.OnBookCleared();
    }

    public bool TryGetBestBid(out Price price, out Quantity size) => Top(_bids, out price, out size);
    public bool TryGetBestAsk(out Price price, out Quantity size) => Top(_asks, out price, out size);

    public Quantity SizeAt(Side side, Price price) =>
        new((side == Side.Buy ? _bids : _asks).TryGetValue(price.Units, out long units) ? units : 0);

    public int LevelCount(Side side) => (side == Side.Buy ? _bids : _asks).Count;

    public void GetLevel(Side side, int index, out Price price, out Quantity size)
    {
        var level = (side == Side.Buy ? _bids : _asks).ElementAt(index);
        price = new Price(level.Key);
        size = new Quantity(level.Value);
    }

    private static bool Top(SortedDictionary<long, long> levels, out Price price, out Quantity size)
    {
        foreach (var (p, s) in levels)
        {
            price = new Price(p);
            size = new Quantity(s);
            return true;
        }
        price = default;
        size = default;
        return false;
    }
}
