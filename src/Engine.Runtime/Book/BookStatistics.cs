using Engine.Core.Book;

namespace Engine.Runtime.Book;

/// <summary>What the book actor has seen: frames, snapshots, and everything it refused or repaired.</summary>
public sealed class BookStatistics
{
    public long Frames { get; set; }
    public long Snapshots { get; set; }
    public long MalformedFrames { get; set; }
    public long DeltasSkippedAwaitingSnapshot { get; set; }
    /// <summary>Live: times the book was dropped because the stream lost sync, until a fresh snapshot.</summary>
    public long Resyncs { get; set; }
    public long StaleLevelUpdates { get; private set; }
    public long Uncrossings { get; private set; }
    public long LevelsRemovedByUncross { get; private set; }

    internal BookStatistics With(OrderBook book) => new()
    {
        Frames = Frames,
        Snapshots = Snapshots,
        MalformedFrames = MalformedFrames,
        DeltasSkippedAwaitingSnapshot = DeltasSkippedAwaitingSnapshot,
        Resyncs = Resyncs,
        StaleLevelUpdates = book.Counters.StaleUpdatesIgnored,
        Uncrossings = book.Counters.Uncrossings,
        LevelsRemovedByUncross = book.Counters.LevelsRemovedByUncross,
    };
}
