using System.Text;
using System.Text.Json;
using Engine.Dydx.Auth;
using Engine.Dydx.Streaming;
using Engine.Dydx.Tests.Rest;
using Engine.TestSupport;
using Xunit;
using FeedChannel = Engine.Dydx.Feed.Channel;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>The WebSocket connection against a loopback /v3/ws: subscriptions, frames, pings, reconnects.</summary>
public sealed class StreamConnectionTests
{
    [Fact]
    public async Task Subscribes_on_connect_and_delivers_every_frame_exactly_as_received()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        await connection.SubscribeAsync(StreamSubscription.Orderbook("ETH-USD", includeOffsets: true, batched: true));
        await connection.SubscribeAsync(StreamSubscription.Trades("ETH-USD"));
        await connection.SubscribeAsync(StreamSubscription.Markets());
        var before = DateTimeOffset.UtcNow;
        connection.Start();

        var side = await server.NextConnectionAsync();
        Assert.Equal(
        [
            """{"type":"subscribe","channel":"v3_orderbook","id":"ETH-USD","includeOffsets":true,"batched":true}""",
            """{"type":"subscribe","channel":"v3_trades","id":"ETH-USD"}""",
            """{"type":"subscribe","channel":"v3_markets"}""",
        ], await side.ReceiveAsync(3));

        // The real pretty-printed snapshot, split over many WebSocket frames, arrives as one message byte for byte.
        byte[] snapshot = File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", "depth-snapshot.json"));
        await side.SendAsync(StreamTestSupport.Connected());
        await side.SendAsync(snapshot, fragments: 7);

