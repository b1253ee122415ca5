using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Orders;

/// <summary>The exchange's mutable record of one order; callers only ever see <see cref="OrderView"/> snapshots.</summary>
internal sealed class SandboxOrder
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string ClientId { get; init; }
    public required string Market { get; init; }
    public required Side Side { get; init; }
    public required OrderType Type { get; init; }
    public required Quantity Size { get; init; }
    public required Price Price { get; init; }
    /// <summary>The price as submitted, echoed on the wire (v3 did not normalise "261.60" to "261.6").</summary>
    public required string PriceText { get; init; }
    public required decimal LimitFee { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    public required bool PostOnly { get; init; }
    public required bool ReduceOnly { get; init; }
    public required Timestamp ExpiresAt { get; init; }
    public required Timestamp CreatedAt { get; init; }
    public required string Signature { get; init; }
    /// <summary>Arrival order across the whole exchange: the time half of price-time priority.</summary>
    public required long Sequence { get; init; }

    public Quantity Remaining { get; set; }
    public V3OrderStatus Status { get; set; } = V3OrderStatus.Pending;
    public CancelReason CancelReason { get; set; }
    public Timestamp UpdatedAt { get; set; }
    public Timestamp? UnfillableAt { get; set; }

    /// <summary>A cancel is queued for the next processing step; the order no longer counts toward the open-order limit.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Background (other participants') size queued ahead of this order at its price; fills come after it is used up.</summary>
    public long BackgroundAhead { get; set; }

    public bool IsActive => Status is V3OrderStatus.Pending or V3OrderStatus.Open;

    public OrderView ToView() => new(
        Id, ClientId, AccountId, Market, Side, Type, Size, Remaining, Price, LimitFee, TimeInForce, PostOnly, ReduceOnly,
        Status, CancelReason, Signature, ExpiresAt, UnfillableAt, CreatedAt, UpdatedAt) { PriceText = PriceText };

    public ActiveOrderView ToActiveView() => new(Id, AccountId, Market, Side, Price, Remaining) { PriceText = PriceText };
}
