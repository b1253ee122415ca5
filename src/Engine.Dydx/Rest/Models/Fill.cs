using System.Text.Json;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.Models;

/// <summary>
/// One fill. Its id is the only safe de-duplication key (two fills of one order can share createdAt). fee is USD,
/// positive = paid; price has six decimals on the wire ("261.600000").
/// </summary>
public sealed record Fill
{
    public required string Id { get; init; }
    public required Side Side { get; init; }
    public required Liquidity Liquidity { get; init; }
    public required DydxOrderType Type { get; init; }
    public required string Market { get; init; }
    public required string OrderId { get; init; }
    public required decimal Price { get; init; }
    public required decimal Size { get; init; }
    public required decimal Fee { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? AccountId { get; init; }
    public string? TransactionId { get; init; }
    public decimal? QuoteAmount { get; init; }
    /// <summary>Type undocumented (null in every capture): kept as raw JSON.</summary>
    public JsonElement? Nonce { get; init; }
    public JsonElement? ForcePositionId { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? OrderClientId { get; init; }
}

public sealed record FillsResponse
{
    public required IReadOnlyList<Fill> Fills { get; init; }
}