        Assert.Equal(StreamTestSupport.Connected(), await connection.NextTextAsync());
        using var frame = await connection.NextFrameAsync();
        Assert.Equal(snapshot, frame.ToArray());
        Assert.Equal(1, frame.Connection);
        Assert.InRange(frame.ReceivedAt.ToDateTimeOffset(), before, DateTimeOffset.UtcNow);
        Assert.Equal(2, connection.Counters.FramesReceived);
        Assert.Equal(snapshot.Length + StreamTestSupport.Connected().Length, connection.Counters.BytesReceived);
    }

    [Fact]
    public async Task Subscriptions_added_while_connected_are_sent_at_once_and_unsubscribe_is_sent_too()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        connection.Start();
        var side = await server.NextConnectionAsync();
        await StreamTestSupport.Eventually(() => connection.State == StreamConnectionState.Connected, "connected");
        await connection.SubscribeAsync(StreamSubscription.Orderbook("BTC-USD"));
        Assert.Equal("""{"type":"subscribe","channel":"v3_orderbook","id":"BTC-USD","includeOffsets":true}""", await side.ReceiveAsync());
        await connection.UnsubscribeAsync(StreamSubscription.Orderbook("BTC-USD"));
        Assert.Equal("""{"type":"unsubscribe","channel":"v3_orderbook","id":"BTC-USD"}""", await side.ReceiveAsync());
        Assert.Empty(connection.Subscriptions);
    }

    [Fact]
    public async Task The_accounts_subscription_is_signed_for_GET_ws_accounts_at_server_time()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        var clock = new ServerClock();
        var now = DateTimeOffset.UtcNow;
        clock.AddSample(now, now.AddHours(1), now); // the exchange's clock is an hour ahead of ours
        var auth = new HmacTestAuthenticator();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri), auth, clock);
        await connection.SubscribeAsync(StreamSubscription.Accounts(accountNumber: 0));
        connection.Start();

        var side = await server.NextConnectionAsync();
        using var message = JsonDocument.Parse(await side.ReceiveAsync());
        var m = message.RootElement;
        Assert.Equal("subscribe", m.GetProperty("type").GetString());
        Assert.Equal("v3_accounts", m.GetProperty("channel").GetString());
        Assert.Equal("0", m.GetProperty("accountNumber").GetString());
        Assert.Equal(HmacTestAuthenticator.ApiKey, m.GetProperty("apiKey").GetString());
        Assert.Equal(HmacTestAuthenticator.Passphrase, m.GetProperty("passphrase").GetString());
        string timestamp = m.GetProperty("timestamp").GetString()!;
        Assert.Equal(HmacTestAuthenticator.Sign(timestamp + "GET" + "/ws/accounts"), m.GetProperty("signature").GetString());
        var signedAt = DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((signedAt - DateTimeOffset.UtcNow.AddHours(1)).TotalSeconds, -5, 1);
    }

    [Fact]
    public async Task The_accounts_channel_needs_an_authenticator()
    {
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(new Uri("ws://127.0.0.1:1/v3/ws")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.SubscribeAsync(StreamSubscription.Accounts()));
    }

    [Fact]
    public async Task Server_pings_are_answered_so_the_server_keeps_the_connection()
    {
        // The server pings every 100 ms and drops a connection whose pong is 300 ms late, as v3 does at 30 s / 10 s.
        await using var server = await LoopbackWebSocketServer.StartAsync(pingInterval: TimeSpan.FromMilliseconds(100), pongTimeout: TimeSpan.FromMilliseconds(300));
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        connection.Start();
        var side = await server.NextConnectionAsync();
        await Task.Delay(1500);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, side.State);
        Assert.False(side.Closed.IsCompleted);
        Assert.Equal(1, connection.Counters.Connects);
        await side.SendAsync(StreamTestSupport.Connected());
        Assert.Equal(StreamTestSupport.Connected(), await connection.NextTextAsync());
    }

    [Fact]
    public async Task A_peer_that_stops_answering_our_pings_is_detected_and_replaced()
    {
        // This server never reads its socket, so it never answers pings.
        await using var server = await LoopbackWebSocketServer.StartAsync(readClientMessages: false);
        var options = StreamTestSupport.Options(server.Uri) with
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(100),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(300),
        };
        await using var connection = new DydxStreamConnection(options);
        var events = connection.RecordEvents();
        connection.Start();
        await server.NextConnectionAsync();
        var second = await server.NextConnectionAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, second.Number);
        Assert.Contains(events, e => e.State == StreamConnectionState.Disconnected && e.Reason == DisconnectReason.Error);
    }

    [Fact]
    public async Task A_silent_connection_is_replaced_after_the_idle_timeout()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        var options = StreamTestSupport.Options(server.Uri) with { IdleTimeout = TimeSpan.FromSeconds(1) }; // well above the 100 ms keep-alive gaps, even on a loaded machine
        await using var connection = new DydxStreamConnection(options);
        var events = connection.RecordEvents();
        connection.Start();
        var first = await server.NextConnectionAsync();
        // Traffic keeps it alive...
        for (int i = 0; i < 5; i++)
        {
            await first.SendAsync(StreamTestSupport.Connected(i));
            await Task.Delay(100);
        }
        Assert.Equal(0, connection.Counters.IdleTimeouts);
        // ...silence does not.
        var second = await server.NextConnectionAsync();
        Assert.Equal(2, second.Number);
        Assert.Equal(1, connection.Counters.IdleTimeouts);
        Assert.Contains(events, e => e.Reason == DisconnectReason.IdleTimeout);
    }

    [Fact]
    public async Task After_a_drop_it_reconnects_with_back_off_and_resubscribes_everything()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri), random: () => 0.0);
        var events = connection.RecordEvents();
        await connection.SubscribeAsync(StreamSubscription.Orderbook("BTC-USD"));
        await connection.SubscribeAsync(StreamSubscription.Trades("BTC-USD"));
        connection.Start();

        var first = await server.NextConnectionAsync();
        var subscriptions = await first.ReceiveAsync(2);
        await first.SendAsync(StreamTestSupport.Connected());
        using (var frame = await connection.NextFrameAsync()) Assert.Equal(1, frame.Connection);
        var dropped = DateTimeOffset.UtcNow;
        first.Abort();

        var second = await server.NextConnectionAsync();
        Assert.True(DateTimeOffset.UtcNow - dropped >= TimeSpan.FromMilliseconds(90), "waits the back-off before reconnecting");
        Assert.Equal(subscriptions, await second.ReceiveAsync(2));
        await second.SendAsync(StreamTestSupport.Connected());
        using (var frame = await connection.NextFrameAsync()) Assert.Equal(2, frame.Connection);
        Assert.Equal(2, connection.Counters.Connects);
        Assert.Equal(2, connection.CurrentConnection);
        var states = events.Select(e => e.State).ToArray();
        Assert.Equal(
            [StreamConnectionState.Connecting, StreamConnectionState.Connected, StreamConnectionState.Disconnected, StreamConnectionState.Connecting, StreamConnectionState.Connected],
            states[..5]);
    }

    [Fact]
    public async Task A_server_close_is_followed_by_a_reconnect()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        var events = connection.RecordEvents();
        connection.Start();
        var first = await server.NextConnectionAsync();
        await first.CloseAsync();
        var second = await server.NextConnectionAsync();
        Assert.Equal(2, second.Number);
        Assert.Contains(events, e => e.Reason == DisconnectReason.ClosedByServer);
    }

    [Fact]
    public async Task Failed_connects_back_off_exponentially()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = StreamTestSupport.Options(new Uri($"ws://127.0.0.1:{port}/v3/ws")) with
        {
            ReconnectBackoff = new Engine.Dydx.Resilience.BackoffPolicy { Initial = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(10) },
        };
        await using var connection = new DydxStreamConnection(options, random: () => 0.0);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        connection.StateChanged += e => { if (e.Reason == DisconnectReason.ConnectFailed) failures.Enqueue(DateTimeOffset.UtcNow); };
        connection.Start();
        await StreamTestSupport.Eventually(() => failures.Count >= 4, "four failed connects");
        var times = failures.ToArray();
        double[] ceilings = [100, 200, 400];
        for (int i = 0; i < 3; i++)
            Assert.True((times[i + 1] - times[i]).TotalMilliseconds >= ceilings[i] - 10, $"attempt {i + 2} came {(times[i + 1] - times[i]).TotalMilliseconds} ms after the previous");
        Assert.Equal(0, connection.Counters.Connects);
    }

    [Fact]
    public async Task Resubscribe_sends_unsubscribe_then_subscribe_for_a_fresh_snapshot()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        await connection.SubscribeAsync(StreamSubscription.Orderbook("BTC-USD", includeOffsets: true));
        connection.Start();
        var side = await server.NextConnectionAsync();
        await side.ReceiveAsync();
        Assert.True(await connection.ResubscribeAsync(FeedChannel.Orderbook, "BTC-USD"));
        Assert.Equal(
        [
            """{"type":"unsubscribe","channel":"v3_orderbook","id":"BTC-USD"}""",
            """{"type":"subscribe","channel":"v3_orderbook","id":"BTC-USD","includeOffsets":true}""",
        ], await side.ReceiveAsync(2));
        Assert.False(await connection.ResubscribeAsync(FeedChannel.Orderbook, "ETH-USD"));
    }

    [Fact]
    public async Task Subscribes_per_market_are_spaced_to_the_servers_limit()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri) with { SubscribesPerSecond = 2 });
        await connection.SubscribeAsync(StreamSubscription.Orderbook("BTC-USD"));
        connection.Start();
        var side = await server.NextConnectionAsync();
        await side.ReceiveAsync();
        var started = DateTimeOffset.UtcNow;
        // Two resyncs = two more subscribes of BTC-USD: the third subscribe within a second must wait.
        await connection.ResubscribeAsync(FeedChannel.Orderbook, "BTC-USD");
        await connection.ResubscribeAsync(FeedChannel.Orderbook, "BTC-USD");
        await side.ReceiveAsync(4);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task A_message_larger_than_the_limit_is_a_protocol_error_and_the_connection_is_replaced()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri) with { MaxMessageBytes = 64 * 1024 });
        connection.Start();
        var first = await server.NextConnectionAsync();
        await first.SendAsync(Encoding.UTF8.GetBytes(new string('x', 200 * 1024)), fragments: 4);
        var second = await server.NextConnectionAsync();
        Assert.Equal(2, second.Number);
        Assert.Equal(0, connection.Counters.FramesReceived);
    }

    [Fact]
    public async Task Dispose_stops_the_loop_and_completes_the_frames()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        connection.Start();
        var side = await server.NextConnectionAsync();
        await side.SendAsync(StreamTestSupport.Connected());
        await StreamTestSupport.Eventually(() => connection.Counters.FramesReceived == 1, "first frame");
        await connection.DisposeAsync();
        Assert.Equal(StreamConnectionState.Stopped, connection.State);
        // Frames already received stay readable; then the reader completes.
        var frames = new List<RawFrame>();
        await foreach (var frame in connection.Frames.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token))
            frames.Add(frame);
        Assert.Single(frames);
        await side.Closed.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
