namespace Engine.Dydx.Feed;

/// <summary>Outcome of applying one v3_orderbook frame to a book.</summary>
public enum BookFrameResult : byte
{
    /// <summary>Incremental levels applied (some may have been stale; the book counts those).</summary>
    Applied,
    /// <summary>A subscribed snapshot replaced the book.</summary>
    Snapshot,
    /// <summary>Not an order-book data frame (connected, unsubscribed, ...).</summary>
    Ignored,
    /// <summary>Unparseable contents; nothing was applied.</summary>
    Malformed,
}
