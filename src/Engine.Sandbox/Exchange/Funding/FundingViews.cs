using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Funding;

/// <summary>One account's hourly funding settlement (GET /v3/funding): Payment = −PositionSize × Price × Rate, positive = received.</summary>
public sealed record FundingPaymentView(
    string AccountId,
    string Market,
    decimal Payment,
    decimal Rate,
    Quantity PositionSize,
    Price Price,
    Timestamp EffectiveAt);

/// <summary>A market's applied hourly rate and the oracle price used (GET /v3/historical-funding/:market).</summary>
public sealed record HistoricalFundingView(string Market, decimal Rate, Price Price, Timestamp EffectiveAt);
