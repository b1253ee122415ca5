using Akka.TestKit.Xunit2;
using Engine.Runtime.Feed.Live;
using Engine.Runtime.Signing;
using Engine.Stark.ApiKeys;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests.LiveFeed;

/// <summary>The live client's private requests are authenticated by the signer actor, which alone holds the secrets.</summary>
public sealed class SignerRequestAuthenticatorTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "live-auth", output)
{
    private const string Secret = "qnjyWWTHMY5SFqmNpJga_fXL-3lwOqUIpmz2izlV";

    [Fact]
    public async Task Answers_with_the_signers_hmac_over_exactly_the_request()
    {
        var signer = Sys.ActorOf(SignerActor.Props(new DydxCredentials("key-id", Secret, "pass-phrase", "0x1234abcd", 0)));
        var authenticator = new SignerRequestAuthenticator(signer, TimeSpan.FromSeconds(5));
        const string ts = "2022-05-02T12:00:00.123Z", path = "/v3/orders?market=BTC-USD", body = """{"market":"BTC-USD"}""";

        var auth = await authenticator.AuthenticateAsync(ts, "POST", path, body, CancellationToken.None);
        Assert.Equal(("key-id", ts, "pass-phrase"), (auth.ApiKey, auth.Timestamp, auth.Passphrase));
        Assert.Equal(ApiRequestSigner.Sign(Secret, ts, "POST", path, body), auth.Signature);
        Assert.DoesNotContain("pass-phrase", auth.ToString());

        var ws = await authenticator.AuthenticateAsync(ts, "GET", "/ws/accounts", "", CancellationToken.None);
        Assert.Equal(ApiRequestSigner.SignAccountsSubscription(Secret, ts), ws.Signature);
    }
}
