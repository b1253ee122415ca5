using System.Text.Json;
using Engine.Sandbox.Server;
using Engine.Stark.ApiKeys;
using Xunit;

namespace Engine.Sandbox.Tests.Server.Support;

/// <summary>
/// A running sandbox server on an ephemeral loopback port with two funded accounts (Alice, Bob) whose STARK keys the
/// tests hold. Default: BTC-USD and ETH-USD at v3's rules, no background feed, fast pings off.
/// </summary>
internal sealed class ServerScope : IAsyncDisposable
{
    private readonly List<WsClient> _sockets = new();

    /// <summary>
    /// The server runs inside the test host, whose runner keeps a couple of thread-pool threads blocked; on a 2-core
    /// machine that leaves the pool (minimum = core count) one thread, and the pool's injection then stalls work for
    /// ~0.5–0.9 s now and then (reproducible with a bare Task.Run loop). A standalone server does not need this.
    /// </summary>
    static ServerScope()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), Math.Max(io, 8));
    }

    private ServerScope(SandboxServer server, SandboxClient alice, SandboxClient bob)
    {
        Server = server;
        Alice = alice;
        Bob = bob;
        Public = new SandboxClient(server);
    }

    public SandboxServer Server { get; }
    public SandboxClient Alice { get; }
    public SandboxClient Bob { get; }
    public SandboxClient Public { get; }

    public static async Task<ServerScope> StartAsync(SandboxServerOptions? options = null, decimal collateral = 1_000_000m)
    {
        var server = await SandboxServer.StartNewAsync(options ?? new SandboxServerOptions());
        try
        {
            var aliceKey = SandboxClient.Key(1);
            var bobKey = SandboxClient.Key(2);
            var alice = await server.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = aliceKey.PublicKey.ToHex(), Collateral = collateral });
            var bob = await server.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = bobKey.PublicKey.ToHex(), Collateral = collateral });
            return new ServerScope(server, new SandboxClient(server, alice, aliceKey), new SandboxClient(server, bob, bobKey));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connected WebSocket client whose "connected" message has been read.</summary>
    public async Task<WsClient> ConnectAsync(bool autoReceive = true, int? receiveBufferBytes = null)
    {
        var ws = await WsClient.ConnectAsync(Server.WebSocketUrl, autoReceive, receiveBufferBytes);
        _sockets.Add(ws);
        if (autoReceive) await ws.NextAsync("connected");
        return ws;
    }

    /// <summary>Subscribes to v3_accounts with the client's API key and returns the "subscribed" message.</summary>
    public static async Task<JsonElement> SubscribeAccountsAsync(WsClient ws, SandboxClient client, DateTimeOffset? at = null,
        Base64Alphabet alphabet = Base64Alphabet.UrlSafe, string? secret = null)
    {
        var credentials = client.Account!.ApiKey;
        string timestamp = ApiTimestamp.Format(at ?? DateTimeOffset.UtcNow);
        string signature = ApiRequestSigner.SignAccountsSubscription(secret ?? credentials.Secret, timestamp, alphabet);
        await ws.SendAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "subscribe",
            ["channel"] = "v3_accounts",
            ["accountNumber"] = "0",
            ["apiKey"] = credentials.Key,
            ["passphrase"] = credentials.Passphrase,
            ["timestamp"] = timestamp,
            ["signature"] = signature,
        }));
        return await ws.NextAsync(m => WsClient.Type(m) is "subscribed" or "error");
    }

    /// <summary>The next v3_accounts update carrying the order in the given status.</summary>
    public static Task<JsonElement> NextOrderUpdateAsync(WsClient ws, string orderId, string status, TimeSpan? timeout = null) =>
        ws.NextAsync(m => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_accounts"
                          && m.GetProperty("contents").GetProperty("orders").EnumerateArray()
                              .Any(o => o.GetProperty("id").GetString() == orderId && o.GetProperty("status").GetString() == status), timeout);

    public static JsonElement OrderIn(JsonElement message, string orderId) =>
        message.GetProperty("contents").GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("id").GetString() == orderId);

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing after the timeout.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what ?? "condition"}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the asynchronous <paramref name="condition"/> holds (polling), failing after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what ?? "condition"}");
            await Task.Delay(20);
        }
    }

    /// <summary>The order's status over REST.</summary>
    public static async Task<string?> StatusAsync(SandboxClient client, string orderId) =>
        (await client.GetPrivateAsync($"/v3/orders/{orderId}")).Body.GetProperty("order").GetProperty("status").GetString();

    public async ValueTask DisposeAsync()
    {
        foreach (var ws in _sockets) await ws.DisposeAsync();
        await Server.DisposeAsync();
    }
}
