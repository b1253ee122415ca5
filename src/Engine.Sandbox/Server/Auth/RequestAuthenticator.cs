using System.Globalization;
using Engine.Dydx.Wire;
using Engine.Sandbox.Exchange.Errors;
using Engine.Stark.ApiKeys;

namespace Engine.Sandbox.Server;

/// <summary>Why a private request or a v3_accounts subscription was refused.</summary>
public enum AuthFailure
{
    None = 0,
    /// <summary>400: a DYDX-* header is missing or malformed (real v3 validation texts).</summary>
    InvalidHeaders,
    /// <summary>401: DYDX-TIMESTAMP outside the window around server time.</summary>
    StaleTimestamp,
    /// <summary>401: no such API key.</summary>
    UnknownApiKey,
    /// <summary>401: the passphrase is not the key's.</summary>
    BadPassphrase,
    /// <summary>401: the HMAC does not match.</summary>
    BadSignature,
    /// <summary>404: the key's user has no account with that DYDX-ACCOUNT-NUMBER.</summary>
    NoAccount,
}

internal sealed record AuthOutcome(AuthFailure Failure, int Status, IReadOnlyList<ExchangeError> Errors, ApiKeyEntry? Key, OnboardedAccount? Account)
{
    public bool Ok => Failure == AuthFailure.None;

    public static AuthOutcome Success(ApiKeyEntry key, OnboardedAccount account) => new(AuthFailure.None, 200, [], key, account);

    public static AuthOutcome Fail(AuthFailure failure, int status, params ExchangeError[] errors) => new(failure, status, errors, null, null);
}

/// <summary>
/// v3 API-key authentication (api doc §1.2): DYDX-SIGNATURE = HMAC-SHA256 over timestamp + METHOD + requestPath
/// (with the query as sent) + body (compact JSON, "" for none or {}), either base64 alphabet; the timestamp within
/// the window of server time. v3 answered a bad key, passphrase or signature with a bare 401 "Unauthorized".
/// </summary>
internal sealed class RequestAuthenticator(AccountDirectory directory, SandboxClock clock, TimeSpan window)
{
    public const string AccountNumberHeader = "DYDX-ACCOUNT-NUMBER";

    /// <summary>[real] v3's 401 body text.</summary>
    public const string Unauthorized = "Unauthorized";

    public string StaleTimestampMessage => $"Timestamp must be within {window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds of server time";

    /// <param name="requestPaths">The request target as received, plus its URL-decoded form when that differs (clients sign either).</param>
    public AuthOutcome Authenticate(Func<string, string?> header, string method, IReadOnlyList<string> requestPaths, IReadOnlyList<string> bodyCandidates)
    {
        string? apiKey = header(DydxApiHeaders.ApiKeyHeader);
        string? signature = header(DydxApiHeaders.SignatureHeader);
        string? timestamp = header(DydxApiHeaders.TimestampHeader);
        string? passphrase = header(DydxApiHeaders.PassphraseHeader);
        string? number = header(AccountNumberHeader);

        var errors = new List<ExchangeError>();
        if (string.IsNullOrEmpty(apiKey))
            errors.Add(new ExchangeError(400, "apiKey must be a valid string in headers", "dydx-api-key", "headers")); // [sim]
        if (signature is not { Length: 44 })
            errors.Add(new ExchangeError(400, "signature must be a valid string of length 44 in headers", "dydx-signature", "headers", signature)); // [real]
        if (timestamp is null || !IsoTime.TryParse(timestamp, out _))
            errors.Add(new ExchangeError(400, "timestamp must be a valid ISO string in headers", "dydx-timestamp", "headers", timestamp)); // [real]
        if (string.IsNullOrEmpty(passphrase))
            errors.Add(new ExchangeError(400, "passphrase must be a valid string in headers", "dydx-passphrase", "headers")); // [sim]
        int accountNumber = 0;
        if (number is not null && (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out accountNumber) || accountNumber < 0))
            errors.Add(new ExchangeError(400, "accountNumber must be a non-negative integer in headers", "dydx-account-number", "headers", number)); // [sim]
        if (errors.Count > 0) return AuthOutcome.Fail(AuthFailure.InvalidHeaders, 400, [.. errors]);

        return Check(apiKey!, passphrase!, timestamp!, signature!, accountNumber, method, requestPaths, bodyCandidates);
    }

    /// <summary>The v3_accounts subscription: the same HMAC over GET /ws/accounts with no body.</summary>
    public AuthOutcome AuthenticateAccountsChannel(string? apiKey, string? passphrase, string? timestamp, string? signature, int accountNumber)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(passphrase) || string.IsNullOrEmpty(signature) || timestamp is null || !IsoTime.TryParse(timestamp, out _))
            return AuthOutcome.Fail(AuthFailure.InvalidHeaders, 400, new ExchangeError(400, "apiKey, passphrase, timestamp and signature are required for v3_accounts"));
        return Check(apiKey, passphrase, timestamp, signature, accountNumber, "GET", [ApiRequestSigner.AccountsChannelPath], [""]);
    }

    private AuthOutcome Check(string apiKey, string passphrase, string timestamp, string signature, int accountNumber,
        string method, IReadOnlyList<string> requestPaths, IReadOnlyList<string> bodyCandidates)
    {
        IsoTime.TryParse(timestamp, out var signedAt);
        var skew = signedAt.ToDateTimeOffset() - clock.ServerNow();
        if (skew.Duration() > window)
            return AuthOutcome.Fail(AuthFailure.StaleTimestamp, 401, new ExchangeError(401, StaleTimestampMessage));

        if (!directory.TryGetKey(apiKey, out var key))
            return AuthOutcome.Fail(AuthFailure.UnknownApiKey, 401, new ExchangeError(401, Unauthorized));
        if (!string.Equals(key.Credentials.Passphrase, passphrase, StringComparison.Ordinal))
            return AuthOutcome.Fail(AuthFailure.BadPassphrase, 401, new ExchangeError(401, Unauthorized));
        bool verified = false;
        foreach (string path in requestPaths)
        {
            foreach (string body in bodyCandidates)
            {
                if (!ApiSignatureVerifier.Verify(key.Credentials.Secret, timestamp, method, path, body, signature)) continue;
                verified = true;
                break;
            }
            if (verified) break;
        }
        if (!verified) return AuthOutcome.Fail(AuthFailure.BadSignature, 401, new ExchangeError(401, Unauthorized));

        if (!directory.TryGetAccount(key.EthereumAddress, accountNumber, out var account))
            return AuthOutcome.Fail(AuthFailure.NoAccount, 404,
                new ExchangeError(404, $"No account found with accountNumber: {accountNumber}", "dydx-account-number", "headers",
                    accountNumber.ToString(CultureInfo.InvariantCulture)));
        return AuthOutcome.Success(key, account);
    }
}
