using Engine.Dydx.Auth;
using Engine.Stark.ApiKeys;

namespace Engine.Runtime.Tests;

/// <summary>Signs requests with an API key held by the test itself (the engine keeps keys in its signer actor).</summary>
internal sealed class ApiKeyAuthenticator(ApiKeyCredentials key) : IRequestAuthenticator
{
    public ValueTask<RequestAuthentication> AuthenticateAsync(string isoTimestamp, string method, string requestPath, string body, CancellationToken cancellation) =>
        ValueTask.FromResult(new RequestAuthentication(key.Key, ApiRequestSigner.Sign(key.Secret, isoTimestamp, method, requestPath, body), isoTimestamp, key.Passphrase));
}
