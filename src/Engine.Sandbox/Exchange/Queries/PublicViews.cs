using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Queries;

/// <summary>One public price level: aggregated size (background + users' remaining), and the offset of the change that set it.</summary>
public sealed record PublicBookLevel(Price Price, Quantity Size, long Offset);

/// <summary>GET /v3/orderbook/:market (and the v3_orderbook snapshot): bids best first (descending), asks best first (ascending).</summary>
public sealed record OrderbookSnapshot(string Market, long Offset, IReadOnlyList<PublicBookLevel> Bids, IReadOnlyList<PublicBookLevel> Asks);

/// <summary>A public trade as v3 prints it: side is the taker's; no id (v3 trades had none).</summary>
public sealed record PublicTradeView(string Market, Side Side, Quantity Size, Price Price, Timestamp CreatedAt, bool Liquidation);
