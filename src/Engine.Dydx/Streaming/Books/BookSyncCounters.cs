namespace Engine.Dydx.Streaming.Books;

/// <summary>Counts of everything <see cref="OrderBookSync"/> saw; they survive resyncs (they describe the feed).</summary>
public sealed class BookSyncCounters
{
    public long Snapshots;
    public long RestSnapshots;
    public long Deltas;
    /// <summary>Deltas ignored because no valid snapshot was in place (before it, or during a resync).</summary>
    public long DeltasDiscarded;
    /// <summary>Deltas dropped whole because they are older than the REST snapshot in use.</summary>
    public long DeltasOlderThanSnapshot;
    public long MalformedFrames;
    /// <summary>Deltas whose application crossed the book (repaired by the uncrossing rule).</summary>
    public long Crossings;
    public long CrossedSnapshots;
    public long PersistentCrossings;
    public long MessageGaps;
    public long Stalls;
    public long SnapshotTimeouts;
    public long ConnectionLosses;
    public long ResyncsRequested;
}
