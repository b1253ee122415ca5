using System.Buffers;
using Engine.Core.Primitives;

namespace Engine.Dydx.Streaming;

/// <summary>
/// One WebSocket message exactly as received (all its fragments joined, nothing parsed), with the local receive
/// time and the number of the connection it came on (1 for the first connection, +1 per reconnect). The bytes live
/// in a buffer rented from the shared pool: dispose the frame when done to return it (a frame that is never
/// disposed is only garbage collected). Do not use the payload after disposing.
/// </summary>
public sealed class RawFrame : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private RawFrame(byte[] buffer, int length, Timestamp receivedAt, long connection)
    {
        _buffer = buffer;
        _length = length;
        ReceivedAt = receivedAt;
        Connection = connection;
    }

    /// <summary>Copies <paramref name="payload"/> into a pooled buffer.</summary>
    public static RawFrame Copy(ReadOnlySpan<byte> payload, Timestamp receivedAt, long connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, payload.Length));
        payload.CopyTo(buffer);
        return new RawFrame(buffer, payload.Length, receivedAt, connection);
    }

    public Timestamp ReceivedAt { get; }

    public long Connection { get; }

    public int Length => _length;

    public ReadOnlyMemory<byte> Payload => new(Buffer, 0, _length);

    public ReadOnlySpan<byte> Span => new(Buffer, 0, _length);

    public byte[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        // Interlocked so that a double dispose can never return one buffer to the pool twice.
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(RawFrame), "the frame's buffer was returned to the pool");

    public override string ToString() => $"RawFrame({_length} bytes, connection {Connection}, received {ReceivedAt})";
}
