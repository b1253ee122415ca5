namespace Engine.Dydx.Rest.Models;

/// <summary>
/// GET /v3/orderbook/:market: bids descending, asks ascending, no per-level offsets. A top-level offset is not
/// documented but modelled by some clients; when present it is the offset of every level.
/// </summary>
public sealed record OrderbookSnapshot
{
    public long? Offset { get; init; }
    public required IReadOnlyList<OrderbookLevel> Bids { get; init; }
    public required IReadOnlyList<OrderbookLevel> Asks { get; init; }
}

public sealed record OrderbookLevel
{
    public required decimal Price { get; init; }
    public required decimal Size { get; init; }
    public long? Offset { get; init; }
}
