using System.Net;

namespace Engine.Dydx.Rest;

/// <summary>A 2xx answer whose body is not the documented v3 shape (missing field, non-decimal number, unknown enum value).</summary>
public sealed class DydxProtocolException(string method, string requestPath, HttpStatusCode statusCode, string bodyExcerpt, Exception inner)
    : Exception($"{method} {requestPath}: HTTP {(int)statusCode} body does not match the v3 shape: {inner.Message}", inner)
{
    public string Method { get; } = method;
    public string RequestPath { get; } = requestPath;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string BodyExcerpt { get; } = bodyExcerpt;
}
