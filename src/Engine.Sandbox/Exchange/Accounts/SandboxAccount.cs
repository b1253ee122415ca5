using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Ids;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Accounts;

/// <summary>The exchange's mutable record of one account: balance, positions, orders, fills and funding history.</summary>
internal sealed class SandboxAccount
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required int AccountNumber { get; init; }
    public required string EthereumAddress { get; init; }
    public required string StarkKey { get; init; }
    public required string? StarkKeyYCoordinate { get; init; }
    public required long PositionId { get; init; }
    public required Timestamp CreatedAt { get; init; }

    public decimal QuoteBalance { get; set; }
    public decimal MakerFeeRate { get; set; }
    public decimal TakerFeeRate { get; set; }
    public string? LastTransactionId { get; set; }
    public Timestamp UpdatedAt { get; set; }

    public Dictionary<string, SandboxOrder> OrdersById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SandboxOrder> OrdersByClientId { get; } = new(StringComparer.Ordinal);
    /// <summary>Every order in creation order (queries sort newest first).</summary>
    public List<SandboxOrder> Orders { get; } = new();
    /// <summary>PENDING and OPEN orders (small: bounded by the open-order limit), for limits and cancel-all.</summary>
    public List<SandboxOrder> ActiveOrders { get; } = new();

    /// <summary>The OPEN position per market.</summary>
    public SortedDictionary<string, PositionRecord> OpenPositions { get; } = new(StringComparer.Ordinal);
    /// <summary>Every position record ever opened, in creation order.</summary>
    public List<PositionRecord> Positions { get; } = new();
    public List<FillView> Fills { get; } = new();
    public List<FundingPaymentView> FundingPayments { get; } = new();

    public long PositionUnits(string market) => OpenPositions.TryGetValue(market, out var p) ? p.SizeUnits : 0;

    /// <summary>
    /// Books one execution: the quote balance moves by −signed notional − fee; the position grows, shrinks, or closes
    /// and reopens on the other side. The records touched are appended to <paramref name="touched"/>.
    /// </summary>
    public void ApplyExecution(string market, Side side, Quantity size, Price price, decimal fee, string transactionId,
        Timestamp time, IdGenerator ids, List<PositionRecord> touched)
    {
        decimal notional = size.Notional(price);
        QuoteBalance += side == Side.Buy ? -notional - fee : notional - fee;
        LastTransactionId = transactionId;
        UpdatedAt = time;

        long signed = side == Side.Buy ? size.Units : -size.Units;
        if (OpenPositions.TryGetValue(market, out var position) && position.SizeUnits != 0 && Math.Sign(position.SizeUnits) != Math.Sign(signed))
        {
            long closing = Math.Min(Math.Abs(signed), Math.Abs(position.SizeUnits));
            position.Close(closing, price, transactionId, time);
            touched.Add(position);
            if (position.Status == PositionStatus.Closed) OpenPositions.Remove(market);
            signed += signed > 0 ? -closing : closing;
            if (signed == 0) return;
            position = null;
        }
        if (position is null)
        {
            position = new PositionRecord
            {
                Id = ids.NextPositionId(),
                AccountId = Id,
                Market = market,
                Side = signed > 0 ? PositionSide.Long : PositionSide.Short,
                CreatedAt = time,
                OpenTransactionId = transactionId,
            };
            OpenPositions[market] = position;
            Positions.Add(position);
        }
        position.Open(signed, price, transactionId, time);
        touched.Add(position);
    }

    public AccountBalanceView ToBalanceView() => new(
        Id, UserId, AccountNumber, StarkKey, StarkKeyYCoordinate, PositionId, QuoteBalance, LastTransactionId, CreatedAt, UpdatedAt);
}
