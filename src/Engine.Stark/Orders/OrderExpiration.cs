using System.Globalization;

namespace Engine.Stark.Orders;

/// <summary>
/// The signed expiration: ceiling(unix milliseconds / 3 600 000) + 168. The 168-hour (7-day) buffer keeps the
/// signature valid until the order settles on chain; an exact hour boundary is not rounded up.
/// </summary>
public static class OrderExpiration
{
    public const int BufferHours = 168;
    private const long MillisecondsPerHour = 3_600_000;

    /// <summary>Epoch hours including the buffer; false (with a reason) if the value does not fit StarkEx's 32 bits.</summary>
    public static bool TryEpochHours(DateTimeOffset expiration, out uint hours, out string? error)
    {
        hours = 0;
        long ms = expiration.ToUnixTimeMilliseconds(); // whole milliseconds, as in the ISO string sent
        if (ms < 0)
        {
            error = $"expiration {FormatIso(expiration)} is before 1970";
            return false;
        }
        long value = (ms + MillisecondsPerHour - 1) / MillisecondsPerHour + BufferHours;
        if (value > uint.MaxValue)
        {
            error = $"expiration {FormatIso(expiration)} is beyond StarkEx's 32-bit hour range";
            return false;
        }
        hours = (uint)value;
        error = null;
        return true;
    }

    /// <summary>The body string for an expiration: UTC, milliseconds, 'Z' (e.g. 2024-05-01T12:30:00.000Z).</summary>
    public static string FormatIso(DateTimeOffset expiration) =>
        expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
