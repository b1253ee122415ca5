using System.Globalization;
using System.Net.Http.Headers;

namespace Engine.Dydx.Rest;

/// <summary>How a Retry-After number is to be read: v3 documents milliseconds; plain HTTP (and a CDN in front) uses seconds.</summary>
public enum RetryAfterUnit { Milliseconds, Seconds }

/// <summary>
/// The rate-limit headers of one response (v3 §1.6): RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (epoch
/// milliseconds of the window's end) and, on 429, Retry-After. Any of them may be missing.
/// </summary>
public readonly record struct RateLimitHeaders(int? Limit, int? Remaining, DateTimeOffset? ResetAt, TimeSpan? RetryAfter)
{
    public bool IsEmpty => Limit is null && Remaining is null && ResetAt is null && RetryAfter is null;

    /// <param name="now">Server-corrected now, used only for an HTTP-date Retry-After.</param>
    public static RateLimitHeaders Parse(HttpResponseHeaders headers, RetryAfterUnit retryAfterUnit, DateTimeOffset now)
    {
        int? limit = Int(headers, "RateLimit-Limit");
        int? remaining = Int(headers, "RateLimit-Remaining");
        long? reset = Long(headers, "RateLimit-Reset");
        TimeSpan? retryAfter = null;
        if (First(headers, "Retry-After") is { } text)
        {
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                retryAfter = retryAfterUnit == RetryAfterUnit.Milliseconds ? TimeSpan.FromMilliseconds((double)n) : TimeSpan.FromSeconds((double)n);
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                retryAfter = date > now ? date - now : TimeSpan.Zero;
        }
        return new RateLimitHeaders(limit, remaining, reset is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, retryAfter);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static int? Int(HttpResponseHeaders headers, string name) =>
        First(headers, name) is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;

    private static long? Long(HttpResponseHeaders headers, string name) =>
        First(headers, name) is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : null;
}
