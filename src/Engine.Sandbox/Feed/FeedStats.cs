namespace Engine.Sandbox.Feed;

/// <summary>What the feed did to the exchange, for logs and tests.</summary>
public sealed class FeedStats
{
    public long Frames { get; internal set; }
    public long BookSnapshots { get; internal set; }
    public long BookDeltas { get; internal set; }
    public long TradeFrames { get; internal set; }
    public long BackgroundTrades { get; internal set; }
    public long MarketFrames { get; internal set; }
    /// <summary>Frames the exchange has no use for (connected, pong, accounts, trade snapshots, ...).</summary>
    public long Ignored { get; internal set; }
    /// <summary>Frames the codecs rejected; nothing of them was applied.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Frames for markets the exchange does not list.</summary>
    public long UnknownMarket { get; internal set; }
}
