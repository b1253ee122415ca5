using Engine.Core.Primitives;

namespace Engine.Core.Portfolio;

/// <summary>
/// One hourly funding settlement of a perpetual position: Payment = −PositionSize × OraclePrice × Rate (dYdX v3),
/// in USD, positive = received by the account. Longs pay when the rate is positive.
/// </summary>
public sealed record FundingPayment(
    string Market,
    decimal Rate,
    Price OraclePrice,
    Quantity PositionSize,
    decimal Payment,
    Timestamp EffectiveAt)
{
    /// <summary>Builds a payment with the v3 formula so every producer computes it identically.</summary>
    public static FundingPayment Compute(string market, decimal rate, Price oraclePrice, Quantity positionSize, Timestamp effectiveAt) =>
        new(market, rate, oraclePrice, positionSize, -positionSize.Notional(oraclePrice) * rate, effectiveAt);
}
