namespace Engine.Core.Book;

/// <summary>
/// Running totals kept by an <see cref="OrderBook"/>. Plain mutable fields so the hot path pays nothing;
/// they survive <see cref="OrderBook.Clear"/> because they describe the feed, not the current snapshot.
/// </summary>
public sealed class BookCounters
{
    /// <summary>Level updates rejected because their offset was not newer than the stored one (or the pruning watermark).</summary>
    public long StaleUpdatesIgnored;

    /// <summary>Level updates that passed the offset check (including ones that only stored a tombstone offset).</summary>
    public long LevelUpdatesApplied;

    /// <summary>Calls to <see cref="OrderBook.Uncross"/> that removed at least one level.</summary>
    public long Uncrossings;

    /// <summary>Visible levels removed by <see cref="OrderBook.Uncross"/>.</summary>
    public long LevelsRemovedByUncross;

    /// <summary>Tombstones dropped to keep memory bounded; each one raised that side's pruning watermark.</summary>
    public long TombstonesPruned;
}
