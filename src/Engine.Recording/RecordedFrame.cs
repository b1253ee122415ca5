namespace Engine.Recording;

/// <summary>
/// One raw WebSocket frame from a recording. <see cref="Payload"/> points into the reader's buffer and is valid
/// only until the next read; copy it to keep it.
/// </summary>
public readonly record struct RecordedFrame(long ReceivedNanos, string ConnectionId, ReadOnlyMemory<byte> Payload, long Line);
