namespace Engine.Dydx.Rest.Models;

/// <summary>A funding payment to the account (GET /v3/funding, v3_accounts). payment positive = received.</summary>
public sealed record FundingPayment
{
    public required string Market { get; init; }
    public required decimal Payment { get; init; }
    public decimal? Rate { get; init; }
    public decimal? PositionSize { get; init; }
    public decimal? Price { get; init; }
    public required DateTimeOffset EffectiveAt { get; init; }
}

public sealed record FundingPaymentsResponse
{
    public required IReadOnlyList<FundingPayment> FundingPayments { get; init; }
}
