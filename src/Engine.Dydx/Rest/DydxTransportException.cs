namespace Engine.Dydx.Rest;

/// <summary>
/// No HTTP answer: the request timed out or the connection failed. <see cref="OutcomeUnknown"/> is true when the
/// request may nevertheless have been executed (it was not retried because it is not idempotent, e.g.
/// POST /v3/orders): the caller must find out, for an order by looking it up by clientId, never assume it failed.
/// </summary>
public sealed class DydxTransportException(string method, string requestPath, bool isTimeout, bool outcomeUnknown, int attempts, Exception? inner)
    : Exception($"{method} {requestPath}: {(isTimeout ? "no answer in time" : "connection failed")} after {attempts} attempt(s)" +
                (outcomeUnknown ? "; the request may have been executed" : ""), inner)
{
    public string Method { get; } = method;
    public string RequestPath { get; } = requestPath;
    public bool IsTimeout { get; } = isTimeout;
    public bool OutcomeUnknown { get; } = outcomeUnknown;
    public int Attempts { get; } = attempts;
}
