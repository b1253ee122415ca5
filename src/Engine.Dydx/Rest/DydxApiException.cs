using System.Net;
using System.Text.Json;

namespace Engine.Dydx.Rest;

/// <summary>
/// The exchange answered with a non-2xx status. Carries the status, the parsed v3 error entries (empty when the body
/// was not the v3 shape, e.g. a CDN's HTML 429 page), the start of the raw body, and the rate-limit headers.
/// </summary>
public sealed class DydxApiException : Exception
{
    private const int MaxBodyChars = 2048;

    public DydxApiException(string method, string requestPath, HttpStatusCode statusCode, IReadOnlyList<DydxError> errors,
        string? responseBody, RateLimitHeaders rateLimit, int attempts)
        : base(Describe(method, requestPath, statusCode, errors, responseBody))
    {
        Method = method;
        RequestPath = requestPath;
        StatusCode = statusCode;
        Errors = errors;
        ResponseBody = responseBody is { Length: > MaxBodyChars } ? responseBody[..MaxBodyChars] : responseBody;
        RateLimit = rateLimit;
        Attempts = attempts;
    }

    public string Method { get; }
    public string RequestPath { get; }
    public HttpStatusCode StatusCode { get; }
    public IReadOnlyList<DydxError> Errors { get; }
    public string? ResponseBody { get; }
    public RateLimitHeaders RateLimit { get; }
    public int Attempts { get; }

    public TimeSpan? RetryAfter => RateLimit.RetryAfter;
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// A 5xx answer to a POST (an order placement) does not say whether the exchange executed it: look the order up
    /// by clientId before assuming anything.
    /// </summary>
    public bool OutcomeUnknown => (int)StatusCode >= 500 && Method == "POST";

    /// <summary>"Timestamp must be within 30 seconds of the server time": the request was refused unprocessed.</summary>
    public bool IsClockSkew => Errors.Any(e => e.Msg.StartsWith("Timestamp must be within", StringComparison.OrdinalIgnoreCase));

    /// <summary>"No order found with id ..." (unknown id) or "No order for market ..." (nothing to cancel).</summary>
    public bool IsOrderNotFound => Errors.Any(e =>
        e.Msg.StartsWith("No order found", StringComparison.OrdinalIgnoreCase) ||
        e.Msg.Contains("No order for market", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses {"errors":[...]}; anything else yields no entries (the raw body is kept by the exception).</summary>
    public static IReadOnlyList<DydxError> ParseErrors(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                !doc.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
                return [];
            var list = new List<DydxError>();
            foreach (var e in errors.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object || Text(e, "msg") is not { } msg) continue;
                list.Add(new DydxError(msg, Text(e, "param"), Text(e, "location"), Text(e, "value")));
            }
            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    private static string Describe(string method, string path, HttpStatusCode status, IReadOnlyList<DydxError> errors, string? body)
    {
        string detail = errors.Count > 0
            ? string.Join("; ", errors.Select(e => e.Param is null ? e.Msg : $"{e.Msg} ({e.Param})"))
            : body is null ? "no body" : body.Length > 200 ? body[..200] + "..." : body;
        return $"{method} {path} failed with HTTP {(int)status} {status}: {detail}";
    }
}
