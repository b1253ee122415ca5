namespace Engine.Dydx.Rest.Models;

/// <summary>
/// An account as GET /v3/accounts and the v3_accounts subscription snapshot show it. USD amounts carry six
/// decimals on the wire; openPositions holds only OPEN positions. equity and freeCollateral appear only here,
/// never in stream updates.
/// </summary>
public sealed record Account
{
    public required string Id { get; init; }
    public string? StarkKey { get; init; }
    public required long PositionId { get; init; }
    public required decimal Equity { get; init; }
    public required decimal FreeCollateral { get; init; }
    public decimal? PendingDeposits { get; init; }
    public decimal? PendingWithdrawals { get; init; }
    public IReadOnlyDictionary<string, Position> OpenPositions { get; init; } = new Dictionary<string, Position>();
    public required int AccountNumber { get; init; }
    public required decimal QuoteBalance { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

public sealed record AccountsResponse
{
    public required IReadOnlyList<Account> Accounts { get; init; }
}

public sealed record AccountResponse
{
    public required Account Account { get; init; }
}

/// <summary>
/// An entry of "accounts" in a v3_accounts channel_data message: the new quote balance after a fill, funding or
/// transfer (accountNumber is a number here, a string in REST).
/// </summary>
public sealed record AccountBalance
{
    public required string Id { get; init; }
    public string? UserId { get; init; }
    public required int AccountNumber { get; init; }
    public string? StarkKey { get; init; }
    public required decimal QuoteBalance { get; init; }
    public string? LastTransactionId { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public long? PositionId { get; init; }
    public string? StarkKeyYCoordinate { get; init; }
    public decimal? PendingDeposits { get; init; }
    public decimal? PendingWithdrawals { get; init; }
}
