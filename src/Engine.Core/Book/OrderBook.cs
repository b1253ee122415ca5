using System.Runtime.CompilerServices;
using Engine.Core.Primitives;

namespace Engine.Core.Book;

/// <summary>
/// L2 book with dYdX v3 per-level offset semantics (api doc §2.4): every (side, price) remembers the offset of the
/// message that last set it, an update applies only if strictly newer, and a size of 0 leaves a tombstone that
/// keeps its offset so a late, older update cannot resurrect the level. Pure and single-threaded; no allocation
/// on the update path once the arrays have grown to the working size.
/// </summary>
public sealed class OrderBook : IBookView
{
    public const int DefaultMaxTombstonesPerSide = 4096;

    private readonly BookSide _bids;
    private readonly BookSide _asks;

    /// <param name="market">Market id, e.g. "BTC-USD".</param>
    /// <param name="initialCapacity">Initial visible-level capacity per side; arrays double when exceeded.</param>
    /// <param name="maxTombstonesPerSide">Bound on remembered size-0 levels per side; older ones are pruned beyond it.</param>
    public OrderBook(string market, int initialCapacity = 256, int maxTombstonesPerSide = DefaultMaxTombstonesPerSide)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTombstonesPerSide);
        Market = market;
        _bids = new BookSide(initialCapacity, maxTombstonesPerSide);
        _asks = new BookSide(initialCapacity, maxTombstonesPerSide);
        MaxOffset = long.MinValue;
    }

    public string Market { get; }

    public IBookObserver? Observer { get; set; }

    public BookCounters Counters { get; } = new();

    /// <summary>Highest offset applied since construction or the last <see cref="Clear"/>; long.MinValue if none.</summary>
    public long MaxOffset { get; private set; }

    public bool IsCrossed =>
        _bids.LevelCount > 0 && _asks.LevelCount > 0 && _bids.LevelAt(0).Key >= ~_asks.LevelAt(0).Key;

    /// <summary>Forgets all levels, tombstones, watermarks and MaxOffset (before loading a snapshot). Counters are kept.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        MaxOffset = long.MinValue;
        Observer?.OnBookCleared();
    }

    /// <summary>
    /// Sets the ABSOLUTE size at a price (0 removes it) if offset is newer than what is stored for that price.
    /// Returns false (and counts it) for a stale update. The caller runs <see cref="Uncross"/> after a whole message.
    /// </summary>
    public bool Apply(Side side, Price price, Quantity size, long offset)
    {
        if (size.Units < 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "A book level size cannot be negative.");

        BookSide book = side == Side.Buy ? _bids : _asks;
        if (!book.Apply(KeyOf(side, price.Units), size.Units, offset, out long previous, out int pruned))
        {
            Counters.StaleUpdatesIgnored++;
            return false;
        }

        Counters.LevelUpdatesApplied++;
        Counters.TombstonesPruned += pruned;
        if (offset > MaxOffset) MaxOffset = offset;
        if (previous != size.Units) Observer?.OnLevelChanged(side, price, new Quantity(previous), size);
        return true;
    }

    /// <summary>
    /// The v3 uncrossing rule: while the best bid is at or above the best ask, drop whichever of the two carries the
    /// older offset (both on a tie), keeping its offset as a tombstone. Returns the number of levels removed.
    /// </summary>
    public int Uncross()
    {
        int removed = 0;
        while (IsCrossed)
        {
            long bidOffset = _bids.LevelAt(0).Offset;
            long askOffset = _asks.LevelAt(0).Offset;
            if (bidOffset <= askOffset) { RemoveBest(Side.Buy, _bids); removed++; }
            if (askOffset <= bidOffset) { RemoveBest(Side.Sell, _asks); removed++; }
        }
        if (removed > 0)
        {
            Counters.Uncrossings++;
            Counters.LevelsRemovedByUncross += removed;
        }
        return removed;
    }

    /// <summary>Stored offset for a price: visible levels and tombstones (not prices forgotten by pruning).</summary>
    public bool TryGetOffset(Side side, Price price, out long offset) =>
        SideOf(side).TryGetOffset(KeyOf(side, price.Units), out offset);

    public bool TryGetBestBid(out Price price, out Quantity size) => TryGetBest(Side.Buy, _bids, out price, out size);

    public bool TryGetBestAsk(out Price price, out Quantity size) => TryGetBest(Side.Sell, _asks, out price, out size);

    public Quantity SizeAt(Side side, Price price) => new(SideOf(side).SizeAt(KeyOf(side, price.Units)));

    public int LevelCount(Side side) => SideOf(side).LevelCount;

    public void GetLevel(Side side, int index, out Price price, out Quantity size)
    {
        BookSide book = SideOf(side);
        if ((uint)index >= (uint)book.LevelCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{side} side has {book.LevelCount} levels.");
        ref readonly LevelSlot level = ref book.LevelAt(index);
        price = new Price(KeyOf(side, level.Key));
        size = new Quantity(level.Size);
    }

    /// <summary>Total visible size at prices at least as good as limit (bids ≥ limit, asks ≤ limit).</summary>
    public Quantity DepthWithin(Side side, Price limit) => new(SideOf(side).DepthFrom(KeyOf(side, limit.Units)));

    private void RemoveBest(Side side, BookSide book)
    {
        Counters.TombstonesPruned += book.RemoveBest(out LevelSlot removed);
        Observer?.OnLevelChanged(side, new Price(KeyOf(side, removed.Key)), new Quantity(removed.Size), Quantity.Zero);
    }

    private static bool TryGetBest(Side side, BookSide book, out Price price, out Quantity size)
    {
        if (book.LevelCount == 0)
        {
            price = default;
            size = default;
            return false;
        }
        ref readonly LevelSlot level = ref book.LevelAt(0);
        price = new Price(KeyOf(side, level.Key));
        size = new Quantity(level.Size);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookSide SideOf(Side side) => side == Side.Buy ? _bids : _asks;

    /// <summary>Maps a price to a key where larger is better; the mapping is its own inverse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long KeyOf(Side side, long priceOrKey) => side == Side.Buy ? priceOrKey : ~priceOrKey;
}
