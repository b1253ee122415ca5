using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Dydx.Auth;
using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Rest;

/// <summary>
/// Builds a v3 request path the way the official clients do and the HMAC expects: "/v3/orders?market=BTC-USD&amp;limit=50",
/// parameters in the order added, null values dropped, no URL-encoding. Because nothing is encoded, a value
/// containing a character that would need encoding is refused: what is signed must be exactly what is sent.
/// </summary>
public sealed class RequestPath
{
    private readonly StringBuilder _text;
    private bool _hasQuery;

    private RequestPath(string path) => _text = new StringBuilder(path);

    public static RequestPath For(string path)
    {
        if (!path.StartsWith('/')) throw new ArgumentException($"request path '{path}' must start with '/'", nameof(path));
        foreach (char c in path)
            if (!IsPathChar(c)) throw new ArgumentException($"request path '{path}' contains '{c}', which would need URL-encoding", nameof(path));
        return new RequestPath(path);
    }

    /// <summary>"/v3/orders/" + segment, for ids and markets.</summary>
    public static RequestPath For(string prefix, string segment)
    {
        if (segment.Length == 0) throw new ArgumentException("a path segment cannot be empty", nameof(segment));
        foreach (char c in segment)
            if (!IsValueChar(c) || c is ':' or ',') throw new ArgumentException($"path segment '{segment}' contains '{c}', which would need URL-encoding", nameof(segment));
        return For(prefix.EndsWith('/') ? prefix + segment : prefix + "/" + segment);
    }

    public RequestPath Add(string key, string? value)
    {
        if (value is null) return this;
        foreach (char c in value)
            if (!IsValueChar(c)) throw new ArgumentException($"query value '{value}' of '{key}' contains '{c}', which would need URL-encoding", nameof(value));
        _text.Append(_hasQuery ? '&' : '?').Append(key).Append('=').Append(value);
        _hasQuery = true;
        return this;
    }

    public RequestPath Add(string key, int? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));
    public RequestPath Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "true" : "false");
    public RequestPath Add(string key, DateTimeOffset? value) => Add(key, value is null ? null : ServerClock.FormatIso(value.Value));

    /// <summary>An enum in its wire spelling ("POST_ONLY").</summary>
    public RequestPath Add<TEnum>(string key, TEnum? value) where TEnum : struct, Enum => Add(key, value is null ? null : WireName(value.Value));

    /// <summary>Several enum values comma-separated ("PENDING,OPEN"); an empty list is left out.</summary>
    public RequestPath Add<TEnum>(string key, IReadOnlyList<TEnum>? values) where TEnum : struct, Enum =>
        Add(key, values is null || values.Count == 0 ? null : string.Join(',', values.Select(WireName)));

    public override string ToString() => _text.ToString();

    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Deserialize<string>(JsonSerializer.SerializeToUtf8Bytes(value, DydxJson.Options))!;

    // RFC 3986 unreserved characters plus ':' and ',' (ISO times, status lists), which URIs carry unencoded in a query.
    private static bool IsValueChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' or ':' or ',';

    private static bool IsPathChar(char c) => IsValueChar(c) || c == '/';
}
