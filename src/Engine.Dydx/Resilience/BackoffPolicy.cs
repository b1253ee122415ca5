namespace Engine.Dydx.Resilience;

/// <summary>
/// Bounded exponential back-off with jitter: attempt n (0-based) waits a random time in
/// [(1 - Jitter) × c, c] where c = min(Max, Initial × Multiplier^n). Jitter spreads the retries of many clients
/// (or many markets of one client) so they do not hit the exchange in lock-step after an outage.
/// </summary>
public sealed record BackoffPolicy
{
    public static readonly BackoffPolicy RestDefault = new() { Initial = TimeSpan.FromMilliseconds(200), Max = TimeSpan.FromSeconds(5) };
    public static readonly BackoffPolicy ReconnectDefault = new() { Initial = TimeSpan.FromMilliseconds(500), Max = TimeSpan.FromSeconds(30) };

    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(5);
    public double Multiplier { get; init; } = 2.0;

    /// <summary>Fraction of the delay that is random, 0 (none) to 1 ("full jitter").</summary>
    public double Jitter { get; init; } = 0.5;

    /// <summary>The ceiling of attempt <paramref name="attempt"/> before jitter.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double ms = Initial.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(attempt, 62));
        return double.IsFinite(ms) && ms < Max.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : Max;
    }

    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random01">A uniform random number in [0, 1).</param>
    public TimeSpan Delay(int attempt, double random01)
    {
        if (random01 is < 0 or >= 1 || double.IsNaN(random01)) throw new ArgumentOutOfRangeException(nameof(random01));
        var ceiling = Ceiling(attempt);
        double jitter = Math.Clamp(Jitter, 0, 1);
        return TimeSpan.FromMilliseconds(ceiling.TotalMilliseconds * (1 - jitter * random01));
    }

    public void Validate(string owner)
    {
        if (Initial <= TimeSpan.Zero) throw new ArgumentException($"{owner}: back-off initial delay must be positive");
        if (Max < Initial) throw new ArgumentException($"{owner}: back-off maximum must be at least the initial delay");
        if (Multiplier < 1) throw new ArgumentException($"{owner}: back-off multiplier must be at least 1");
        if (Jitter is < 0 or > 1) throw new ArgumentException($"{owner}: back-off jitter must be between 0 and 1");
    }
}
