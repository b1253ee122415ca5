namespace Engine.Dydx.Rest.Models;

/// <summary>A deposit, withdrawal or transfer as the v3_accounts stream reports it (it moves quoteBalance).</summary>
public sealed record Transfer
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? DebitAsset { get; init; }
    public string? CreditAsset { get; init; }
    public decimal? DebitAmount { get; init; }
    public decimal? CreditAmount { get; init; }
    public string? TransactionHash { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public string? ClientId { get; init; }
    public string? FromAddress { get; init; }
    public string? ToAddress { get; init; }
}
