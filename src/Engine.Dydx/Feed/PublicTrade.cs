using Engine.Core.Primitives;

namespace Engine.Dydx.Feed;

/// <summary>A public v3 trade. Side is the taker's. v3 trades carry no id.</summary>
public readonly record struct PublicTrade(Side TakerSide, Price Price, Quantity Size, Timestamp CreatedAt, bool Liquidation);
