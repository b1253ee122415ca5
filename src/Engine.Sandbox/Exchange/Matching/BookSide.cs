using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Matching;

/// <summary>One side of a market's book, best price first (bids descending, asks ascending).</summary>
internal sealed class BookSide
{
    private readonly SortedDictionary<long, PriceLevel> _levels;

    public BookSide(Side side)
    {
        Side = side;
        _levels = side == Side.Buy
            ? new SortedDictionary<long, PriceLevel>(Comparer<long>.Create(static (a, b) => b.CompareTo(a)))
            : new SortedDictionary<long, PriceLevel>();
    }

    public Side Side { get; }

    public int Count => _levels.Count;

    /// <summary>Levels best first. Do not add or remove levels while enumerating; take a copy for that.</summary>
    public IEnumerable<PriceLevel> FromBest() => _levels.Values;

    public PriceLevel? Find(Price price) => _levels.GetValueOrDefault(price.Units);

    public PriceLevel GetOrAdd(Price price)
    {
        if (!_levels.TryGetValue(price.Units, out var level))
        {
            level = new PriceLevel(Side, price);
            _levels.Add(price.Units, level);
        }
        return level;
    }

    public void RemoveIfEmpty(PriceLevel level)
    {
        if (level.IsEmpty) _levels.Remove(level.Price.Units);
    }

    /// <summary>Best level holding anything (background or users).</summary>
    public PriceLevel? Best()
    {
        foreach (var level in _levels.Values)
            if (!level.IsEmpty) return level;
        return null;
    }

    /// <summary>Copy of the levels at prices at least as good as <paramref name="limit"/>, best first (safe to modify the side while walking it).</summary>
    public List<PriceLevel> LevelsReaching(Price limit)
    {
        var levels = new List<PriceLevel>();
        foreach (var level in _levels.Values)
        {
            if (!IsAtLeastAsGood(level.Price, limit)) break;
            levels.Add(level);
        }
        return levels;
    }

    /// <summary>User orders resting on this side (the background-only case, by far the commonest, skips every scan).</summary>
    public int RestingOrders { get; private set; }

    /// <summary>Queues a user order at the back of its level.</summary>
    public void AddResting(PriceLevel level, SandboxOrder order)
    {
        level.Orders.Add(order);
        RestingOrders++;
    }

    public void RemoveResting(PriceLevel level, SandboxOrder order)
    {
        if (level.Orders.Remove(order)) RestingOrders--;
    }

    /// <summary>Best level holding user orders, or null.</summary>
    public PriceLevel? BestWithOrders()
    {
        if (RestingOrders == 0) return null;
        foreach (var level in _levels.Values)
            if (level.Orders.Count > 0) return level;
        return null;
    }

    /// <summary>True when <paramref name="price"/> is at least as good as <paramref name="limit"/> for this side (bids: ≥, asks: ≤).</summary>
    public bool IsAtLeastAsGood(Price price, Price limit) => Side == Side.Buy ? price >= limit : price <= limit;
}
