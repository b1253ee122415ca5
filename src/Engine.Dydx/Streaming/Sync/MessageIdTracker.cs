namespace Engine.Dydx.Streaming.Sync;

public enum MessageIdStatus { InOrder, Gap, Repeated }

/// <summary>Result of one message id: <see cref="Missing"/> is how many ids a gap skipped.</summary>
public readonly record struct MessageIdCheck(MessageIdStatus Status, long Missing);

/// <summary>
/// v3 numbers every message of a connection 0, 1, 2, ... (all channels together). A skipped number means a frame
/// was lost somewhere between the server and us. The first id seen after <see cref="Reset"/> is the baseline, so
/// a capture that starts mid-connection is fine.
/// </summary>
public sealed class MessageIdTracker
{
    private long _last = -1;

    public long Last => _last;

    public MessageIdCheck Observe(long messageId)
    {
        if (messageId < 0) throw new ArgumentOutOfRangeException(nameof(messageId));
        if (_last < 0 || messageId == _last + 1)
        {
            _last = messageId;
            return new MessageIdCheck(MessageIdStatus.InOrder, 0);
        }
        if (messageId <= _last) return new MessageIdCheck(MessageIdStatus.Repeated, 0);
        long missing = messageId - _last - 1;
        _last = messageId;
        return new MessageIdCheck(MessageIdStatus.Gap, missing);
    }

    public void Reset() => _last = -1;
}
