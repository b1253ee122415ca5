namespace Engine.Dydx.Rest.Models;

/// <summary>GET /v3/historical-funding/:market entry: the 1-hour rate and the oracle price it was applied at.</summary>
public sealed record HistoricalFunding
{
    public required string Market { get; init; }
    public required decimal Rate { get; init; }
    public required decimal Price { get; init; }
    public required DateTimeOffset EffectiveAt { get; init; }
}

public sealed record HistoricalFundingResponse
{
    public required IReadOnlyList<HistoricalFunding> HistoricalFunding { get; init; }
}
