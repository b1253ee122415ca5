namespace Engine.Dydx.Auth;

/// <summary>
/// The four values a private request carries (DYDX-API-KEY, DYDX-SIGNATURE, DYDX-TIMESTAMP, DYDX-PASSPHRASE) and
/// that the v3_accounts subscription carries as apiKey/signature/timestamp/passphrase. ToString hides the
/// signature and the passphrase so a logged value reveals nothing usable.
/// </summary>
public sealed record RequestAuthentication(string ApiKey, string Signature, string Timestamp, string Passphrase)
{
    public override string ToString() => $"RequestAuthentication(apiKey {ApiKey}, timestamp {Timestamp}, signature ***, passphrase ***)";
}
