namespace Engine.Core.Primitives;

/// <summary>Nanoseconds since the Unix epoch, UTC. Recording and simulation clocks use it; never wall-clock reads in the core.</summary>
public readonly record struct Timestamp(long Nanos) : IComparable<Timestamp>
{
    public const long NanosPerMillisecond = 1_000_000L;
    public const long NanosPerSecond = 1_000_000_000L;
    public const long NanosPerHour = 3_600L * NanosPerSecond;

    public static Timestamp FromDateTimeOffset(DateTimeOffset time) =>
        new((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100L);

    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.UnixEpoch.AddTicks(Nanos / 100L);

    public Timestamp AddSeconds(double seconds) => new(Nanos + (long)(seconds * NanosPerSecond));
    public Timestamp AddNanos(long nanos) => new(Nanos + nanos);

    /// <summary>ISO-8601 with milliseconds and Z, as dYdX writes timestamps.</summary>
    public string ToIso() => ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public int CompareTo(Timestamp other) => Nanos.CompareTo(other.Nanos);
    public static bool operator <(Timestamp a, Timestamp b) => a.Nanos < b.Nanos;
    public static bool operator >(Timestamp a, Timestamp b) => a.Nanos > b.Nanos;
    public static bool operator <=(Timestamp a, Timestamp b) => a.Nanos <= b.Nanos;
    public static bool operator >=(Timestamp a, Timestamp b) => a.Nanos >= b.Nanos;
    public override string ToString() => ToIso();
}
