using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Accounts;

/// <summary>
/// Request to open a sandbox account (v3 onboarding, simplified): the STARK public key is stored for the server's
/// signature checks; fee rates default to the exchange defaults (maker 0.0005, taker 0.001).
/// </summary>
public sealed record NewAccountRequest
{
    public required string EthereumAddress { get; init; }
    public required string StarkPublicKey { get; init; }
    public string? StarkPublicKeyYCoordinate { get; init; }
    public required long PositionId { get; init; }
    public int AccountNumber { get; init; }
    /// <summary>USDC deposited at creation; becomes the quote balance.</summary>
    public required decimal InitialCollateral { get; init; }
    public decimal? MakerFeeRate { get; init; }
    public decimal? TakerFeeRate { get; init; }
}

/// <summary>
/// GET /v3/accounts/:id and the v3_accounts snapshot. Equity V = Q + Σ S × P(oracle); requirements use the
/// effective (incremental) IMF and the MMF; FreeCollateral = V − initial requirement. OpenPositions holds OPEN ones only.
/// </summary>
public sealed record AccountView(
    string Id,
    string UserId,
    int AccountNumber,
    string EthereumAddress,
    string StarkKey,
    string? StarkKeyYCoordinate,
    long PositionId,
    decimal QuoteBalance,
    decimal Equity,
    decimal FreeCollateral,
    decimal InitialMarginRequirement,
    decimal MaintenanceMarginRequirement,
    decimal PendingDeposits,
    decimal PendingWithdrawals,
    IReadOnlyDictionary<string, PositionView> OpenPositions,
    decimal MakerFeeRate,
    decimal TakerFeeRate,
    string? LastTransactionId,
    Timestamp CreatedAt,
    Timestamp UpdatedAt);

/// <summary>An entry of v3_accounts channel_data "accounts": the balance after a change (no equity there, as in v3).</summary>
public sealed record AccountBalanceView(
    string Id,
    string UserId,
    int AccountNumber,
    string StarkKey,
    string? StarkKeyYCoordinate,
    long PositionId,
    decimal QuoteBalance,
    string? LastTransactionId,
    Timestamp CreatedAt,
    Timestamp UpdatedAt);
