using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Visible liquidity of one recorded book side that our simulated orders already took. The recording never shows our
/// executions, so without this the same level could fill us again on every later message. An entry shrinks when the
/// recorded level shrinks below it (the drop is taken to be the part we consumed) and vanishes with the level.
/// </summary>
internal sealed class ConsumedLiquidity
{
    private readonly Dictionary<long, long> _byPrice = new();

    public int Count => _byPrice.Count;

    public long Get(Price price) => _byPrice.Count != 0 && _byPrice.TryGetValue(price.Units, out long units) ? units : 0L;

    /// <summary>What is still available at a level showing <paramref name="visible"/>.</summary>
    public long Available(Price price, Quantity visible) => Math.Max(visible.Units - Get(price), 0L);

    public void Add(Price price, long units)
    {
        if (units <= 0) return;
        _byPrice[price.Units] = checked(Get(price) + units);
    }

    public void OnLevelChanged(Price price, Quantity newSize)
    {
        if (_byPrice.Count == 0 || !_byPrice.TryGetValue(price.Units, out long units)) return;
        long kept = Math.Min(units, newSize.Units);
        if (kept <= 0) _byPrice.Remove(price.Units);
        else _byPrice[price.Units] = kept;
    }

    public void Clear() => _byPrice.Clear();
}
