using Engine.Core.Primitives;
using Engine.Sandbox.Exchange;

namespace Engine.Sandbox.Feed;

/// <summary>
/// Replays a feed source into the exchange in receive-time order, up to a time the caller chooses (so a server can
/// keep the background flow in step with its clock) or to the end. Recorded times are shifted by
/// <paramref name="timeShiftNanos"/>, e.g. to replay a 2022 recording "now".
/// </summary>
public sealed class FeedDriver(SandboxExchange exchange, IFeedSource source, long timeShiftNanos = 0) : IDisposable
{
    private readonly FrameApplier _applier = new(exchange, timeShiftNanos);
    private byte[] _held = [];
    private int _heldLength;
    private long _heldNanos;
    private bool _holding;
    private bool _ended;

    public FeedStats Stats => _applier.Stats;

    /// <summary>Exchange time of the next frame not yet applied; null when the source is exhausted.</summary>
    public Timestamp? NextFrameAt => Peek() ? new Timestamp(_heldNanos).AddNanos(timeShiftNanos) : null;

    public bool Completed => !Peek();

    /// <summary>
    /// Applies the frames whose (shifted) receive time is at or before <paramref name="until"/>, at most
    /// <paramref name="maxFrames"/> of them (so a caller that fell behind can interleave other work); returns how many.
    /// </summary>
    public long AdvanceTo(Timestamp until, long maxFrames = long.MaxValue)
    {
        long applied = 0;
        while (applied < maxFrames && Peek() && _heldNanos + timeShiftNanos <= until.Nanos)
        {
            _holding = false;
            _applier.Apply(_held.AsSpan(0, _heldLength), new Timestamp(_heldNanos));
            applied++;
        }
        return applied;
    }

    /// <summary>True when a frame is due at or before <paramref name="at"/> (the caller is behind the feed).</summary>
    public bool HasFrameDueBy(Timestamp at) => Peek() && _heldNanos + timeShiftNanos <= at.Nanos;

    /// <summary>Applies the next <paramref name="frames"/> frames whatever their time (reader-paced playback); returns how many.</summary>
    public long AdvanceBy(long frames) => AdvanceTo(new Timestamp(long.MaxValue), frames);

    /// <summary>Applies everything left; returns how many frames.</summary>
    public long RunToEnd() => AdvanceTo(new Timestamp(long.MaxValue));

    public void Dispose() => source.Dispose();

    /// <summary>Holds the next frame (copied: the source's buffer is reused on the next read).</summary>
    private bool Peek()
    {
        if (_holding) return true;
        if (_ended || !source.TryRead(out long nanos, out var frame))
        {
            _ended = true;
            return false;
        }
        if (_held.Length < frame.Length) _held = new byte[Math.Max(frame.Length, _held.Length * 2)];
        frame.Span.CopyTo(_held);
        _heldLength = frame.Length;
        _heldNanos = nanos;
        _holding = true;
        return true;
    }
}
