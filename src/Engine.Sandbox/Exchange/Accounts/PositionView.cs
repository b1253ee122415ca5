using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Accounts;

public enum PositionStatus : byte { Open = 0, Closed, Liquidated }

public enum PositionSide : byte { Long = 0, Short }

public static class PositionWire
{
    public static string ToWire(this PositionStatus status) => status switch
    {
        PositionStatus.Open => "OPEN",
        PositionStatus.Closed => "CLOSED",
        PositionStatus.Liquidated => "LIQUIDATED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(this PositionSide side) => side == PositionSide.Long ? "LONG" : "SHORT";
}

/// <summary>
/// A v3 position record. Size and MaxSize are signed (negative = short; 0 once closed). EntryPrice is the
/// size-weighted average of opening fills, ExitPrice of closing fills (null before any close). RealizedPnl includes
/// funding, as v3's did (fees are not in it). UnrealizedPnl is (oracle − entry) × size, computed when the view is made.
/// A flip through zero closes this record and opens a new one.
/// </summary>
public sealed record PositionView(
    string Id,
    string AccountId,
    string Market,
    PositionStatus Status,
    PositionSide Side,
    Quantity Size,
    Quantity MaxSize,
    decimal EntryPrice,
    decimal? ExitPrice,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal NetFunding,
    Quantity SumOpen,
    Quantity SumClose,
    Timestamp CreatedAt,
    Timestamp UpdatedAt,
    Timestamp? ClosedAt,
    string OpenTransactionId,
    string? CloseTransactionId,
    string LastTransactionId);
