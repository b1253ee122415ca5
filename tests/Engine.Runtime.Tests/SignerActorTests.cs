using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Engine.Dydx.Auth;
using Engine.Runtime.Hosting;
using Engine.Runtime.Pipeline;
using Engine.Runtime.Signing;
using Engine.Stark.ApiKeys;
using Engine.Stark.Cli;
using Engine.Stark.Orders;
using Engine.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests;

/// <summary>The signer actor: reference signatures by message, and not one secret in anything logged.</summary>
public sealed class SignerActorTests(ITestOutputHelper output) : TestKit(VerboseLogging, "signer", output)
{
    // Everything Akka can log, logged: a secret that reaches any log line is caught below.
    private static readonly Config VerboseLogging = ConfigurationFactory.ParseString("""
        akka.loglevel = DEBUG
        akka.stdout-loglevel = OFF
        akka.actor.debug { receive = on, autoreceive = on, lifecycle = on, unhandled = on, event-stream = on }
        akka.log-dead-letters = on
        """).WithFallback(TestConfigs.InMemory);

    private const string ApiSecret = "qnjyWWTHMY5SFqmNpJga_fXL-3lwOqUIpmz2izlV";
    private const string Passphrase = "correct-horse-battery";

    private static JsonElement KatOrder => JsonDocument.Parse(File.ReadAllText(SharedData.Shared("data", "dydx-v3", "kat.json"))).RootElement.GetProperty("order")[0];

