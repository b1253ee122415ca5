using Engine.Core.Primitives;

namespace Engine.Recording;

/// <summary>
/// An immutable run of raw frames in one contiguous buffer — the unit the feed pipeline moves (one message per
/// batch instead of per frame). <see cref="TickAt"/>, when set, says the clock reaches that time once these
/// frames are applied: the simulation's strategy clock is driven by it.
/// </summary>
public sealed class FrameBatch
{
    private readonly byte[] _data;
    private readonly int[] _starts;
    private readonly long[] _receivedNanos;

    internal FrameBatch(byte[] data, int[] starts, long[] receivedNanos, int count, Timestamp? tickAt, long sequence)
    {
        _data = data;
        _starts = starts;
        _receivedNanos = receivedNanos;
        Count = count;
        TickAt = tickAt;
        Sequence = sequence;
    }

    public static FrameBatch Empty(Timestamp? tickAt, long sequence) => new([], [0], [], 0, tickAt, sequence);

    public int Count { get; }
    public Timestamp? TickAt { get; }

    /// <summary>Position of this batch in its feed (0, 1, 2, ...), for acknowledgements and ordering checks.</summary>
    public long Sequence { get; }

    public ReadOnlySpan<byte> Frame(int index) => _data.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);
    public Timestamp ReceivedAt(int index) => new(_receivedNanos[index]);
    public int TotalBytes => Count == 0 ? 0 : _starts[Count];
}
