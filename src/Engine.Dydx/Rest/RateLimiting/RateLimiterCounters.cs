namespace Engine.Dydx.Rest.RateLimiting;

/// <summary>What the limiter did, for metrics and tests. Read while the limiter runs: values are a consistent-enough snapshot.</summary>
public sealed class RateLimiterCounters
{
    internal long AcquiredCount, WaitedCount, WaitTicks, ServerAdjustmentCount, RejectionCount;

    /// <summary>Requests let through.</summary>
    public long Acquired => Interlocked.Read(ref AcquiredCount);

    /// <summary>Requests that had to wait (for capacity, or behind earlier requests of the same pool).</summary>
    public long Waited => Interlocked.Read(ref WaitedCount);

    public TimeSpan TotalWait => TimeSpan.FromTicks(Interlocked.Read(ref WaitTicks));

    /// <summary>Times a RateLimit-* header tightened a pool (the server counted more than we did).</summary>
    public long ServerAdjustments => Interlocked.Read(ref ServerAdjustmentCount);

    /// <summary>429 answers seen despite the limiter.</summary>
    public long Rejections => Interlocked.Read(ref RejectionCount);
}
