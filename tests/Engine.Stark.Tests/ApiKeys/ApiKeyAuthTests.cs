using CsCheck;
using Engine.Stark.ApiKeys;
using Xunit;

namespace Engine.Stark.Tests.ApiKeys;

public sealed class ApiKeyAuthTests
{
    private const string Secret = "qnjyWWTHMY5SFqmNpJga_fXL-3lwOqUIpmz2izlV";
    private const string Timestamp = "2021-02-01T19:38:54.508Z";

    [Fact]
    public void Secret_decodes_from_base64url() =>
        Assert.Equal("aa78f25964c7318e5216a98da4981afdf5cbfb79703aa508a66cf68b3955", Convert.ToHexStringLower(ApiRequestSigner.DecodeSecret(Secret)));

    /// <summary>docs §7: the DELETE example differs between the alphabets ('/' versus '_').</summary>
    [Fact]
    public void Both_alphabets_of_the_spec_delete_example()
    {
        Assert.Equal("WUgQxLRpAljZZdE9uV6t9u6v4qJWg/m4j6L2e7CGh3E=", ApiRequestSigner.Sign(Secret, Timestamp, "DELETE", "/v3/orders/abc123", null, Base64Alphabet.Standard));
        Assert.Equal("WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E=", ApiRequestSigner.Sign(Secret, Timestamp, "DELETE", "/v3/orders/abc123", null, Base64Alphabet.UrlSafe));
    }

    [Fact]
    public void Verifier_accepts_both_alphabets_and_rejects_tampering()
    {
        foreach (var signature in new[] { "WUgQxLRpAljZZdE9uV6t9u6v4qJWg/m4j6L2e7CGh3E=", "WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E=", "WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E" })
            Assert.True(ApiSignatureVerifier.Verify(Secret, Timestamp, "DELETE", "/v3/orders/abc123", "", signature));
        Assert.False(ApiSignatureVerifier.Verify(Secret, Timestamp, "DELETE", "/v3/orders/abc124", "", "WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E="));
        Assert.False(ApiSignatureVerifier.Verify(Secret, "2021-02-01T19:38:54.509Z", "DELETE", "/v3/orders/abc123", "", "WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E="));
        Assert.False(ApiSignatureVerifier.Verify(Secret, Timestamp, "DELETE", "/v3/orders/abc123", "", "not base64"));
        Assert.False(ApiSignatureVerifier.Verify("!!!", Timestamp, "DELETE", "/v3/orders/abc123", "", "WUgQxLRpAljZZdE9uV6t9u6v4qJWg_m4j6L2e7CGh3E="));
    }

    [Fact]
    public void Sign_then_verify_for_any_request() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 40], Gen.String, Gen.Bool).Sample((path, body, standard) =>
        {
            var alphabet = standard ? Base64Alphabet.Standard : Base64Alphabet.UrlSafe;
            var signature = ApiRequestSigner.Sign(Secret, Timestamp, "POST", "/v3/" + path, body, alphabet);
            Assert.Equal(44, signature.Length);
            Assert.True(ApiSignatureVerifier.Verify(Secret, Timestamp, "post", "/v3/" + path, body, signature));
            Assert.False(ApiSignatureVerifier.Verify(Secret, Timestamp, "POST", "/v3/" + path, body + " ", signature));
        });

    [Fact]
    public void Headers_are_built_from_credentials()
    {
        var credentials = new ApiKeyCredentials("0f9da948-a6fb-4c45-9edc-4685c3f3317d", Secret, "pass-phrase");
        var now = DateTimeOffset.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture);
        var headers = DydxApiHeaders.Create(credentials, now, "GET", "/v3/api-keys?ethereumAddress=0xE5714924C8C5c732F92A439075C8211eB0611aaC");
        Assert.Equal(Timestamp, headers.Timestamp);
        Assert.Equal("jGElyQttdQDNqlRu5CpCtfVEYcikknzXWsOjKJAcTtI=", headers.Signature);
        Assert.Equal(
            ["DYDX-API-KEY", "DYDX-SIGNATURE", "DYDX-TIMESTAMP", "DYDX-PASSPHRASE"],
            headers.ToList().Select(h => h.Key));
        Assert.Equal("pass-phrase", headers.ToList().Single(h => h.Key == "DYDX-PASSPHRASE").Value);
    }

    [Fact]
    public void Secrets_never_print()
    {
        var credentials = new ApiKeyCredentials("key-id", Secret, "pass-phrase");
        Assert.DoesNotContain(Secret, credentials.ToString());
        Assert.DoesNotContain("pass-phrase", credentials.ToString());
        Assert.Contains("key-id", credentials.ToString());
        var headers = DydxApiHeaders.Create(credentials, DateTimeOffset.UnixEpoch, "GET", "/v3/accounts");
        Assert.DoesNotContain("pass-phrase", headers.ToString());
        var e = Assert.Throws<FormatException>(() => ApiRequestSigner.DecodeSecret("secret-with-$-sign"));
        Assert.DoesNotContain("secret-with", e.Message);
    }

    [Fact]
    public void Websocket_accounts_subscription_signs_get_ws_accounts() =>
        Assert.Equal(
            ApiRequestSigner.Sign(Secret, Timestamp, "GET", "/ws/accounts", ""),
            ApiRequestSigner.SignAccountsSubscription(Secret, Timestamp));

    [Fact]
    public void Request_paths_keep_order_skip_nulls_and_do_not_encode() =>
        Assert.Equal("/v3/orders?market=BTC-USD&status=OPEN,PENDING&limit=50",
            RequestPath.Build("/v3/orders", ("market", "BTC-USD"), ("side", null), ("status", "OPEN,PENDING"), ("limit", "50")));

    [Fact]
    public void Timestamps_have_milliseconds_and_Z() =>
        Assert.Equal("2021-02-01T19:38:54.508Z", ApiTimestamp.Format(new DateTimeOffset(2021, 2, 1, 20, 38, 54, 508, TimeSpan.FromHours(1))));
}
