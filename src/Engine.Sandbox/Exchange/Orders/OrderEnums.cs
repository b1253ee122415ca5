using Engine.Core.Orders;

namespace Engine.Sandbox.Exchange.Orders;

/// <summary>v3 order types. The sandbox matches LIMIT and MARKET; the triggerable ones are rejected synchronously.</summary>
public enum OrderType : byte { Limit = 0, Market, StopLimit, TrailingStop, TakeProfit }

/// <summary>
/// v3 order status (not the engine's own <see cref="Engine.Core.Orders.OrderStatus"/>): PENDING = accepted, not yet
/// seen by the matcher; OPEN = resting (maybe partly filled); FILLED; CANCELED (maybe partly filled).
/// </summary>
public enum V3OrderStatus : byte { Pending = 0, Open, Filled, Canceled, Untriggered }

/// <summary>The wire spellings of the enums the sandbox reports.</summary>
public static class V3Wire
{
    public static string ToWire(this OrderType type) => type switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.Market => "MARKET",
        OrderType.StopLimit => "STOP_LIMIT",
        OrderType.TrailingStop => "TRAILING_STOP",
        OrderType.TakeProfit => "TAKE_PROFIT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToWire(this V3OrderStatus status) => status switch
    {
        V3OrderStatus.Pending => "PENDING",
        V3OrderStatus.Open => "OPEN",
        V3OrderStatus.Filled => "FILLED",
        V3OrderStatus.Canceled => "CANCELED",
        V3OrderStatus.Untriggered => "UNTRIGGERED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(this TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.Gtt => "GTT",
        TimeInForce.Fok => "FOK",
        TimeInForce.Ioc => "IOC",
        _ => throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, null),
    };

    public static string ToWire(this Liquidity liquidity) => liquidity == Liquidity.Maker ? "MAKER" : "TAKER";

    /// <summary>v3 cancelReason text; null for <see cref="CancelReason.None"/>.</summary>
    public static string? ToWire(this CancelReason reason) => reason switch
    {
        CancelReason.None => null,
        CancelReason.UserCanceled => "USER_CANCELED",
        CancelReason.PostOnlyWouldCross => "POST_ONLY_WOULD_CROSS",
        CancelReason.Expired => "EXPIRED",
        CancelReason.Undercollateralized => "UNDERCOLLATERALIZED",
        CancelReason.SelfTrade => "SELF_TRADE",
        CancelReason.CouldNotFill => "COULD_NOT_FILL",
        CancelReason.ImmediateOrCancelPartiallyFilled => "IMMEDIATE_OR_CANCEL_PARTIALLY_FILLED",
        CancelReason.ReduceOnlyResized => "REDUCE_ONLY_RESIZED",
        CancelReason.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
