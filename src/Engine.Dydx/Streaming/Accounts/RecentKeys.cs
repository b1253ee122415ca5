namespace Engine.Dydx.Streaming.Accounts;

/// <summary>A set that remembers the last N keys (oldest forgotten first): bounded de-duplication.</summary>
internal sealed class RecentKeys<T>(int capacity) where T : notnull
{
    private readonly HashSet<T> _set = [];
    private readonly Queue<T> _order = new();

    /// <summary>True when the key is new (and now remembered).</summary>
    public bool Add(T key)
    {
        if (!_set.Add(key)) return false;
        _order.Enqueue(key);
        if (_order.Count > capacity) _set.Remove(_order.Dequeue());
        return true;
    }

    public bool Contains(T key) => _set.Contains(key);
}
