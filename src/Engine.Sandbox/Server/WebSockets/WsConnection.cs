using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Engine.Sandbox.Server.Json;

namespace Engine.Sandbox.Server.WebSockets;

internal enum OutgoingKind : byte { Connected, Subscribed, ChannelData, ChannelBatchData, Unsubscribed, Error, Lost }

/// <summary>
/// A message waiting in a connection's queue. Contents are shared, pre-serialised JSON (one serialisation per
/// update, however many subscribers); the envelope with the per-connection message_id is written when it is sent.
/// </summary>
internal sealed record Outgoing(OutgoingKind Kind, string? Channel = null, string? Id = null, byte[]? Contents = null, string? Message = null)
{
    public static readonly Outgoing Connected = new(OutgoingKind.Connected);

    /// <summary>A message lost in transit (a fault): it takes a message_id and is never sent.</summary>
    public static readonly Outgoing Lost = new(OutgoingKind.Lost);

    public static Outgoing Error(string message) => new(OutgoingKind.Error, Message: message);
}

/// <summary>
/// One WebSocket client: a bounded send queue drained by its own sender task, so the exchange thread only ever does
/// a non-blocking TryWrite. A client that lets the queue fill up (it reads too slowly) is disconnected.
/// message_id counts from 0 (the connected message) in the order messages actually go out.
/// </summary>
internal sealed class WsConnection
{
    private readonly Channel<Outgoing> _queue;
    private readonly CancellationTokenSource _closed = new();
    private long _messageId;
    private int _killed;

    public WsConnection(WebSocket socket, int queueCapacity)
    {
        Socket = socket;
        QueueCapacity = Math.Max(1, queueCapacity);
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: that is the slow-client signal
        });
    }

    public string Id { get; } = Guid.NewGuid().ToString("D");

    public WebSocket Socket { get; }

    public int QueueCapacity { get; }

    /// <summary>Messages waiting to be sent.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Why the server cut the connection (null if it did not).</summary>
    public string? KillReason { get; private set; }

    public bool IsKilled => Volatile.Read(ref _killed) != 0;

    public CancellationToken Closed => _closed.Token;

    /// <summary>Queues a message without blocking; a full queue disconnects the client.</summary>
    public bool Enqueue(Outgoing message)
    {
        if (IsKilled) return false;
        if (_queue.Writer.TryWrite(message)) return true;
        Kill("send queue full: the client reads too slowly");
        return false;
    }

    /// <summary>No more messages; the sender finishes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Drops the connection at once (a fault, a slow client, shutdown).</summary>
    public void Kill(string reason)
    {
        if (Interlocked.Exchange(ref _killed, 1) != 0) return;
        KillReason = reason;
        _queue.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        Socket.Abort();
    }

    public async Task SendLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, V3Json.WriterOptions);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_closed.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var message))
                {
                    if (message.Kind == OutgoingKind.Lost)
                    {
                        _messageId++;
                        continue;
                    }
                    buffer.ResetWrittenCount();
                    writer.Reset(buffer);
                    WriteEnvelope(writer, message, _messageId++);
                    await Socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, _closed.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            Kill("send failed");
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The v3 envelope, field order as in the real captures.</summary>
    private void WriteEnvelope(Utf8JsonWriter w, Outgoing m, long messageId)
    {
        w.WriteStartObject();
        switch (m.Kind)
        {
            case OutgoingKind.Connected:
                w.WriteString("type", "connected");
                w.WriteString("connection_id", Id);
                w.WriteNumber("message_id", messageId);
                break;
            case OutgoingKind.Subscribed:
                w.WriteString("type", "subscribed");
                w.WriteString("connection_id", Id);
                w.WriteNumber("message_id", messageId);
                w.WriteString("channel", m.Channel);
                if (m.Id is not null) w.WriteString("id", m.Id);
                w.WritePropertyName("contents");
                w.WriteRawValue(m.Contents, skipInputValidation: true);
                break;
            case OutgoingKind.ChannelData:
            case OutgoingKind.ChannelBatchData:
                w.WriteString("type", m.Kind == OutgoingKind.ChannelData ? "channel_data" : "channel_batch_data");
                w.WriteString("connection_id", Id);
                w.WriteNumber("message_id", messageId);
                if (m.Id is not null) w.WriteString("id", m.Id);
                w.WriteString("channel", m.Channel);
                w.WritePropertyName("contents");
                w.WriteRawValue(m.Contents, skipInputValidation: true);
                break;
            case OutgoingKind.Unsubscribed:
                w.WriteString("type", "unsubscribed");
                w.WriteString("connection_id", Id);
                w.WriteNumber("message_id", messageId);
                w.WriteString("channel", m.Channel);
                if (m.Id is not null) w.WriteString("id", m.Id);
                break;
            case OutgoingKind.Error:
                w.WriteString("type", "error");
                w.WriteString("message", m.Message);
                w.WriteString("connection_id", Id);
                w.WriteNumber("message_id", messageId);
                break;
        }
        w.WriteEndObject();
        w.Flush();
    }
}
