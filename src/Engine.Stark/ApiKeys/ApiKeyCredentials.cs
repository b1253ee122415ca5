namespace Engine.Stark.ApiKeys;

/// <summary>
/// A v3 API key: its id (a UUID, sent as DYDX-API-KEY), the base64url secret that keys the HMAC, and the
/// passphrase. ToString shows the key id only.
/// </summary>
public sealed record ApiKeyCredentials(string Key, string Secret, string Passphrase)
{
    public override string ToString() => $"ApiKeyCredentials {{ Key = {Key}, Secret = ***, Passphrase = *** }}";
}
