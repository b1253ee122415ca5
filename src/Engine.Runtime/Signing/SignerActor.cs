using Akka.Actor;
using Akka.Event;
using Engine.Dydx.Auth;
using Engine.Runtime.Hosting;
using Engine.Runtime.Pipeline;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;
using Engine.Stark.Orders;

namespace Engine.Runtime.Signing;

/// <summary>
/// The only holder of the API secret, the passphrase and the STARK private key. Everything that needs a signature
/// asks it by message and gets back only the signature (or the authentication headers). Stateless apart from the
/// keys, so a crash restarts it with the same credentials. Order signing runs on this actor's thread: at the
/// signer's ~tens of microseconds per order it never limits quoting.
/// </summary>
public sealed class SignerActor : ReceiveActor
{
    private readonly DydxCredentials _credentials;
    private readonly StarkPrivateKey _starkKey;
    private readonly StarkOrderSigner _orders;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SignerActor(DydxCredentials credentials, StarkPrivateKey starkKey, StarkOrderSigner orders)
    {
        _credentials = credentials;
        _starkKey = starkKey;
        _orders = orders;

        Receive<SignOrder>(OnSignOrder);
        Receive<SignRequest>(r => Sender.Tell(new RequestAuthentication(
            _credentials.ApiKey,
            ApiRequestSigner.Sign(_credentials.ApiSecret, r.IsoTimestamp, r.Method, r.RequestPath, r.Body),
            r.IsoTimestamp,
            _credentials.Passphrase)));
        Receive<SignAccountsSubscription>(s => Sender.Tell(new RequestAuthentication(
            _credentials.ApiKey,
            ApiRequestSigner.SignAccountsSubscription(_credentials.ApiSecret, s.IsoTimestamp),
            s.IsoTimestamp,
            _credentials.Passphrase)));
        Receive<GetStarkPublicKey>(_ => Sender.Tell(new StarkPublicKeyIs(_starkKey.PublicKey.ToHex())));
        Receive<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    /// <summary>Checks the credentials before any actor exists, so a bad key stops start-up with a clear message.</summary>
    public static Props Props(DydxCredentials credentials, StarkOrderSigner? orders = null)
    {
        if (!StarkPrivateKey.TryParseHex(credentials.StarkPrivateKey, out var key) || key is null)
            throw new ConfigurationException("credentials", "stark-private-key", "is not a valid STARK private key",
                "give the 64-hex-digit key (with or without 0x) that `engine dydx public-key` turns into your account's STARK key");
        if (!IsBase64(credentials.ApiSecret))
            throw new ConfigurationException("credentials", "api-secret", "is not base64 text", "copy the API secret exactly as dYdX issued it");
        return Akka.Actor.Props.Create(() => new SignerActor(credentials, key, orders ?? StarkOrderSigner.Default));
    }

    private void OnSignOrder(SignOrder request)
    {
        if (_orders.TrySign(request.Order, _starkKey, out var signed, out string? error))
        {
            Sender.Tell(new OrderSigned(request.Order.ClientId, signed.Signature.ToHex()));
            return;
        }
        _log.Warning("order {0} cannot be signed: {1}", request.Order.ClientId, error);
        Sender.Tell(new OrderSigningFailed(request.Order.ClientId, error));
    }

    private static bool IsBase64(string secret)
    {
        try { return ApiRequestSigner.DecodeSecret(secret).Length > 0; }
        catch (FormatException) { return false; }
    }
}
