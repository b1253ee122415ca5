using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Engine.Stark.ApiKeys;

/// <summary>
/// DYDX-SIGNATURE = base64(HMAC-SHA256(base64decode(secret), timestamp + METHOD + requestPath + body)).
/// requestPath includes the query string exactly as sent; body is the compact JSON sent, or "" for none or {}.
/// </summary>
public static class ApiRequestSigner
{
    /// <summary>The WebSocket v3_accounts subscription signs GET /ws/accounts with no body.</summary>
    public const string AccountsChannelPath = "/ws/accounts";

    public static string Sign(string secret, string isoTimestamp, string method, string requestPath, string? body, Base64Alphabet alphabet = Base64Alphabet.UrlSafe)
    {
        Span<byte> mac = stackalloc byte[32];
        ComputeMac(DecodeSecret(secret), isoTimestamp, method, requestPath, body, mac);
        return Encode(mac, alphabet);
    }

    public static string SignAccountsSubscription(string secret, string isoTimestamp, Base64Alphabet alphabet = Base64Alphabet.UrlSafe) =>
        Sign(secret, isoTimestamp, "GET", AccountsChannelPath, null, alphabet);

    /// <summary>The HMAC key. Secrets are base64url text; either alphabet and missing padding are accepted.</summary>
    public static byte[] DecodeSecret(string secret)
    {
        var text = new StringBuilder(secret.Length + 3);
        foreach (char c in secret)
            text.Append(c switch { '-' => '+', '_' => '/', _ => c });
        while (text.Length % 4 != 0) text.Append('=');
        try
        {
            return Convert.FromBase64String(text.ToString());
        }
        catch (FormatException)
        {
            // Never echo the secret itself.
            throw new FormatException($"the API secret is not base64 ({secret.Length} characters)");
        }
    }

    internal static void ComputeMac(ReadOnlySpan<byte> key, string isoTimestamp, string method, string requestPath, string? body, Span<byte> mac32)
    {
        string message = string.Concat(isoTimestamp, method.ToUpperInvariant(), requestPath, body ?? "");
        int max = Encoding.UTF8.GetMaxByteCount(message.Length);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int length = Encoding.UTF8.GetBytes(message, buffer);
            HMACSHA256.HashData(key, buffer.AsSpan(0, length), mac32);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string Encode(ReadOnlySpan<byte> mac, Base64Alphabet alphabet)
    {
        string standard = Convert.ToBase64String(mac);
        return alphabet == Base64Alphabet.Standard ? standard : standard.Replace('+', '-').Replace('/', '_');
    }
}
