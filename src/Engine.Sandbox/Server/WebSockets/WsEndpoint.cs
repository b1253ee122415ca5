using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Engine.Sandbox.Server.WebSockets;

/// <summary>
/// GET /v3/ws: accepts the upgrade (the server pings at the configured interval and aborts a connection whose pong
/// does not come within the timeout), sends "connected", then reads subscribe / unsubscribe messages one at a time.
/// Subscriptions are carried out on the exchange thread; v3_accounts is authenticated here first.
/// </summary>
internal sealed class WsEndpoint(ExchangeLoop loop, RequestAuthenticator auth, SandboxClock clock, SandboxServerOptions options)
{
    private const int MaxMessageBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, WsConnection> _connections = new(StringComparer.Ordinal);
    private long _slowClientsDropped;

    public int Count => _connections.Count;

    public long SlowClientsDropped => Interlocked.Read(ref _slowClientsDropped);

    public IReadOnlyCollection<string> ConnectionIds => _connections.Keys.ToList();

    public void Drop(string? connectionId, string reason)
    {
        foreach (var (id, connection) in _connections)
            if (connectionId is null || id == connectionId) connection.Kill(reason);
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.PingInterval,
            KeepAliveTimeout = options.PongTimeout,
        });
        var connection = new WsConnection(socket, options.WebSocketSendQueue);
        _connections[connection.Id] = connection;
        connection.Enqueue(Outgoing.Connected);
        var sender = Task.Run(connection.SendLoopAsync);
        bool clientClosed = false;
        try
        {
            clientClosed = await ReceiveLoopAsync(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            loop.Post(_ => loop.Hub.Remove(connection));
            if (connection.KillReason?.StartsWith("send queue full", StringComparison.Ordinal) == true)
                Interlocked.Increment(ref _slowClientsDropped);
        }
        if (clientClosed && !connection.IsKilled)
        {
            connection.Complete();
            await Task.WhenAny(sender, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
        connection.Kill("closed");
        await sender.ConfigureAwait(false);
    }

    /// <summary>Reads messages until the client closes (true) or the connection breaks.</summary>
    private async Task<bool> ReceiveLoopAsync(WsConnection connection)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (connection.Socket.State == WebSocketState.Open)
        {
            var result = await connection.Socket.ReceiveAsync(buffer, connection.Closed).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return true;
            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                connection.Enqueue(Outgoing.Error($"Message too large (more than {MaxMessageBytes} bytes)")); // [sim]
                message.SetLength(0);
                while (!result.EndOfMessage) result = await connection.Socket.ReceiveAsync(buffer, connection.Closed).ConfigureAwait(false);
                continue;
            }
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Text) await HandleMessageAsync(connection, message.GetBuffer().AsMemory(0, (int)message.Length)).ConfigureAwait(false);
            else connection.Enqueue(Outgoing.Error("Binary messages are not supported")); // [sim]
            message.SetLength(0);
        }
        return false;
    }

    private async Task HandleMessageAsync(WsConnection connection, ReadOnlyMemory<byte> text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            connection.Enqueue(Outgoing.Error("Invalid message: not JSON")); // [sim]
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                connection.Enqueue(Outgoing.Error("Invalid message: expected a JSON object")); // [sim]
                return;
            }
            string? type = Str(root, "type");
            string? channel = Str(root, "channel");
            string? id = Str(root, "id");
            if (type is not ("subscribe" or "unsubscribe"))
            {
                connection.Enqueue(Outgoing.Error($"Invalid message type: {type ?? "(missing)"}")); // [sim]
                return;
            }
            if (channel is not (WsHub.Orderbook or WsHub.Trades or WsHub.Markets or WsHub.Accounts))
            {
                connection.Enqueue(Outgoing.Error($"Invalid channel: {channel ?? "(missing)"}")); // [sim]
                return;
            }
            if (type == "unsubscribe")
            {
                await loop.InvokeAsync(_ =>
                {
                    loop.Hub.Unsubscribe(connection, channel, id, clock.WallNow());
                    return true;
                }).ConfigureAwait(false);
                return;
            }

            OnboardedAccount? account = null;
            if (channel == WsHub.Accounts)
            {
                string? number = Str(root, "accountNumber");
                int accountNumber = 0;
                if (number is not null && !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out accountNumber))
                {
                    connection.Enqueue(Outgoing.Error($"Invalid accountNumber: {number}")); // [sim]
                    return;
                }
                var outcome = auth.AuthenticateAccountsChannel(Str(root, "apiKey"), Str(root, "passphrase"), Str(root, "timestamp"), Str(root, "signature"), accountNumber);
                if (!outcome.Ok)
                {
                    connection.Enqueue(Outgoing.Error(outcome.Errors[0].Message));
                    return;
                }
                account = outcome.Account;
            }
            var request = new SubscribeRequest(channel, id, Flag(root, "includeOffsets"), Flag(root, "batched"), account);
            await loop.InvokeAsync(_ =>
            {
                loop.Hub.Subscribe(connection, request, clock.WallNow());
                return true;
            }).ConfigureAwait(false);
        }
    }

    /// <summary>A string field (numbers are taken as their text, as clients sent accountNumber both ways).</summary>
    private static string? Str(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    /// <summary>v3 clients sent flags as true or "true".</summary>
    private static bool Flag(JsonElement root, string name) => root.TryGetProperty(name, out var v) && v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
