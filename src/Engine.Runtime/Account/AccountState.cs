using System.Collections.Immutable;
using Engine.Core.Orders;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Engine.Runtime.Persistence;

namespace Engine.Runtime.Account;

/// <summary>
/// The account's journaled state: the portfolio (positions, cash, realized P&amp;L, fees, funding), the fills in
/// booking order, the latest mark per market and the equity high-water mark with the worst drawdown from it.
/// Pure: <see cref="Apply"/> returns a new state. Snapshots store it whole.
/// </summary>
public sealed record AccountState(
    PortfolioState Portfolio,
    ImmutableList<Fill> Fills,
    ImmutableSortedDictionary<string, Price> Marks,
    decimal PeakEquity,
    decimal MaxDrawdown) : IPersistedMessage
{
    public static AccountState Create(decimal startingCollateral) => new(
        PortfolioState.Create(startingCollateral),
        ImmutableList<Fill>.Empty,
        ImmutableSortedDictionary.Create<string, Price>(StringComparer.Ordinal),
        startingCollateral,
        0m);

    public decimal Equity => Portfolio.Equity(m => Marks.TryGetValue(m, out var p) ? p : null);

    public AccountState Apply(object e) => e switch
    {
        FillBooked f => (this with { Portfolio = Portfolio.ApplyFill(f.Fill), Fills = Fills.Add(f.Fill) }).Remark(),
        FundingBooked f => (this with { Portfolio = Portfolio.ApplyFunding(f.Payment) }).Remark(),
        MarkRecorded m => (this with { Marks = Marks.SetItem(m.Market, m.Price) }).Remark(),
        OpeningPositionAdopted o => (this with { Portfolio = Portfolio.OpenWith(o.Market, o.Size, o.EntryPrice) }).Remark(),
        _ => this,
    };

    /// <summary>Equity changes with every event; track the high-water mark and the drawdown from it.</summary>
    private AccountState Remark()
    {
        decimal equity = Equity;
        decimal peak = Math.Max(PeakEquity, equity);
        return this with { PeakEquity = peak, MaxDrawdown = Math.Max(MaxDrawdown, peak - equity) };
    }

    public AccountReport Report(string market)
    {
        var position = Portfolio.Position(market);
        var fills = Fills.Where(f => f.Market == market).ToList();
        Price? mark = Marks.TryGetValue(market, out var p) ? p : null;
        long bought = fills.Where(f => f.Side == Side.Buy).Sum(f => f.Size.Units);
        long sold = fills.Where(f => f.Side == Side.Sell).Sum(f => f.Size.Units);
        return new AccountReport(
            market, fills, position.Size,
            position.Size.IsZero ? null : decimal.Round(position.EntryPrice, 9),
            position.RealizedPnl,
            mark is { } m ? position.UnrealizedPnl(m) : 0m,
            position.FeesPaid,
            position.NetFunding,
            fills.Sum(f => f.Size.Notional(f.Price)),
            new Quantity(bought), new Quantity(sold),
            mark,
            Portfolio.StartingCollateral,
            Equity,
            MaxDrawdown);
    }
}
