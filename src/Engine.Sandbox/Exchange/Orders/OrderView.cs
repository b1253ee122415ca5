using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Orders;

/// <summary>An order as v3 reports it (REST and v3_accounts). Immutable snapshot; triggerPrice/trailingPercent are always null here.</summary>
public sealed record OrderView(
    string Id,
    string ClientId,
    string AccountId,
    string Market,
    Side Side,
    OrderType Type,
    Quantity Size,
    Quantity RemainingSize,
    Price Price,
    decimal LimitFee,
    TimeInForce TimeInForce,
    bool PostOnly,
    bool ReduceOnly,
    V3OrderStatus Status,
    CancelReason CancelReason,
    string Signature,
    Timestamp ExpiresAt,
    Timestamp? UnfillableAt,
    Timestamp CreatedAt,
    Timestamp UpdatedAt)
{
    public Quantity FilledSize => Size - RemainingSize;

    /// <summary>The price as the client submitted it (what the wire echoes); defaults to the shortest form of <see cref="Price"/>.</summary>
    public string PriceText
    {
        get => _priceText ?? Price.ToString();
        init => _priceText = value;
    }

    private readonly string? _priceText;
}

/// <summary>One entry of GET/DELETE /v3/active-orders.</summary>
public sealed record ActiveOrderView(string Id, string AccountId, string Market, Side Side, Price Price, Quantity RemainingSize)
{
    /// <summary>The price as submitted (see <see cref="OrderView.PriceText"/>).</summary>
    public string PriceText
    {
        get => _priceText ?? Price.ToString();
        init => _priceText = value;
    }

    private readonly string? _priceText;
}
