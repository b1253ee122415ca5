using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Engine.Dydx.Tests.Rest;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>
/// A scriptable /v3/ws endpoint on loopback. Each accepted connection becomes a <see cref="ServerConnection"/> the
/// test drives: read what the client sent, send frames (whole or fragmented), close or abort. With
/// <paramref name="readClientMessages"/> false the server never reads its socket (so it never answers pings).
/// </summary>
public sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private readonly Channel<ServerConnection> _connections = Channel.CreateUnbounded<ServerConnection>();
    private LoopbackServer _server = null!;
    private int _accepted;

    public Uri Uri => _server.WebSocketUri;

    public int Accepted => Volatile.Read(ref _accepted);

    public static async Task<LoopbackWebSocketServer> StartAsync(bool readClientMessages = true, TimeSpan? pingInterval = null, TimeSpan? pongTimeout = null)
    {
        var ws = new LoopbackWebSocketServer();
        ws._server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (!context.WebSockets.IsWebSocketRequest || context.Request.Path != "/v3/ws")
            {
                context.Response.StatusCode = 404;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new ServerConnection(socket, Interlocked.Increment(ref ws._accepted));
            await ws._connections.Writer.WriteAsync(connection);
            if (readClientMessages) await connection.ReadUntilClosedAsync();
            else await connection.Closed;
        }, pingInterval, pongTimeout);
        return ws;
    }

    /// <summary>The next connection the client makes (waits up to <paramref name="timeout"/>, default 5 s).</summary>
    public async Task<ServerConnection> NextConnectionAsync(TimeSpan? timeout = null) =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(5));

    public async ValueTask DisposeAsync()
    {
        while (_connections.Reader.TryRead(out var c)) c.Abort();
        await _server.DisposeAsync();
    }
}

/// <summary>The server's side of one client connection.</summary>
public sealed class ServerConnection(WebSocket socket, int number)
{
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sentFrames;

    public int Number { get; } = number;

    public Task Closed => _closed.Task;

    public long SentFrames => Interlocked.Read(ref _sentFrames);

    public WebSocketState State => socket.State;

    /// <summary>The next message the client sent (waits up to 5 s).</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(5));

    public async Task<string[]> ReceiveAsync(int count)
    {
        var messages = new string[count];
        for (int i = 0; i < count; i++) messages[i] = await ReceiveAsync();
        return messages;
    }

    public bool TryReceive(out string message) => _received.Reader.TryRead(out message!);

    public Task SendAsync(string text, CancellationToken cancellation = default) => SendAsync(Encoding.UTF8.GetBytes(text), 1, cancellation);

    /// <summary>Sends one message split into <paramref name="fragments"/> WebSocket frames.</summary>
    public async Task SendAsync(byte[] message, int fragments, CancellationToken cancellation = default)
    {
        await _sendLock.WaitAsync(cancellation);
        try
        {
            int size = (message.Length + fragments - 1) / fragments;
            for (int offset = 0; offset < message.Length || offset == 0; offset += size)
            {
                int length = Math.Min(size, message.Length - offset);
                bool last = offset + length >= message.Length;
                await socket.SendAsync(message.AsMemory(offset, length), WebSocketMessageType.Text, last, cancellation);
                if (last) break;
            }
            Interlocked.Increment(ref _sentFrames);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task CloseAsync()
    {
        try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); }
        catch (WebSocketException) { }
        _closed.TrySetResult();
    }

    public void Abort()
    {
        socket.Abort();
        _closed.TrySetResult();
    }

    internal async Task ReadUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) break;
                await _received.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, count));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away: the test observes it through Closed.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
