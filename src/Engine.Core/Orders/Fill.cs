using Engine.Core.Primitives;

namespace Engine.Core.Orders;

/// <summary>One execution against one of our orders. Fee is in USD, positive = paid. FillId is the de-duplication key.</summary>
public sealed record Fill(
    string FillId,
    string ClientId,
    string Market,
    Side Side,
    Price Price,
    Quantity Size,
    decimal Fee,
    Liquidity Liquidity,
    Timestamp Time);
