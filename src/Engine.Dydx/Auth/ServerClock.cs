using System.Globalization;

namespace Engine.Dydx.Auth;

/// <summary>
/// Local time corrected to the exchange's clock. v3 rejects private requests whose DYDX-TIMESTAMP is more than 30 s
/// from server time, so every signed timestamp (REST and the v3_accounts subscription) comes from here, never from
/// the raw local clock. Offsets come from GET /v3/time samples; the sample with the shortest round trip wins
/// because its midpoint estimate has the smallest error bound (half the round trip). Thread-safe.
/// </summary>
public sealed class ServerClock
{
    private const int MaxSamples = 8;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Queue<ClockSample> _samples = new();
    private ClockSample? _best;

    public ServerClock(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Server time minus local time; zero until the first sample.</summary>
    public TimeSpan Offset { get { lock (_gate) return _best?.Offset ?? TimeSpan.Zero; } }

    /// <summary>True once an offset has been measured (it stays in use after <see cref="MarkStale"/>).</summary>
    public bool HasOffset { get { lock (_gate) return _best is not null; } }

    /// <summary>Round trip of the sample in use: the offset is exact to within half of it.</summary>
    public TimeSpan? RoundTrip { get { lock (_gate) return _best?.RoundTrip; } }

    /// <summary>Local time of the latest sample, or null if the clock was never synchronised.</summary>
    public DateTimeOffset? LastSampleAt { get { lock (_gate) return _samples.Count == 0 ? null : _samples.Last().TakenAt; } }

    public DateTimeOffset UtcNow => _time.GetUtcNow() + Offset;

    /// <summary>"2021-10-17T14:39:29.506Z": the timestamp format v3 signs and validates.</summary>
    public string IsoNow() => FormatIso(UtcNow);

    public static string FormatIso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Records one exchange: local send and receive times around a server timestamp.</summary>
    public void AddSample(DateTimeOffset localSent, DateTimeOffset serverTime, DateTimeOffset localReceived)
    {
        if (localReceived < localSent) throw new ArgumentException("the reply cannot arrive before the request was sent", nameof(localReceived));
        var roundTrip = localReceived - localSent;
        var midpoint = localSent + roundTrip / 2;
        var sample = new ClockSample(serverTime - midpoint, roundTrip, localReceived);
        lock (_gate)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > MaxSamples) _samples.Dequeue();
            // Old samples age out so a drifting local clock is followed, but among the recent ones the most precise wins.
            _best = _samples.MinBy(s => s.RoundTrip);
        }
    }

    /// <summary>
    /// Forgets the samples (after the server said our timestamp was out of its window) so the next request
    /// synchronises first. The current offset stays in use until a new sample replaces it.
    /// </summary>
    public void MarkStale()
    {
        lock (_gate) _samples.Clear();
    }

    /// <summary>True when no sample exists or the newest one is older than <paramref name="maxAge"/>.</summary>
    public bool NeedsSync(TimeSpan maxAge)
    {
        var last = LastSampleAt;
        return last is null || _time.GetUtcNow() - last.Value > maxAge;
    }

    private sealed record ClockSample(TimeSpan Offset, TimeSpan RoundTrip, DateTimeOffset TakenAt);
}
