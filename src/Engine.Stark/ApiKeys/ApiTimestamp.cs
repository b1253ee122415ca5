using System.Globalization;

namespace Engine.Stark.ApiKeys;

/// <summary>DYDX-TIMESTAMP: ISO-8601 UTC with milliseconds (2021-02-01T19:38:54.508Z); the same text is signed.</summary>
public static class ApiTimestamp
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
