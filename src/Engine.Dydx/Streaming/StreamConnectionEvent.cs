namespace Engine.Dydx.Streaming;

public enum StreamConnectionState { Idle, Connecting, Connected, Disconnected, Stopped }

/// <summary>Why a connection ended.</summary>
public enum DisconnectReason { None, ClosedByServer, IdleTimeout, Error, ConnectFailed, Requested, Stopped }

/// <summary>
/// A state change of the connection, raised on its own loop: handlers must be quick and must not block.
/// <see cref="Connection"/> is the number the frames of that connection carry.
/// </summary>
public sealed record StreamConnectionEvent(StreamConnectionState State, long Connection, DisconnectReason Reason, Exception? Error, DateTimeOffset At);
