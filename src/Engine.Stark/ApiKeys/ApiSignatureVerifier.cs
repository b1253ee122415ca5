using System.Security.Cryptography;

namespace Engine.Stark.ApiKeys;

/// <summary>
/// Server-side check of DYDX-SIGNATURE (for the sandbox exchange). Accepts the standard and URL-safe alphabets,
/// since both official clients were in use, and compares in constant time.
/// </summary>
public static class ApiSignatureVerifier
{
    public static bool Verify(string secret, string isoTimestamp, string method, string requestPath, string? body, string signature)
    {
        if (!TryDecodeSignature(signature, out var presented)) return false;
        byte[] key;
        try
        {
            key = ApiRequestSigner.DecodeSecret(secret);
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[32];
        ApiRequestSigner.ComputeMac(key, isoTimestamp, method, requestPath, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static bool TryDecodeSignature(string signature, out byte[] mac)
    {
        mac = [];
        if (signature.Length is < 43 or > 44) return false; // 32 bytes: 43 characters, 44 with padding
        var standard = signature.Replace('-', '+').Replace('_', '/');
        if (standard.Length == 43) standard += "=";
        Span<byte> buffer = stackalloc byte[33];
        if (!Convert.TryFromBase64String(standard, buffer, out int written) || written != 32) return false;
        mac = buffer[..32].ToArray();
        return true;
    }
}