    private static (StarkOrder Order, string PrivateKey, string Signature) Vector()
    {
        var v = KatOrder;
        var i = v.GetProperty("input");
        string line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["networkId"] = i.GetProperty("networkId").GetInt32(),
            ["starkPrivateKey"] = i.GetProperty("starkPrivateKey").GetString()!,
            ["positionId"] = i.GetProperty("positionId").GetString()!,
            ["market"] = i.GetProperty("market").GetString()!,
            ["side"] = i.GetProperty("side").GetString()!,
            ["size"] = i.GetProperty("humanSize").GetString()!,
            ["price"] = i.GetProperty("humanPrice").GetString()!,
            ["limitFee"] = i.GetProperty("limitFee").GetString()!,
            ["clientId"] = i.GetProperty("clientId").GetString()!,
            ["expiration"] = i.GetProperty("expirationIsoTimestamp").GetString()!,
        });
        Assert.True(OrderLineParser.TryParse(Encoding.UTF8.GetBytes(line), out var order, out _, out string? error), error);
        return (order, i.GetProperty("starkPrivateKey").GetString()!, v.GetProperty("expected").GetProperty("signature").GetString()!);
    }

    private static DydxCredentials Credentials(string starkKey) => new("api-key-1", ApiSecret, Passphrase, starkKey, 0);

    [Fact]
    public void Signs_the_published_order_vector_exactly()
    {
        var (order, key, expected) = Vector();
        var signer = Sys.ActorOf(SignerActor.Props(Credentials(key)));
        signer.Tell(new SignOrder(order));
        var signed = ExpectMsg<OrderSigned>();
        Assert.Equal(expected, signed.Signature);
        Assert.Equal(order.ClientId, signed.ClientId);
    }

    [Fact]
    public void An_order_that_does_not_fit_the_stark_quanta_is_refused_not_crashed()
    {
        var (order, key, _) = Vector();
        var signer = Sys.ActorOf(SignerActor.Props(Credentials(key)));
        signer.Tell(new SignOrder(order with { Size = ExactDecimalOf("0.00000000001") }));
        Assert.Contains("size", ExpectMsg<OrderSigningFailed>().Error, StringComparison.OrdinalIgnoreCase);
        signer.Tell(new SignOrder(order));
        ExpectMsg<OrderSigned>(); // still serving
    }

    [Fact]
    public void Request_signatures_verify_with_the_secret_and_carry_the_headers()
    {
        var (_, key, _) = Vector();
        var signer = Sys.ActorOf(SignerActor.Props(Credentials(key)));
        signer.Tell(new SignRequest("POST", "/v3/orders", """{"market":"BTC-USD"}""", "2021-02-01T19:38:54.508Z"));
        var auth = ExpectMsg<RequestAuthentication>();
        Assert.Equal("api-key-1", auth.ApiKey);
        Assert.Equal(Passphrase, auth.Passphrase);
        Assert.True(ApiSignatureVerifier.Verify(ApiSecret, auth.Timestamp, "POST", "/v3/orders", """{"market":"BTC-USD"}""", auth.Signature));
        Assert.False(ApiSignatureVerifier.Verify(ApiSecret, auth.Timestamp, "POST", "/v3/orders", """{"market":"ETH-USD"}""", auth.Signature));
    }

    [Fact]
    public void A_bad_stark_key_stops_start_up_without_echoing_it()
    {
        const string bad = "zz-not-a-key-but-secret";
        var e = Assert.Throws<Engine.Runtime.Hosting.ConfigurationException>(() => SignerActor.Props(Credentials(bad)));
        Assert.Contains("stark-private-key", e.Message);
        Assert.DoesNotContain(bad, e.Message);
    }

    [Fact]
    public void No_secret_appears_in_any_log_line_or_dead_letter_whatever_happens()
    {
        var (order, key, _) = Vector();
        var credentials = Credentials(key);
        var captured = new ConcurrentQueue<string>();
        var listener = Sys.ActorOf(Props.Create(() => new LogCapture(captured)));
        Sys.EventStream.Subscribe(listener, typeof(LogEvent));
        Sys.EventStream.Subscribe(listener, typeof(AllDeadLetters));

        var signer = Sys.ActorOf(SignerActor.Props(credentials), "signer");
        var probe = CreateTestProbe();
        signer.Tell(new SignOrder(order), probe);
        signer.Tell(new SignOrder(order with { Price = ExactDecimalOf("0.0000000000001") }), probe);
        signer.Tell(new SignRequest("GET", "/v3/accounts", "", "2021-02-01T19:38:54.508Z"), probe);
        signer.Tell(new SignAccountsSubscription("2021-02-01T19:38:54.508Z"), probe);
        probe.ReceiveN(4);
        // Replies nobody receives become logged dead letters; a crash logs the exception and restarts the signer.
        signer.Tell(new SignRequest("GET", "/v3/fills", "", "2021-02-01T19:38:54.508Z"), ActorRefs.NoSender);
        signer.Tell(new SignOrder(order), ActorRefs.NoSender);
        signer.Tell(new SimulateFailure("test"), probe);
        signer.Tell("an unhandled message", probe);
        signer.Tell(GetStarkPublicKey.Instance, probe);
        Assert.NotEmpty(probe.ExpectMsg<StarkPublicKeyIs>().Hex);
        AwaitCondition(() => captured.Any(l => l.Contains("DeadLetter", StringComparison.Ordinal)) && captured.Any(l => l.Contains("injected failure")), TimeSpan.FromSeconds(5));
        Sys.Stop(signer);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.True(captured.Count > 5, "the capture saw the run's log");
        foreach (string secret in new[] { ApiSecret, Passphrase, key, key.TrimStart('0') })
            foreach (string line in captured)
                Assert.False(line.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a secret leaked into: {line}");
        Assert.DoesNotContain(ApiSecret, credentials.ToString());
    }

    private static Engine.Stark.Numerics.ExactDecimal ExactDecimalOf(string text) => Engine.Stark.Numerics.ExactDecimal.Parse(text);

    private sealed class LogCapture : ReceiveActor
    {
        public LogCapture(ConcurrentQueue<string> lines)
        {
            Receive<LogEvent>(e => lines.Enqueue($"{e.LogLevel()} {e.LogSource} {e.Message} {e.Cause}"));
            Receive<AllDeadLetters>(d => lines.Enqueue($"DeadLetter {d.Message} from {d.Sender} to {d.Recipient}"));
        }
    }
}
