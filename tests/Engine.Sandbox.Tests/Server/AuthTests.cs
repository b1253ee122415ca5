using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Engine.Stark.ApiKeys;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>API-key authentication: HMAC over timestamp + method + path-with-query + compact body, both base64 alphabets, 30 s window.</summary>
public sealed class AuthTests
{
    [Theory]
    [InlineData(Base64Alphabet.UrlSafe)]
    [InlineData(Base64Alphabet.Standard)]
    public async Task Both_base64_alphabets_are_accepted(Base64Alphabet alphabet)
    {
        await using var s = await ServerScope.StartAsync();
        s.Alice.Alphabet = alphabet;
        // Enough requests that the signature contains '+'/'/' (or '-'/'_') at least once.
        bool sawAlphabetSpecific = false;
        for (int i = 0; i < 20; i++)
        {
            var at = DateTimeOffset.UtcNow.AddMilliseconds(-i);
            var headers = DydxApiHeaders.Create(s.Alice.Account!.ApiKey, at, "GET", "/v3/accounts", null, alphabet);
            sawAlphabetSpecific |= alphabet == Base64Alphabet.Standard ? headers.Signature.IndexOfAny(['+', '/']) >= 0 : headers.Signature.IndexOfAny(['-', '_']) >= 0;
            var reply = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", at: at);
            Assert.Equal(200, reply.Code);
        }
        Assert.True(sawAlphabetSpecific);
    }

    [Fact]
    public async Task A_bad_hmac_wrong_passphrase_or_unknown_key_is_a_401_unauthorized()
    {
        await using var s = await ServerScope.StartAsync();
        var badMac = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", tamper: r => Replace(r, "DYDX-SIGNATURE",
            ApiRequestSigner.Sign(s.Bob.Account!.ApiKey.Secret, r.Headers.GetValues("DYDX-TIMESTAMP").First(), "GET", "/v3/accounts", null)));
        Assert.Equal(401, badMac.Code);
        Assert.Equal("Unauthorized", badMac.ErrorMessage); // real v3 text
        Assert.Equal(nameof(AuthFailure.BadSignature), badMac.Header("X-Sandbox-Auth-Failure"));

        var passphrase = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", tamper: r => Replace(r, "DYDX-PASSPHRASE", "wrong"));
        Assert.Equal(401, passphrase.Code);
        Assert.Equal(nameof(AuthFailure.BadPassphrase), passphrase.Header("X-Sandbox-Auth-Failure"));

        var key = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", tamper: r => Replace(r, "DYDX-API-KEY", Guid.NewGuid().ToString()));
        Assert.Equal(401, key.Code);
        Assert.Equal(nameof(AuthFailure.UnknownApiKey), key.Header("X-Sandbox-Auth-Failure"));

        // The query string is part of the signed path: signing one path and sending another fails.
        var otherPath = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/orders?market=BTC-USD", tamper: r =>
            r.RequestUri = new Uri(s.Server.BaseUrl, "v3/orders?market=ETH-USD"));
        Assert.Equal(401, otherPath.Code);
        var withQuery = await s.Alice.GetPrivateAsync("/v3/orders?market=BTC-USD&status=OPEN&limit=50");
        Assert.Equal(200, withQuery.Code);
    }

    [Fact]
    public async Task A_timestamp_outside_30_seconds_is_a_401_and_missing_headers_are_400s_with_the_real_texts()
    {
        await using var s = await ServerScope.StartAsync();
        var stale = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", at: DateTimeOffset.UtcNow.AddSeconds(-31));
        Assert.Equal(401, stale.Code);
        Assert.StartsWith("Timestamp must be within", stale.ErrorMessage); // the prefix hummingbot matched
        Assert.Equal(nameof(AuthFailure.StaleTimestamp), stale.Header("X-Sandbox-Auth-Failure"));
        var future = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", at: DateTimeOffset.UtcNow.AddSeconds(40));
        Assert.Equal(401, future.Code);
        var recent = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", at: DateTimeOffset.UtcNow.AddSeconds(-20));
        Assert.Equal(200, recent.Code);

        var bare = await s.Public.GetAsync("/v3/accounts");
        Assert.Equal(400, bare.Code);
        var messages = bare.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("msg").GetString()).ToList();
        Assert.Contains("signature must be a valid string of length 44 in headers", messages);
        Assert.Contains("timestamp must be a valid ISO string in headers", messages);
    }

    [Fact]
    public async Task The_body_is_verified_in_compact_form_so_a_python_style_spaced_body_is_accepted()
    {
        await using var s = await ServerScope.StartAsync();
        string compact = s.Alice.OrderBody("BUY", "29000", "0.01");
        string spaced = compact.Replace("\",\"", "\", \"").Replace("\":", "\": ").Replace(",\"", ", \"");
        Assert.NotEqual(compact, spaced);
        var reply = await s.Alice.PrivateAsync(HttpMethod.Post, "/v3/orders", compact, sentBody: spaced);
        Assert.Equal(201, reply.Code);

        // Signing the spaced text itself (raw bytes) is accepted too; signing a different body is not.
        string other = s.Alice.OrderBody("BUY", "29001", "0.01");
        var mismatch = await s.Alice.PrivateAsync(HttpMethod.Post, "/v3/orders", other, sentBody: s.Alice.OrderBody("BUY", "29000", "0.01"));
        Assert.Equal(401, mismatch.Code);
    }

    [Fact]
    public async Task The_account_number_header_selects_the_account_of_the_same_user()
    {
        await using var s = await ServerScope.StartAsync();
        var second = await s.Server.CreateAccountAsync(new SandboxAccountSpec
        {
            StarkPublicKey = SandboxClient.Key(1).PublicKey.ToHex(),
            EthereumAddress = s.Alice.Account!.EthereumAddress,
            AccountNumber = 1,
            Collateral = 5m,
        });
        Assert.Equal(s.Alice.Account.ApiKey, second.ApiKey); // the address's key
        var accounts = await s.Alice.GetPrivateAsync("/v3/accounts");
        Assert.Equal(2, accounts.Body.GetProperty("accounts").GetArrayLength());
        var scoped = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/users", tamper: r => r.Headers.Add("DYDX-ACCOUNT-NUMBER", "1"));
        Assert.Equal(200, scoped.Code);
        var missing = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/users", tamper: r => r.Headers.Add("DYDX-ACCOUNT-NUMBER", "7"));
        Assert.Equal(404, missing.Code);
    }

    [Fact]
    public async Task Websocket_account_subscriptions_check_the_same_hmac_over_ws_accounts()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        var bad = await ServerScope.SubscribeAccountsAsync(ws, s.Alice, secret: s.Bob.Account!.ApiKey.Secret);
        Assert.Equal("error", WsClient.Type(bad));
        Assert.Equal("Unauthorized", bad.GetProperty("message").GetString());
        var stale = await ServerScope.SubscribeAccountsAsync(ws, s.Alice, at: DateTimeOffset.UtcNow.AddMinutes(-2));
        Assert.Equal("error", WsClient.Type(stale));
        var ok = await ServerScope.SubscribeAccountsAsync(ws, s.Alice, alphabet: Base64Alphabet.Standard);
        Assert.Equal("subscribed", WsClient.Type(ok));
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }
}
