namespace Engine.Dydx.Rest.Models;

/// <summary>
/// A perpetual position. size and maxSize are signed (negative = short, "0" once closed); unrealizedPnl only in
/// REST; the stream form adds ids and updatedAt.
/// </summary>
public sealed record Position
{
    public required string Market { get; init; }
    public required PositionStatus Status { get; init; }
    public required PositionSide Side { get; init; }
    public required decimal Size { get; init; }
    public decimal? MaxSize { get; init; }
    public required decimal EntryPrice { get; init; }
    public decimal? ExitPrice { get; init; }
    public decimal? UnrealizedPnl { get; init; }
    public decimal? RealizedPnl { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public decimal? SumOpen { get; init; }
    public decimal? SumClose { get; init; }
    public decimal? NetFunding { get; init; }
    public string? Id { get; init; }
    public string? AccountId { get; init; }
    public string? OpenTransactionId { get; init; }
    public string? CloseTransactionId { get; init; }
    public string? LastTransactionId { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record PositionsResponse
{
    public required IReadOnlyList<Position> Positions { get; init; }
}
