using Engine.Dydx.Streaming.Sync;

namespace Engine.Dydx.Streaming.Books;

/// <summary>Thresholds of <see cref="OrderBookSync"/>.</summary>
public sealed record BookSyncOptions
{
    /// <summary>A live book with no frame for this long is stalled (a liquid v3 market updates many times a second).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A requested snapshot that has not arrived after this long is requested again.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Out-of-order deltas legitimately cross the book now and then (the uncrossing rule repairs that); this many
    /// crossings within <see cref="CrossingWindow"/> mean updates are missing instead.
    /// </summary>
    public int MaxCrossingsPerWindow { get; init; } = 5;

    public TimeSpan CrossingWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>One crossing that removes more levels than this is not a late message but a broken book.</summary>
    public int MaxLevelsRemovedPerCrossing { get; init; } = 4;

    public ResyncMode Mode { get; init; } = ResyncMode.Resubscribe;

    /// <summary>Deltas kept while a REST snapshot is fetched; beyond it the REST path gives up and resubscribes.</summary>
    public int MaxBufferedDeltas { get; init; } = 10_000;

    public void Validate()
    {
        if (StaleAfter <= TimeSpan.Zero || SnapshotTimeout <= TimeSpan.Zero || CrossingWindow <= TimeSpan.Zero)
            throw new ArgumentException("book sync times must be positive");
        if (MaxCrossingsPerWindow < 1 || MaxLevelsRemovedPerCrossing < 1 || MaxBufferedDeltas < 1)
            throw new ArgumentException("book sync limits must be at least 1");
    }
}
