namespace Engine.Dydx.Rest.Models;

/// <summary>A public trade (GET /v3/trades/:market, newest first). Side is the taker's; v3 trades have no id.</summary>
public sealed record Trade
{
    public required Engine.Core.Primitives.Side Side { get; init; }
    public required decimal Size { get; init; }
    public required decimal Price { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool? Liquidation { get; init; }
}

public sealed record TradesResponse
{
    public required IReadOnlyList<Trade> Trades { get; init; }
}
