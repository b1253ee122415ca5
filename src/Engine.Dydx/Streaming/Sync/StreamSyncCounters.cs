namespace Engine.Dydx.Streaming.Sync;

/// <summary>Connection-level counts of <see cref="StreamSynchronizer"/> (per-book and account counts live with them).</summary>
public sealed class StreamSyncCounters
{
    public long Frames;
    public long UnreadableFrames;
    public long ErrorFrames;
    public long MessageGaps;
    public long MessagesMissed;
    /// <summary>message_id not greater than the previous one: a duplicate or a reordering on the connection.</summary>
    public long RepeatedMessageIds;
    public long Connections;
    public long ResyncsRequested;
}
