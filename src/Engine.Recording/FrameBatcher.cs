using Engine.Core.Primitives;

namespace Engine.Recording;

/// <summary>
/// Groups frames into <see cref="FrameBatch"/>es and cuts them at clock ticks (every <c>tickInterval</c> of
/// receive time, aligned to multiples of the interval since the epoch). A batch marked with TickAt = T holds
/// only frames received at or before T, so a consumer that acts at each tick sees exactly the frames a live
/// engine would have seen by then. Quiet periods still produce (empty) tick batches, capped per gap so a
/// recording with a day-long hole does not turn into millions of empty batches.
/// </summary>
public sealed class FrameBatcher
{
    private readonly long _interval;
    private readonly int _maxFrames;
    private readonly int _maxGapTicks;
    private byte[] _data = new byte[1 << 14];
    private int[] _starts = new int[65];
    private long[] _nanos = new long[64];
    private int _count;
    private int _bytes;
    private long _nextTick = long.MinValue;
    private long _sequence;

    public FrameBatcher(TimeSpan tickInterval, int maxFrames = 4096, int maxGapTicks = 3600)
    {
        if (tickInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(tickInterval), "tick interval must be positive");
        if (maxFrames < 1) throw new ArgumentOutOfRangeException(nameof(maxFrames));
        _interval = tickInterval.Ticks * 100L;
        _maxFrames = maxFrames;
        _maxGapTicks = Math.Max(1, maxGapTicks);
    }

    /// <summary>Adds one frame; completed batches go to <paramref name="output"/> in order.</summary>
    public void Add(long receivedNanos, ReadOnlySpan<byte> frame, List<FrameBatch> output)
    {
        if (_nextTick == long.MinValue) _nextTick = CeilToInterval(receivedNanos);
        int emptyTicks = 0;
        while (receivedNanos > _nextTick)
        {
            if (_count == 0 && ++emptyTicks > _maxGapTicks)
            {
                _nextTick = CeilToInterval(receivedNanos);
                break;
            }
            output.Add(Cut(new Timestamp(_nextTick)));
            _nextTick += _interval;
        }
        Append(receivedNanos, frame);
        if (_count >= _maxFrames) output.Add(Cut(null));
    }

    /// <summary>Ends the feed: the remaining frames and one last tick.</summary>
    public void Complete(List<FrameBatch> output)
    {
        if (_nextTick == long.MinValue) return;
        output.Add(Cut(new Timestamp(_nextTick)));
        _nextTick += _interval;
    }

    private long CeilToInterval(long nanos)
    {
        long r = nanos % _interval;
        if (r < 0) r += _interval;
        return r == 0 ? nanos : nanos - r + _interval;
    }

    private void Append(long nanos, ReadOnlySpan<byte> frame)
    {
        if (_bytes + frame.Length > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _bytes + frame.Length));
        if (_count == _nanos.Length)
        {
            Array.Resize(ref _nanos, _nanos.Length * 2);
            Array.Resize(ref _starts, _nanos.Length + 1);
        }
        frame.CopyTo(_data.AsSpan(_bytes));
        _starts[_count] = _bytes;
        _nanos[_count] = nanos;
        _bytes += frame.Length;
        _count++;
        _starts[_count] = _bytes;
    }

    private FrameBatch Cut(Timestamp? tickAt)
    {
        var batch = _count == 0
            ? FrameBatch.Empty(tickAt, _sequence)
            : new FrameBatch(_data.AsSpan(0, _bytes).ToArray(), _starts.AsSpan(0, _count + 1).ToArray(), _nanos.AsSpan(0, _count).ToArray(), _count, tickAt, _sequence);
        _sequence++;
        _count = 0;
        _bytes = 0;
        _starts[0] = 0;
        return batch;
    }
}
