using System.Text;
using Engine.Recording;
using Engine.Recording.Synthetic;

namespace Engine.Sandbox.Feed;

/// <summary>Raw v3 WebSocket frames in receive-time order. A frame's bytes are valid only until the next read.</summary>
public interface IFeedSource : IDisposable
{
    bool TryRead(out long receivedNanos, out ReadOnlyMemory<byte> frame);
}

/// <summary>Frames of an engine recording (plain or gzip), through the engine's own <see cref="RecordingReader"/>.</summary>
public sealed class RecordingFeedSource(RecordingReader reader) : IFeedSource
{
    public static RecordingFeedSource Open(string path) => new(RecordingReader.Open(path));

    public RecordingReader Reader => reader;

    public bool TryRead(out long receivedNanos, out ReadOnlyMemory<byte> frame)
    {
        if (reader.TryRead(out var recorded))
        {
            receivedNanos = recorded.ReceivedNanos;
            frame = recorded.Payload;
            return true;
        }
        receivedNanos = 0;
        frame = default;
        return false;
    }

    public void Dispose() => reader.Dispose();
}

/// <summary>Frames of the seeded synthetic v3 generator, generated lazily.</summary>
public sealed class SyntheticFeedSource(SyntheticFeed feed) : IFeedSource
{
    private readonly IEnumerator<(long ReceivedNanos, string Frame)> _frames = feed.Frames().GetEnumerator();

    public bool TryRead(out long receivedNanos, out ReadOnlyMemory<byte> frame)
    {
        if (_frames.MoveNext())
        {
            receivedNanos = _frames.Current.ReceivedNanos;
            frame = Encoding.UTF8.GetBytes(_frames.Current.Frame);
            return true;
        }
        receivedNanos = 0;
        frame = default;
        return false;
    }

    public void Dispose() => _frames.Dispose();
}
