namespace Engine.Stark.ApiKeys;

/// <summary>
/// v3-client (TypeScript) emits standard base64 ('+', '/'); dydx-v3-python and hummingbot emit the URL-safe
/// alphabet ('-', '_'); both keep '=' padding and the server accepted both.
/// </summary>
public enum Base64Alphabet
{
    UrlSafe,
    Standard,
}
