using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Fills;

/// <summary>
/// One execution of one user order, as v3 reports it. Fee is USD (positive = paid, rounded up to 1e-6);
/// QuoteAmount = size × price exactly.
/// </summary>
public sealed record FillView(
    string Id,
    string AccountId,
    string OrderId,
    string OrderClientId,
    string Market,
    Side Side,
    Liquidity Liquidity,
    OrderType Type,
    Price Price,
    Quantity Size,
    decimal Fee,
    decimal QuoteAmount,
    string TransactionId,
    Timestamp CreatedAt);
