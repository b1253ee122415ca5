namespace Engine.Dydx.Auth;

/// <summary>
/// Produces the API-key authentication of one private request. The secrets never enter the wire layer: an
/// implementation forwards to whatever holds them (in the engine, the signer actor).
/// </summary>
public interface IRequestAuthenticator
{
    /// <param name="isoTimestamp">ISO-8601 UTC with milliseconds, already corrected to server time.</param>
    /// <param name="method">Upper-case HTTP method ("GET" for the v3_accounts subscription).</param>
    /// <param name="requestPath">Path with the query string exactly as sent ("/ws/accounts" for the subscription).</param>
    /// <param name="body">The exact compact JSON body sent, or "" when there is none.</param>
    ValueTask<RequestAuthentication> AuthenticateAsync(string isoTimestamp, string method, string requestPath, string body, CancellationToken cancellation);
}
