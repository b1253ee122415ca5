using System.Collections.Immutable;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Portfolio;

/// <summary>
/// Immutable account state: positions by market (ordinal order, so iteration is deterministic), the collateral the
/// account started with and the current quote balance Q. Every transition is a pure function returning a new state.
/// Q moves by −signed notional − fee on each fill and by the payment on each funding settlement, so
/// Q − StartingCollateral + Σ Size × mark == Σ (realized + unrealized − fees + funding) exactly.
/// </summary>
public sealed record PortfolioState(
    ImmutableSortedDictionary<string, PositionState> Positions,
    decimal StartingCollateral,
    decimal QuoteBalance)
{
    public static PortfolioState Create(decimal startingCollateral) =>
        new(ImmutableSortedDictionary.Create<string, PositionState>(StringComparer.Ordinal), startingCollateral, startingCollateral);

    public PositionState Position(string market) =>
        Positions.TryGetValue(market, out var p) ? p : PositionState.Empty(market);

    public PortfolioState ApplyFill(Fill fill)
    {
        decimal signedNotional = fill.Size.Notional(fill.Price);
        if (fill.Side == Side.Buy) signedNotional = -signedNotional;
        return this with
        {
            Positions = Positions.SetItem(fill.Market, Position(fill.Market).ApplyFill(fill)),
            QuoteBalance = QuoteBalance + signedNotional - fill.Fee,
        };
    }

    /// <summary>
    /// Adopts a position the account already holds (a live run starting on a non-flat account): it is booked as if
    /// bought or sold at its entry price, so Q drops by its basis and nothing counts as realized, fees or volume.
    /// </summary>
    public PortfolioState OpenWith(string market, Quantity size, decimal entryPrice)
    {
        if (!Position(market).Size.IsZero || Position(market).FillCount > 0)
            throw new InvalidOperationException($"{market}: an opening position can only be adopted before anything was booked there");
        decimal basis = size.ToDecimal() * entryPrice;
        return this with
        {
            Positions = Positions.SetItem(market, PositionState.Empty(market) with { Size = size, CostBasis = basis }),
            QuoteBalance = QuoteBalance - basis,
        };
    }

    public PortfolioState ApplyFunding(FundingPayment payment) => this with
    {
        Positions = Positions.SetItem(payment.Market, Position(payment.Market).ApplyFunding(payment)),
        QuoteBalance = QuoteBalance + payment.Payment,
    };

    public decimal UnrealizedPnl(string market, Price mark) => Position(market).UnrealizedPnl(mark);

    public decimal RealizedPnl => Sum(static p => p.RealizedPnl);
    public decimal FeesPaid => Sum(static p => p.FeesPaid);
    public decimal NetFunding => Sum(static p => p.NetFunding);

    /// <summary>
    /// Total account value V = Q + Σ Size × mark (v3 definition, marks normally oracle prices). A market with a
    /// position but no mark is valued at its cost basis (zero unrealized), so a missing price never invents P&amp;L.
    /// </summary>
    public decimal Equity(Func<string, Price?> marks)
    {
        decimal equity = QuoteBalance;
        foreach (var (market, p) in Positions)
        {
            if (p.Size.IsZero) continue;
            Price? mark = marks(market);
            equity += mark is { } m ? p.MarketValue(m) : p.CostBasis;
        }
        return equity;
    }

    private decimal Sum(Func<PositionState, decimal> field)
    {
        decimal total = 0m;
        foreach (var p in Positions.Values) total += field(p);
        return total;
    }
}
