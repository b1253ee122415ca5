using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Core.Book;

/// <summary>
/// The size-0 levels of one book side: key → offset of the update that removed the level, in an open-addressing
/// hash table (linear probing, backward-shift deletion). Tombstones are only ever looked up by key, so a sorted
/// array would pay a memmove per insert for nothing; with thousands of tombstones on a drifting market that
/// memmove was the book's main cost. No allocation once grown to the bound.
/// </summary>
internal sealed class TombstoneTable
{
    private long[] _keys;
    private long[] _offsets;
    private bool[] _used;
    private int _mask;
    private long[] _scratch = [];

    public TombstoneTable(int initialCapacity)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity * 2));
        _keys = new long[slots];
        _offsets = new long[slots];
        _used = new bool[slots];
        _mask = slots - 1;
    }

    public int Count { get; private set; }

    public bool TryGet(long key, out long offset)
    {
        int i = Find(key);
        if (i >= 0)
        {
            offset = _offsets[i];
            return true;
        }
        offset = 0;
        return false;
    }

    /// <summary>Inserts the key or replaces its offset.</summary>
    public void Set(long key, long offset)
    {
        if ((Count + 1) * 2 > _keys.Length) Grow();
        int i = Home(key);
        while (_used[i])
        {
            if (_keys[i] == key)
            {
                _offsets[i] = offset;
                return;
            }
            i = (i + 1) & _mask;
        }
        _used[i] = true;
        _keys[i] = key;
        _offsets[i] = offset;
        Count++;
    }

    public bool Remove(long key)
    {
        int i = Find(key);
        if (i < 0) return false;
        // Backward-shift deletion: pull later members of the probe run into the hole so lookups never stop early.
        int hole = i;
        int j = (i + 1) & _mask;
        while (_used[j])
        {
            int home = Home(_keys[j]);
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable)
            {
                _keys[hole] = _keys[j];
                _offsets[hole] = _offsets[j];
                hole = j;
            }
            j = (j + 1) & _mask;
        }
        _used[hole] = false;
        Count--;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_used);
        Count = 0;
    }

    /// <summary>
    /// Keeps the <paramref name="keep"/> newest tombstones (by offset) and returns the newest offset dropped; ties at
    /// that offset go too, so the caller's watermark covers every dropped one.
    /// </summary>
    public long DropOldest(int keep)
    {
        int drop = Count - keep;
        if (drop <= 0) return long.MinValue;
        if (_scratch.Length < 2 * Count) _scratch = new long[2 * _keys.Length];
        var offsets = _scratch.AsSpan(0, Count);
        int n = 0;
        for (int i = 0; i < _used.Length; i++)
            if (_used[i]) offsets[n++] = _offsets[i];
        offsets.Sort();
        long threshold = offsets[drop - 1];

        // Rebuild from the survivors (a rare, amortized pass).
        var keys = _scratch.AsSpan(Count, Count);
        n = 0;
        for (int i = 0; i < _used.Length; i++)
        {
            if (!_used[i] || _offsets[i] <= threshold) continue;
            offsets[n] = _offsets[i];
            keys[n++] = _keys[i];
        }
        Clear();
        for (int i = 0; i < n; i++) Set(keys[i], offsets[i]);
        return threshold;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> (64 - BitOperations.Log2((uint)_keys.Length))) & _mask;

    private int Find(long key)
    {
        int i = Home(key);
        while (_used[i])
        {
            if (_keys[i] == key) return i;
            i = (i + 1) & _mask;
        }
        return -1;
    }

    private void Grow()
    {
        var keys = _keys;
        var offsets = _offsets;
        var used = _used;
        int slots = keys.Length * 2;
        _keys = new long[slots];
        _offsets = new long[slots];
        _used = new bool[slots];
        _mask = slots - 1;
        Count = 0;
        for (int i = 0; i < used.Length; i++)
            if (used[i]) Set(keys[i], offsets[i]);
    }
}
