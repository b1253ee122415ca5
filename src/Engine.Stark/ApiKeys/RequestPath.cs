using System.Text;

namespace Engine.Stark.ApiKeys;

/// <summary>
/// Builds the signed request path the way both official clients do: key=value pairs in the given order, joined
/// by '&amp;', null values skipped, no URL-encoding (so values must already be URL-safe, as v3's are).
/// </summary>
public static class RequestPath
{
    public static string Build(string path, params ReadOnlySpan<(string Key, string? Value)> query)
    {
        var text = new StringBuilder(path);
        char separator = '?';
        foreach (var (key, value) in query)
        {
            if (value is null) continue;
            text.Append(separator).Append(key).Append('=').Append(value);
            separator = '&';
        }
        return text.ToString();
    }
}
