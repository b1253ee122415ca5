namespace Engine.Stark.ApiKeys;

/// <summary>The four headers of a private v3 request, signed over exactly the path and body that are sent.</summary>
public sealed record DydxApiHeaders(string ApiKey, string Signature, string Timestamp, string Passphrase)
{
    public const string ApiKeyHeader = "DYDX-API-KEY";
    public const string SignatureHeader = "DYDX-SIGNATURE";
    public const string TimestampHeader = "DYDX-TIMESTAMP";
    public const string PassphraseHeader = "DYDX-PASSPHRASE";

    public static DydxApiHeaders Create(ApiKeyCredentials credentials, DateTimeOffset now, string method, string requestPath, string? body = null, Base64Alphabet alphabet = Base64Alphabet.UrlSafe)
    {
        string timestamp = ApiTimestamp.Format(now);
        string signature = ApiRequestSigner.Sign(credentials.Secret, timestamp, method, requestPath, body, alphabet);
        return new DydxApiHeaders(credentials.Key, signature, timestamp, credentials.Passphrase);
    }

    public IReadOnlyList<KeyValuePair<string, string>> ToList() =>
    [
        new(ApiKeyHeader, ApiKey),
        new(SignatureHeader, Signature),
        new(TimestampHeader, Timestamp),
        new(PassphraseHeader, Passphrase),
    ];

    public override string ToString() => $"DydxApiHeaders {{ ApiKey = {ApiKey}, Timestamp = {Timestamp}, Signature = {Signature}, Passphrase = *** }}";
}
