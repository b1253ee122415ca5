namespace Engine.Dydx.Streaming.Sync;

/// <summary>Why a stream's state can no longer be trusted (each one is counted and makes the owner resync).</summary>
public enum SyncAnomaly
{
    None,
    /// <summary>message_id skipped on the connection: frames were lost, any channel may have missed an update.</summary>
    MessageGap,
    /// <summary>A fresh snapshot was crossed: the exchange's own book never is, so the snapshot is bad.</summary>
    CrossedSnapshot,
    /// <summary>Deltas keep crossing the book (or one crossing removed many levels): updates are missing, uncrossing only hides it.</summary>
    PersistentCrossing,
    /// <summary>No frame on a live channel for longer than allowed.</summary>
    Stalled,
    /// <summary>A requested snapshot did not arrive in time.</summary>
    SnapshotTimeout,
    /// <summary>A frame could not be applied, so its update is lost.</summary>
    MalformedFrame,
}

/// <summary>How a book is to be refreshed.</summary>
public enum ResyncMode
{
    /// <summary>Unsubscribe and subscribe again: the server sends a fresh snapshot with per-level offsets.</summary>
    Resubscribe,
    /// <summary>Fetch GET /v3/orderbook (usable only when it carries an offset) and merge the buffered deltas.</summary>
    RestSnapshot,
}

/// <summary>What the owner of a stream must do: refresh the subscription (channel, id) because of <see cref="Reason"/>.</summary>
public sealed record ResyncRequest(Feed.Channel Channel, string? Id, SyncAnomaly Reason, ResyncMode Mode);
