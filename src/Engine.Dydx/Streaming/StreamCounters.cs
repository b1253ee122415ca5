namespace Engine.Dydx.Streaming;

/// <summary>Running totals of a <see cref="DydxStreamConnection"/>. Safe to read from any thread.</summary>
public sealed class StreamCounters
{
    internal long FramesCount, BytesCount, ConnectsCount, ConnectFailuresCount, DisconnectsCount, IdleTimeoutsCount,
        BackpressureWaitsCount, SubscribesSentCount, UnsubscribesSentCount;

    public long FramesReceived => Interlocked.Read(ref FramesCount);
    public long BytesReceived => Interlocked.Read(ref BytesCount);
    public long Connects => Interlocked.Read(ref ConnectsCount);
    public long ConnectFailures => Interlocked.Read(ref ConnectFailuresCount);
    public long Disconnects => Interlocked.Read(ref DisconnectsCount);
    public long IdleTimeouts => Interlocked.Read(ref IdleTimeoutsCount);

    /// <summary>Times the reader found the frame buffer full and stopped reading the socket until the consumer caught up.</summary>
    public long BackpressureWaits => Interlocked.Read(ref BackpressureWaitsCount);

    public long SubscribesSent => Interlocked.Read(ref SubscribesSentCount);
    public long UnsubscribesSent => Interlocked.Read(ref UnsubscribesSentCount);
}
