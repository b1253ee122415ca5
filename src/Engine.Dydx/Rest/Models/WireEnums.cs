namespace Engine.Dydx.Rest.Models;

// v3 wire enums. Names map to the wire's UPPER_SNAKE spelling (StopLimit <-> "STOP_LIMIT"); an unknown value is a
// protocol error, never silently mapped to a default. Side, TimeInForce, Liquidity and CancelReason reuse the
// engine's Core enums, which already spell the same values.

/// <summary>Order status on the exchange (the engine's own lifecycle is Engine.Core.Orders.OrderStatus).</summary>
public enum DydxOrderStatus { Pending, Open, Filled, Canceled, Untriggered }

/// <summary>Order types; LIQUIDATED and LIQUIDATION occur only on fills.</summary>
public enum DydxOrderType { Limit, Market, StopLimit, TrailingStop, TakeProfit, Liquidated, Liquidation }

public enum MarketStatus { Online, Offline, PostOnly, CancelOnly }

public enum PositionSide { Long, Short }

public enum PositionStatus { Open, Closed, Liquidated }
