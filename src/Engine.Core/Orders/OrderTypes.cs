namespace Engine.Core.Orders;

/// <summary>dYdX v3 time in force. GTT rests until expiration; IOC/FOK never rest.</summary>
public enum TimeInForce : byte { Gtt = 0, Ioc = 1, Fok = 2 }

/// <summary>Who provided liquidity in a fill.</summary>
public enum Liquidity : byte { Maker = 0, Taker = 1 }

/// <summary>Engine-side lifecycle of an order. PendingNew: intent persisted and sent, not yet acknowledged.</summary>
public enum OrderStatus : byte { PendingNew = 0, Open = 1, PendingCancel = 2, Filled = 3, Canceled = 4, Rejected = 5 }

/// <summary>v3 cancel reasons (plus None). The venue's asynchronous cancels carry one.</summary>
public enum CancelReason : byte
{
    None = 0,
    UserCanceled,
    PostOnlyWouldCross,
    Expired,
    Undercollateralized,
    SelfTrade,
    CouldNotFill,
    ImmediateOrCancelPartiallyFilled,
    ReduceOnlyResized,
    Failed,
}

public static class OrderStatusExtensions
{
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected;

    public static bool IsWorking(this OrderStatus status) =>
        status is OrderStatus.PendingNew or OrderStatus.Open or OrderStatus.PendingCancel;
}
