using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Engine.Sandbox.Tests.Server.Support;

/// <summary>
/// A v3 WebSocket test client on ClientWebSocket: a background loop parses every message into <see cref="All"/> and a
/// queue; <see cref="NextAsync"/> waits for the next message matching a predicate. With autoReceive off nothing is
/// read (so pings go unanswered) until the test reads by hand.
/// </summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _queue = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _all = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiver;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <param name="receiveBufferBytes">A small kernel receive buffer (set before connecting) makes a client that stops reading back up quickly.</param>
    public static async Task<WsClient> ConnectAsync(Uri url, bool autoReceive = true, int? receiveBufferBytes = null)
    {
        var client = new WsClient();
        client._socket.Options.KeepAliveInterval = TimeSpan.Zero; // never pong unasked: only answers to the server's pings count
        if (receiveBufferBytes is { } bytes)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, ct) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
                    {
                        NoDelay = true,
                        ReceiveBufferSize = bytes,
                    };
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            };
            await client._socket.ConnectAsync(url, new HttpMessageInvoker(handler), CancellationToken.None);
        }
        else await client._socket.ConnectAsync(url, CancellationToken.None);
        if (autoReceive) client.StartReceiving();
        return client;
    }

    public ClientWebSocket Socket => _socket;

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<JsonElement> All
    {
        get { lock (_all) return _all.ToList(); }
    }

    /// <summary>Completes when the connection ends (closed or aborted by the server).</summary>
    public Task Closed => _closed.Task;

    public void StartReceiving() => _receiver ??= Task.Run(ReceiveLoopAsync);

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string channel, string? id = null, bool includeOffsets = false, bool batched = false)
    {
        var text = new StringBuilder("{\"type\":\"subscribe\",\"channel\":\"").Append(channel).Append('"');
        if (id is not null) text.Append(",\"id\":\"").Append(id).Append('"');
        if (includeOffsets) text.Append(",\"includeOffsets\":true");
        if (batched) text.Append(",\"batched\":true");
        return SendAsync(text.Append('}').ToString());
    }

    /// <summary>The next message (in arrival order) that matches; earlier non-matching ones are passed over.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var message = await _queue.Reader.ReadAsync(cts.Token);
                if (match is null || match(message)) return message;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching WebSocket message within {timeout ?? DefaultTimeout}; got {All.Count}: " +
                string.Join("\n", All.TakeLast(5).Select(m => m.GetRawText())));
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("the connection closed before a matching message arrived");
        }
    }

    /// <summary>The next message of a type (and channel).</summary>
    public Task<JsonElement> NextAsync(string type, string? channel = null, TimeSpan? timeout = null) =>
        NextAsync(m => Type(m) == type && (channel is null || Channel(m) == channel), timeout);

    /// <summary>Messages that arrive within <paramref name="window"/> and match.</summary>
    public async Task<List<JsonElement>> CollectAsync(TimeSpan window, Func<JsonElement, bool>? match = null)
    {
        var collected = new List<JsonElement>();
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                var message = await _queue.Reader.ReadAsync(cts.Token);
                if (match is null || match(message)) collected.Add(message);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
        return collected;
    }

    /// <summary>Reads one message by hand (autoReceive off).</summary>
    public async Task<JsonElement> ReceiveOneAsync()
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed");
            text.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        using var doc = JsonDocument.Parse(text.ToArray());
        return doc.RootElement.Clone();
    }

    public static string? Type(JsonElement m) => m.TryGetProperty("type", out var t) ? t.GetString() : null;

    public static string? Channel(JsonElement m) => m.TryGetProperty("channel", out var c) ? c.GetString() : null;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                text.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                JsonElement message;
                using (var doc = JsonDocument.Parse(text.ToArray())) message = doc.RootElement.Clone();
                text.SetLength(0);
                lock (_all) _all.Add(message);
                _queue.Writer.TryWrite(message);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        _socket.Abort();
        if (_receiver is not null) await Task.WhenAny(_receiver, Task.Delay(2000));
        _socket.Dispose();
    }
}
