namespace Engine.Dydx.Feed;

/// <summary>Envelope type of a v3 WebSocket frame.</summary>
public enum FrameType : byte { Unknown = 0, Connected, Subscribed, ChannelData, ChannelBatchData, Unsubscribed, Error, Pong }

/// <summary>Public and private v3 channels.</summary>
public enum Channel : byte { None = 0, Unknown, Orderbook, Trades, Markets, Accounts }

/// <summary>
/// What the envelope of one frame says, read without allocating: the market id is an interned string from
/// <see cref="MarketIds"/>, and contents is located as a byte range inside the frame.
/// </summary>
public readonly record struct FrameHeader(
    FrameType Type,
    Channel Channel,
    string? Id,
    long MessageId,
    int ContentsStart,
    int ContentsLength)
{
    public bool HasContents => ContentsLength > 0;
    public ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> frame) => frame.Slice(ContentsStart, ContentsLength);
}
