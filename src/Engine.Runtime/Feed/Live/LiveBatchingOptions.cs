namespace Engine.Runtime.Feed.Live;

/// <summary>
/// How live frames are cut into <see cref="Engine.Recording.FrameBatch"/>es: the same tick interval and batch size
/// as a simulation of a recording, so the downstream graph cannot tell live from recorded.
/// </summary>
public sealed record LiveBatchingOptions
{
    public required TimeSpan TickInterval { get; init; }

    public int MaxFramesPerBatch { get; init; } = 4096;

    /// <summary>How often quiet periods are checked for a due tick; a tick is emitted at most this late.</summary>
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Wall clock of the receive times (the stream connection's clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (TickInterval <= TimeSpan.Zero) throw new ArgumentException("tick interval must be positive");
        if (MaxFramesPerBatch < 1) throw new ArgumentException("max frames per batch must be at least 1");
        if (TimerResolution <= TimeSpan.Zero) throw new ArgumentException("timer resolution must be positive");
    }
}
