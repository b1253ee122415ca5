using Engine.Stark.Orders;

namespace Engine.Runtime.Signing;

/// <summary>Asks the signer for the STARK signature of an order (its quantized fields).</summary>
public sealed record SignOrder(StarkOrder Order);

/// <summary>The order's signature as sent in POST /v3/orders: 128 hex digits, r then s.</summary>
public sealed record OrderSigned(string ClientId, string Signature);

/// <summary>The order cannot be represented on the STARK side (e.g. a size that is not a whole number of quanta).</summary>
public sealed record OrderSigningFailed(string ClientId, string Error);

/// <summary>Asks for the API-key headers of one private REST request (requestPath with its query, compact body or "");
/// the answer is a <see cref="Engine.Dydx.Auth.RequestAuthentication"/>, whose ToString hides signature and passphrase.</summary>
public sealed record SignRequest(string Method, string RequestPath, string Body, string IsoTimestamp);

/// <summary>Asks for the authentication fields of the v3_accounts WebSocket subscription.</summary>
public sealed record SignAccountsSubscription(string IsoTimestamp);

public sealed record GetStarkPublicKey
{
    public static readonly GetStarkPublicKey Instance = new();
}

/// <summary>The STARK public key (x coordinate, hex) of the configured private key: what the venue knows the account by.</summary>
public sealed record StarkPublicKeyIs(string Hex);
