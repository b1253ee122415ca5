using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Engine.Core.Primitives;
using Engine.Dydx.Auth;
using FeedChannel = Engine.Dydx.Feed.Channel;

namespace Engine.Dydx.Streaming;

/// <summary>
/// One v3 WebSocket (/v3/ws) that stays up: it connects, (re)sends every subscription, answers the server's pings,
/// pings the server itself to detect a dead peer, optionally treats silence as death, and reconnects with jittered
/// back-off after any failure. Frames are delivered through <see cref="Frames"/> exactly as received, unparsed,
/// with their local receive time. The frame buffer is bounded and the reader waits for room before it reads the
/// next message from the socket, so a slow consumer slows the socket down (TCP pushes back on the server) and no
/// frame is ever dropped. A consumer slower than the server's 10 s pong deadline therefore loses the connection:
/// it then sees a reconnect and fresh snapshots, never a silent hole.
/// </summary>
public sealed class DydxStreamConnection : IAsyncDisposable
{
    private const int InitialReceiveBuffer = 64 * 1024;
    private readonly DydxStreamOptions _options;
    private readonly IRequestAuthenticator? _authenticator;
    private readonly ServerClock _clock;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly Channel<RawFrame> _frames;
    private readonly object _gate = new();
    private readonly Dictionary<string, StreamSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SubscribeThrottle _throttle;
    private readonly CancellationTokenSource _stop = new();
    private WebSocket? _socket;
    private CancellationTokenSource? _connectionCancel;
    private long _connection;
    private Task? _loop;
    private volatile StreamConnectionState _state = StreamConnectionState.Idle;

