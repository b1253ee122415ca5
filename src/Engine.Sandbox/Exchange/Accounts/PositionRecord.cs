using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Accounts;

/// <summary>The exchange's mutable record of one position (one OPEN record per account and market at a time).</summary>
internal sealed class PositionRecord
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Market { get; init; }
    public required PositionSide Side { get; init; }
    public required Timestamp CreatedAt { get; init; }
    public required string OpenTransactionId { get; init; }

    public PositionStatus Status { get; set; } = PositionStatus.Open;
    public long SizeUnits { get; set; }
    public long MaxSizeUnits { get; set; }
    /// <summary>Σ price × size of opening fills (exact).</summary>
    public decimal OpenNotional { get; set; }
    public long SumOpenUnits { get; set; }
    /// <summary>Σ price × size of closing fills (exact).</summary>
    public decimal CloseNotional { get; set; }
    public long SumCloseUnits { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal NetFunding { get; set; }
    public Timestamp UpdatedAt { get; set; }
    public Timestamp? ClosedAt { get; set; }
    public string? CloseTransactionId { get; set; }
    public string LastTransactionId { get; set; } = "";

    public Quantity Size => new(SizeUnits);

    public decimal EntryPrice => SumOpenUnits == 0 ? 0m : OpenNotional / new Quantity(SumOpenUnits).ToDecimal();

    public decimal? ExitPrice => SumCloseUnits == 0 ? null : CloseNotional / new Quantity(SumCloseUnits).ToDecimal();

    /// <summary>Opening fill (same direction as the position).</summary>
    public void Open(long units, Price price, string transactionId, Timestamp time)
    {
        long abs = Math.Abs(units);
        SizeUnits += units;
        if (Math.Abs(SizeUnits) > Math.Abs(MaxSizeUnits)) MaxSizeUnits = SizeUnits;
        OpenNotional += new Quantity(abs).Notional(price);
        SumOpenUnits += abs;
        Touch(transactionId, time);
    }

    /// <summary>Closing fill of <paramref name="closeUnits"/> (positive) at <paramref name="price"/>; closes the record at zero.</summary>
    public void Close(long closeUnits, Price price, string transactionId, Timestamp time)
    {
        decimal closed = new Quantity(closeUnits).ToDecimal();
        decimal perUnit = price.ToDecimal() - EntryPrice;
        RealizedPnl += Side == PositionSide.Long ? closed * perUnit : -closed * perUnit;
        CloseNotional += new Quantity(closeUnits).Notional(price);
        SumCloseUnits += closeUnits;
        SizeUnits += Side == PositionSide.Long ? -closeUnits : closeUnits;
        Touch(transactionId, time);
        if (SizeUnits == 0)
        {
            Status = PositionStatus.Closed;
            ClosedAt = time;
            CloseTransactionId = transactionId;
        }
    }

    public void ApplyFunding(decimal payment, Timestamp time)
    {
        NetFunding += payment;
        RealizedPnl += payment;
        UpdatedAt = time;
    }

    public PositionView ToView(Price? oraclePrice) => new(
        Id, AccountId, Market, Status, Side, Size, new Quantity(MaxSizeUnits), EntryPrice, ExitPrice, RealizedPnl,
        Status == PositionStatus.Open && oraclePrice is { } p ? Size.ToDecimal() * (p.ToDecimal() - EntryPrice) : 0m,
        NetFunding, new Quantity(SumOpenUnits), new Quantity(SumCloseUnits), CreatedAt, UpdatedAt, ClosedAt,
        OpenTransactionId, CloseTransactionId, LastTransactionId);

    private void Touch(string transactionId, Timestamp time)
    {
        LastTransactionId = transactionId;
        UpdatedAt = time;
    }
}
