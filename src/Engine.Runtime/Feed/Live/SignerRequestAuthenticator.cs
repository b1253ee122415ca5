using Akka.Actor;
using Engine.Dydx.Auth;
using Engine.Runtime.Signing;

namespace Engine.Runtime.Feed.Live;

/// <summary>
/// Authenticates the live client's private requests (REST and the v3_accounts subscription) by asking the signer
/// actor, the only holder of the API secret and passphrase.
/// </summary>
public sealed class SignerRequestAuthenticator(IActorRef signer, TimeSpan timeout) : IRequestAuthenticator
{
    public async ValueTask<RequestAuthentication> AuthenticateAsync(string isoTimestamp, string method, string requestPath, string body,
        CancellationToken cancellation) =>
        await signer.Ask<RequestAuthentication>(new SignRequest(method, requestPath, body, isoTimestamp), timeout, cancellation)
            .ConfigureAwait(false);
}
