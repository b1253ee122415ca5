namespace Engine.Dydx.Streaming;

/// <summary>
/// Spaces subscribe messages so that at most N go out per second per throttle key; exceeding the server's limit gets
/// the connection closed. Not thread-safe: the connection calls it under its send lock.
/// </summary>
internal sealed class SubscribeThrottle(int perSecond, TimeProvider time)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, Queue<long>> _sent = new(StringComparer.Ordinal);

    /// <summary>How long to wait before the next subscribe for <paramref name="key"/> may go out.</summary>
    public TimeSpan WaitFor(string key)
    {
        if (!_sent.TryGetValue(key, out var times) || times.Count < perSecond) return TimeSpan.Zero;
        var age = time.GetElapsedTime(times.Peek());
        return age >= Second ? TimeSpan.Zero : Second - age;
    }

    public void Record(string key)
    {
        if (!_sent.TryGetValue(key, out var times)) _sent[key] = times = new Queue<long>();
        times.Enqueue(time.GetTimestamp());
        while (times.Count > perSecond) times.Dequeue();
    }
}
