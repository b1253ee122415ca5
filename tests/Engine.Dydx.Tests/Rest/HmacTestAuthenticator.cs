using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Engine.Dydx.Auth;

namespace Engine.Dydx.Tests.Rest;

/// <summary>
/// Stands in for the signer actor: the real v3 HMAC (base64url of HMAC-SHA256 keyed by the base64url-decoded
/// secret over timestamp + method + path + body) with a test secret, and a log of what it was asked to sign.
/// </summary>
public sealed class HmacTestAuthenticator : IRequestAuthenticator
{
    public const string ApiKey = "30cd1d3c-6d5f-4a1b-8f2e-0a3e6c1d9f00";
    public const string Secret = "qnjyWWTHMY5SFqmNpJga_fXL-3lwOqUIpmz2izlV";
    public const string Passphrase = "correct-horse-battery";

    public ConcurrentQueue<(string Timestamp, string Method, string Path, string Body)> Calls { get; } = new();

    public ValueTask<RequestAuthentication> AuthenticateAsync(string isoTimestamp, string method, string requestPath, string body, CancellationToken cancellation)
    {
        Calls.Enqueue((isoTimestamp, method, requestPath, body));
        return ValueTask.FromResult(new RequestAuthentication(ApiKey, Sign(isoTimestamp + method + requestPath + body), isoTimestamp, Passphrase));
    }

    /// <summary>What a verifying server computes from the request it received.</summary>
    public static string Sign(string message)
    {
        string standard = Secret.Replace('-', '+').Replace('_', '/');
        while (standard.Length % 4 != 0) standard += "=";
        var mac = HMACSHA256.HashData(Convert.FromBase64String(standard), Encoding.UTF8.GetBytes(message));
        return Convert.ToBase64String(mac).Replace('+', '-').Replace('/', '_');
    }
}
