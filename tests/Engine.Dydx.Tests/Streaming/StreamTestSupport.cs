using System.Collections.Concurrent;
using System.Text;
using Engine.Dydx.Streaming;

namespace Engine.Dydx.Tests.Streaming;

internal static class StreamTestSupport
{
    /// <summary>Options for fast tests: short back-off, no keep-alive unless a test wants it.</summary>
    public static DydxStreamOptions Options(Uri uri) => new()
    {
        Uri = uri,
        KeepAliveInterval = TimeSpan.Zero,
        KeepAliveTimeout = TimeSpan.Zero,
        ReconnectBackoff = new Engine.Dydx.Resilience.BackoffPolicy { Initial = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromMilliseconds(800) },
        SubscribesPerSecond = 100,
    };

    public static async Task<RawFrame> NextFrameAsync(this DydxStreamConnection connection, TimeSpan? timeout = null) =>
        await connection.Frames.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(5));

    public static async Task<string> NextTextAsync(this DydxStreamConnection connection)
    {
        using var frame = await connection.NextFrameAsync();
        return Encoding.UTF8.GetString(frame.Span);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>Collects the connection's state events.</summary>
    public static ConcurrentQueue<StreamConnectionEvent> RecordEvents(this DydxStreamConnection connection)
    {
        var events = new ConcurrentQueue<StreamConnectionEvent>();
        connection.StateChanged += events.Enqueue;
        return events;
    }

    public static string Connected(int messageId = 0) =>
        $$"""{"type":"connected","connection_id":"00000000-0000-5000-8000-000000000001","message_id":{{messageId}}}""";
}
