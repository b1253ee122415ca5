using System.Runtime.CompilerServices;

namespace Engine.Core.Book;

/// <summary>
/// Storage for one side of an <see cref="OrderBook"/>, in "key" space where a larger key is a better price
/// (bids: key = price, asks: key = ~price, which reverses the order without overflow). Both arrays are sorted
/// ascending by key, so the best price sits at the END: updates cluster near the top of the book, and inserting
/// or removing there moves only a few elements. Tombstones need no order and live in a hash table.
/// </summary>
internal sealed class BookSide
{
    private LevelSlot[] _levels;
    private int _levelCount;
    private readonly TombstoneTable _tombstones;
    private readonly int _maxTombstones;

    public BookSide(int initialCapacity, int maxTombstones)
    {
        _levels = new LevelSlot[initialCapacity];
        _tombstones = new TombstoneTable(Math.Min(initialCapacity, maxTombstones + 1));
        _maxTombstones = maxTombstones;
        Watermark = long.MinValue;
    }

    /// <summary>Highest offset among pruned tombstones: an unknown price at or below it may be older information.</summary>
    public long Watermark { get; private set; }

    public int LevelCount => _levelCount;

    public int TombstoneCount => _tombstones.Count;

    /// <summary>Visible level by rank, 0 = best.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly LevelSlot LevelAt(int index) => ref _levels[_levelCount - 1 - index];

    public void Clear()
    {
        _levelCount = 0;
        _tombstones.Clear();
        Watermark = long.MinValue;
    }

    /// <summary>
    /// Applies the v3 per-level offset rule. Returns false if stale. On success previousSize is the visible size
    /// before (0 if none) and pruned is the number of tombstones dropped to stay within the bound.
    /// </summary>
    public bool Apply(long key, long size, long offset, out long previousSize, out int pruned)
    {
        previousSize = 0;
        pruned = 0;
        int i = Search(_levels, _levelCount, key);
        if (i >= 0)
        {
            ref LevelSlot level = ref _levels[i];
            if (offset <= level.Offset) return false;
            previousSize = level.Size;
            if (size != 0)
            {
                level.Size = size;
                level.Offset = offset;
                return true;
            }
            RemoveAt(_levels, ref _levelCount, i);
            pruned = AddTombstone(key, offset);
            return true;
        }

        if (_tombstones.TryGet(key, out long removedAt))
        {
            if (offset <= removedAt) return false;
            if (size == 0)
            {
                _tombstones.Set(key, offset);
                return true;
            }
            _tombstones.Remove(key);
            InsertAt(ref _levels, ref _levelCount, ~i, new LevelSlot(key, size, offset));
            return true;
        }

        // Never seen (or pruned): only the watermark can tell that it is older than something we forgot.
        if (offset <= Watermark) return false;
        if (size == 0)
            pruned = AddTombstone(key, offset);
        else
            InsertAt(ref _levels, ref _levelCount, ~i, new LevelSlot(key, size, offset));
        return true;
    }

    /// <summary>Turns the best visible level into a tombstone (keeping its offset); returns the pruned count.</summary>
    public int RemoveBest(out LevelSlot removed)
    {
        removed = _levels[_levelCount - 1];
        _levelCount--;
        return AddTombstone(removed.Key, removed.Offset);
    }

    public bool TryGetOffset(long key, out long offset)
    {
        int i = Search(_levels, _levelCount, key);
        if (i >= 0)
        {
            offset = _levels[i].Offset;
            return true;
        }
        return _tombstones.TryGet(key, out offset);
    }

    public long SizeAt(long key)
    {
        int i = Search(_levels, _levelCount, key);
        return i >= 0 ? _levels[i].Size : 0;
    }

    /// <summary>Sum of visible sizes with key &gt;= limitKey (prices at least as good as the limit).</summary>
    public long DepthFrom(long limitKey)
    {
        long total = 0;
        for (int i = _levelCount - 1; i >= 0 && _levels[i].Key >= limitKey; i--)
            total = checked(total + _levels[i].Size);
        return total;
    }

    private int AddTombstone(long key, long offset)
    {
        _tombstones.Set(key, offset);
        return _tombstones.Count > _maxTombstones ? Prune() : 0;
    }

    /// <summary>
    /// Drops the oldest tombstones down to three quarters of the bound (so pruning is rare, not per update) and
    /// raises the watermark to the newest offset dropped. Ties at the threshold go too: the watermark covers them.
    /// </summary>
    private int Prune()
    {
        int before = _tombstones.Count;
        long threshold = _tombstones.DropOldest(_maxTombstones - _maxTombstones / 4);
        if (threshold > Watermark) Watermark = threshold;
        return before - _tombstones.Count;
    }

    /// <summary>Index of key, or the bitwise complement of its insertion point (like Array.BinarySearch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Search(LevelSlot[] slots, int count, long key)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long k = slots[mid].Key;
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private static void InsertAt(ref LevelSlot[] slots, ref int count, int at, LevelSlot slot)
    {
        if (count == slots.Length) Array.Resize(ref slots, Math.Max(4, slots.Length * 2));
        if (at < count) Array.Copy(slots, at, slots, at + 1, count - at);
        slots[at] = slot;
        count++;
    }

    private static void RemoveAt(LevelSlot[] slots, ref int count, int at)
    {
        count--;
        if (at < count) Array.Copy(slots, at + 1, slots, at, count - at);
    }
}
