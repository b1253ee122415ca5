using Engine.Stark.Orders;

namespace Engine.Runtime.Signing;

/// <summary>Asks the signer for the STARK signature of an order (its quantized fields).</summary>
public sealed record SignOrder(StarkOrder Order);

/// <summary>The order's signature as sent in POST /v3/orders: 128 hex digits, r then s.</summary>
public sealed record OrderSigned(string ClientId, string Signature);

/// <summary>The order cannot be represented on the STARK side (e.g. a size that is not a whole number of quanta).</summary>
public sealed record OrderSigningFailed(string ClientId, string Error);

/// <summary>Asks for the API-key headers of one private REST request (requestPath with its query, compact body or "").</summary>
public sealed record SignRequest(string Method, string RequestPath, string Body, string IsoTimestamp);

/// <summary>Asks for the authentication fields of the v3_accounts WebSocket subscription.</summary>
public sealed record SignAccountsSubscription(string IsoTimestamp);

/// <summary>
/// What a private request or the accounts subscription carries: DYDX-API-KEY, DYDX-SIGNATURE, DYDX-TIMESTAMP and
/// DYDX-PASSPHRASE. The passphrase must travel with every request, so it leaves the signer here; ToString hides it
/// and the signature so that a logged or dead-lettered reply reveals nothing.
/// </summary>
public sealed record ApiAuthentication(string ApiKey, string Signature, string Timestamp, string Passphrase)
{
    public override string ToString() => $"ApiAuthentication(apiKey {ApiKey}, timestamp {Timestamp}, signature ***, passphrase ***)";
}

public sealed record GetStarkPublicKey
{
    public static readonly GetStarkPublicKey Instance = new();
}

/// <summary>The STARK public key (x coordinate, hex) of the configured private key: what the venue knows the account by.</summary>
public sealed record StarkPublicKeyIs(string Hex);