    /// <param name="authenticator">Needed only for the v3_accounts subscription.</param>
    /// <param name="clock">Server-corrected time for the accounts subscription's signed timestamp (share the REST client's).</param>
    public DydxStreamConnection(DydxStreamOptions options, IRequestAuthenticator? authenticator = null, ServerClock? clock = null,
        TimeProvider? time = null, Func<double>? random = null)
    {
        options.Validate();
        _options = options;
        _authenticator = authenticator;
        _time = time ?? TimeProvider.System;
        _clock = clock ?? new ServerClock(_time);
        _random = random ?? Random.Shared.NextDouble;
        _throttle = new SubscribeThrottle(options.SubscribesPerSecond, _time);
        _frames = Channel.CreateBounded<RawFrame>(new BoundedChannelOptions(options.FrameBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    /// <summary>Every frame of every connection, in arrival order. Completes after <see cref="DisposeAsync"/>.</summary>
    public ChannelReader<RawFrame> Frames => _frames.Reader;

    public StreamCounters Counters { get; } = new();

    public StreamConnectionState State => _state;

    /// <summary>Number of the current (or last) connection; frames carry it in <see cref="RawFrame.Connection"/>.</summary>
    public long CurrentConnection => Interlocked.Read(ref _connection);

    public IReadOnlyList<StreamSubscription> Subscriptions { get { lock (_gate) return [.. _subscriptions.Values]; } }

    /// <summary>Raised on the connection's loop; handlers must be quick and never block.</summary>
    public event Action<StreamConnectionEvent>? StateChanged;

    /// <summary>Starts connecting in the background. Subscriptions may be added before or after.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        lock (_gate)
        {
            if (_loop is not null) throw new InvalidOperationException("the connection is already started");
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Adds a subscription (replacing one with the same key) and sends it now if connected; every reconnect resends it.</summary>
    public async Task SubscribeAsync(StreamSubscription subscription, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (subscription.RequiresAuthentication && _authenticator is null)
            throw new InvalidOperationException("v3_accounts needs an IRequestAuthenticator");
        WebSocket? socket;
        lock (_gate)
        {
            _subscriptions[subscription.Key] = subscription;
            socket = _socket;
        }
        if (socket is not null) await TrySendAsync(socket, subscription, subscribe: true, cancellation).ConfigureAwait(false);
    }

    public async Task UnsubscribeAsync(StreamSubscription subscription, CancellationToken cancellation = default)
    {
        WebSocket? socket;
        lock (_gate)
        {
            if (!_subscriptions.Remove(subscription.Key)) return;
            socket = _socket;
        }
        if (socket is not null) await TrySendAsync(socket, subscription, subscribe: false, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Unsubscribes and subscribes again so the server sends a fresh snapshot (the resync of a book or of the
    /// account). Returns false when no such subscription exists. While disconnected it does nothing: the
    /// reconnect resubscribes anyway.
    /// </summary>
    public async Task<bool> ResubscribeAsync(FeedChannel channel, string? id, CancellationToken cancellation = default)
    {
        StreamSubscription? subscription;
        WebSocket? socket;
        lock (_gate)
        {
            subscription = _subscriptions.Values.FirstOrDefault(s => s.Channel == channel && s.Id == id);
            socket = _socket;
        }
        if (subscription is null) return false;
        if (socket is not null && await TrySendAsync(socket, subscription, subscribe: false, cancellation).ConfigureAwait(false))
            await TrySendAsync(socket, subscription, subscribe: true, cancellation).ConfigureAwait(false);
        return true;
    }

    /// <summary>Drops the current connection; the loop reconnects at once and resubscribes.</summary>
    public void Reconnect()
    {
        lock (_gate) _connectionCancel?.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_gate) loop = _loop;
        if (loop is not null)
        {
            try { await loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _frames.Writer.TryComplete();
        SetState(StreamConnectionState.Stopped, CurrentConnection, DisconnectReason.Stopped, null);
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        int failures = 0;
        while (!stop.IsCancellationRequested)
        {
            SetState(StreamConnectionState.Connecting, CurrentConnection, DisconnectReason.None, null);
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
            if (_options.KeepAliveTimeout > TimeSpan.Zero && _options.KeepAliveInterval > TimeSpan.Zero)
                socket.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
            using var connectionCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
            lock (_gate) _connectionCancel = connectionCancel;
            long number = 0;
            DateTimeOffset connectedAt = default;
            DisconnectReason reason;
            Exception? error = null;
            try
            {
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connectionCancel.Token))
                {
                    connectTimeout.CancelAfter(_options.ConnectTimeout);
                    await socket.ConnectAsync(_options.Uri, connectTimeout.Token).ConfigureAwait(false);
                }
                number = Interlocked.Increment(ref _connection);
                connectedAt = _time.GetUtcNow();
                Interlocked.Increment(ref Counters.ConnectsCount);
                StreamSubscription[] subscriptions;
                lock (_gate)
                {
                    _socket = socket;
                    subscriptions = [.. _subscriptions.Values];
                }
                SetState(StreamConnectionState.Connected, number, DisconnectReason.None, null);
                // The server queues what it sends meanwhile (its `connected` frame first); reading starts right after.
                foreach (var subscription in subscriptions)
                    await SendAsync(socket, subscription, subscribe: true, connectionCancel.Token).ConfigureAwait(false);
                reason = await ReadAsync(socket, number, connectionCancel.Token).ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                reason = DisconnectReason.Stopped;
            }
            catch (Exception e) when (connectionCancel.IsCancellationRequested)
            {
                reason = DisconnectReason.Requested;
                error = e is OperationCanceledException ? null : e;
            }
            catch (Exception e)
            {
                reason = number == 0 ? DisconnectReason.ConnectFailed : DisconnectReason.Error;
                error = e;
            }
            finally
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_socket, socket)) _socket = null;
                    _connectionCancel = null;
                }
            }

            if (number == 0) Interlocked.Increment(ref Counters.ConnectFailuresCount);
            else Interlocked.Increment(ref Counters.DisconnectsCount);
            if (reason == DisconnectReason.IdleTimeout) Interlocked.Increment(ref Counters.IdleTimeoutsCount);
            if (reason == DisconnectReason.Stopped) break;
            SetState(StreamConnectionState.Disconnected, number, reason, error);

            if (number != 0 && _time.GetUtcNow() - connectedAt >= _options.StableAfter) failures = 0;
            if (reason == DisconnectReason.Requested) continue;
            var delay = _options.ReconnectBackoff.Delay(failures, _random());
            failures++;
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Reads messages until the connection ends; returns why it ended (or throws on a socket error).</summary>
    private async Task<DisconnectReason> ReadAsync(ClientWebSocket socket, long number, CancellationToken cancellation)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
        // Cancelled by the idle timer (when configured) or with the connection; re-armed for every message.
        using var receiveCancel = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var link = cancellation.Register(static s => ((CancellationTokenSource)s!).Cancel(), receiveCancel);
        var writer = _frames.Writer;
        try
        {
            while (true)
            {
                // Backpressure: the next message is not read from the socket until the consumer has made room for it.
                var room = writer.WaitToWriteAsync(cancellation);
                if (!room.IsCompleted) Interlocked.Increment(ref Counters.BackpressureWaitsCount);
                if (!await room.ConfigureAwait(false)) return DisconnectReason.Stopped;

                if (_options.IdleTimeout is { } idle) receiveCancel.CancelAfter(idle);
                int count = 0;
                ValueWebSocketReceiveResult result;
                try
                {
                    do
                    {
                        if (count == buffer.Length) buffer = Grow(buffer);
                        result = await socket.ReceiveAsync(buffer.AsMemory(count), receiveCancel.Token).ConfigureAwait(false);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            await CloseQuietlyAsync(socket).ConfigureAwait(false);
                            return DisconnectReason.ClosedByServer;
                        }
                        count += result.Count;
                    }
                    while (!result.EndOfMessage);
                }
                catch (Exception) when (receiveCancel.IsCancellationRequested && !cancellation.IsCancellationRequested)
                {
                    return DisconnectReason.IdleTimeout;
                }
                if (_options.IdleTimeout is not null) receiveCancel.CancelAfter(Timeout.InfiniteTimeSpan);

                var frame = RawFrame.Copy(buffer.AsSpan(0, count), Timestamp.FromDateTimeOffset(_time.GetUtcNow()), number);
                Interlocked.Increment(ref Counters.FramesCount);
                Interlocked.Add(ref Counters.BytesCount, count);
                // Single writer and room was awaited above: this never waits, it is only the safe way to enqueue.
                if (!writer.TryWrite(frame)) await writer.WriteAsync(frame, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= _options.MaxMessageBytes)
            throw new WebSocketException(WebSocketError.Faulted, $"a message exceeded {_options.MaxMessageBytes} bytes");
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_options.MaxMessageBytes, buffer.Length * 2));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; the connection is being replaced either way.
        }
    }

    /// <summary>Sends on a connection that may be going down: failure is fine, the reconnect resends every subscription.</summary>
    private async Task<bool> TrySendAsync(WebSocket socket, StreamSubscription subscription, bool subscribe, CancellationToken cancellation)
    {
        try
        {
            await SendAsync(socket, subscription, subscribe, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested &&
                                  e is WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task SendAsync(WebSocket socket, StreamSubscription subscription, bool subscribe, CancellationToken cancellation)
    {
        await _sendLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            byte[] message;
            if (subscribe)
            {
                var wait = _throttle.WaitFor(subscription.ThrottleKey);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellation).ConfigureAwait(false);
                message = subscription.RequiresAuthentication
                    ? subscription.SubscribeMessage(await AuthenticateAccountsAsync(cancellation).ConfigureAwait(false))
                    : subscription.SubscribeMessage();
            }
            else
            {
                message = subscription.UnsubscribeMessage();
            }
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellation).ConfigureAwait(false);
            if (subscribe)
            {
                _throttle.Record(subscription.ThrottleKey);
                Interlocked.Increment(ref Counters.SubscribesSentCount);
            }
            else
            {
                Interlocked.Increment(ref Counters.UnsubscribesSentCount);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The accounts subscription signs GET /ws/accounts with no body at a server-corrected time.</summary>
    private ValueTask<RequestAuthentication> AuthenticateAccountsAsync(CancellationToken cancellation) =>
        _authenticator!.AuthenticateAsync(_clock.IsoNow(), "GET", "/ws/accounts", "", cancellation);

    private void SetState(StreamConnectionState state, long connection, DisconnectReason reason, Exception? error)
    {
        _state = state;
        try
        {
            StateChanged?.Invoke(new StreamConnectionEvent(state, connection, reason, error, _time.GetUtcNow()));
        }
        catch (Exception)
        {
            // A faulty observer must not take the connection down.
        }
    }
}
