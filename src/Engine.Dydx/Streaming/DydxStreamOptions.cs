using Engine.Dydx.Resilience;

namespace Engine.Dydx.Streaming;

/// <summary>Configuration of <see cref="DydxStreamConnection"/>. Only <see cref="Uri"/> differs between the real host and the sandbox.</summary>
public sealed record DydxStreamOptions
{
    /// <summary>wss://api.dydx.exchange/v3/ws, or ws://127.0.0.1:PORT/v3/ws for the sandbox.</summary>
    public required Uri Uri { get; init; }

    /// <summary>Frames received but not yet taken by the consumer. When full, the socket is not read (nothing is dropped).</summary>
    public int FrameBufferCapacity { get; init; } = 1024;

    /// <summary>Largest message accepted (a full book snapshot is a few hundred KB); larger is a protocol error and reconnects.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Our protocol pings: a connection whose pong does not come back within <see cref="KeepAliveTimeout"/> is
    /// dead and is replaced. (The server's own pings are answered automatically while the socket is being read.)
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reconnect when no message at all arrives for this long while reading. Null disables it (an accounts-only
    /// connection can be legitimately quiet; keep-alive still detects a dead peer).
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    public BackoffPolicy ReconnectBackoff { get; init; } = BackoffPolicy.ReconnectDefault;

    /// <summary>A connection that lived this long resets the reconnect back-off to its first step.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The server allows 2 subscribes per second per market (orderbook + trades) and per channel otherwise.</summary>
    public int SubscribesPerSecond { get; init; } = 2;

    public void Validate()
    {
        if (!Uri.IsAbsoluteUri || (Uri.Scheme != "ws" && Uri.Scheme != "wss"))
            throw new ArgumentException($"dYdX WebSocket URL '{Uri}' must be an absolute ws:// or wss:// URL");
        if (FrameBufferCapacity < 1) throw new ArgumentException("frame buffer capacity must be at least 1");
        if (MaxMessageBytes < 1024) throw new ArgumentException("max message size must be at least 1 KB");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("connect timeout must be positive");
        if (KeepAliveInterval < TimeSpan.Zero || KeepAliveTimeout < TimeSpan.Zero) throw new ArgumentException("keep-alive times cannot be negative");
        if (IdleTimeout is { } idle && idle <= TimeSpan.Zero) throw new ArgumentException("idle timeout must be positive (or null to disable)");
        if (SubscribesPerSecond < 1) throw new ArgumentException("subscribes per second must be at least 1");
        ReconnectBackoff.Validate("dYdX WebSocket reconnect");
    }
}
