namespace Engine.Sandbox.Server;

/// <summary>How the sandbox plays its background feed.</summary>
public enum FeedPlayback
{
    /// <summary>Each frame acts at its (shifted) receive time on the exchange clock, which runs at the configured speed.</summary>
    Clock,

    /// <summary>
    /// Frames are applied as fast as the exchange can while every WebSocket subscriber's send queue is at most half
    /// full, and not at all before the first subscription: throughput runs and soak tests, where the readers set the
    /// pace instead of being disconnected as slow. The exchange clock follows the frames' times.
    /// </summary>
    ReaderPaced,
}
