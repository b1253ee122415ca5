namespace Engine.Dydx.Streaming.Books;

public enum BookSyncState
{
    /// <summary>Subscribed (or reconnected) and waiting for the first snapshot.</summary>
    AwaitingSnapshot,
    /// <summary>Snapshot applied and deltas flowing: the book can be used.</summary>
    Live,
    /// <summary>An anomaly asked for a fresh snapshot; the book must not be used until it arrives.</summary>
    Resyncing,
}
