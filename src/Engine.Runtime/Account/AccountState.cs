using System.Collections.Immutable;
using Engine.Core.Orders;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Engine.Runtime.Persistence;

namespace Engine.Runtime.Account;

/// <summary>
/// The account's journaled state: the portfolio (positions, cash, realized P&amp;L, fees, funding), the fills in
/// booking order (all of them, or the newest <see cref="RetainFills"/> in a live run, with running totals either
/// way), the latest mark per market and the equity high-water mark with the worst drawdown from it.
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

    /// <summary>Running fill figures per market; they count every fill, also those no longer kept in <see cref="Fills"/>.</summary>
    public ImmutableSortedDictionary<string, FillTotals> Totals { get; init; } = ImmutableSortedDictionary.Create<string, FillTotals>(StringComparer.Ordinal);

    /// <summary>Null keeps every fill in <see cref="Fills"/> (simulation reports list them); a number keeps the newest that many (live).</summary>
    public int? RetainFills { get; init; }

    public decimal Equity => Portfolio.Equity(m => Marks.TryGetValue(m, out var p) ? p : null);

    public AccountState Apply(object e) => e switch
    {
        FillBooked f => (this with { Portfolio = Portfolio.ApplyFill(f.Fill), Fills = Keep(Fills.Add(f.Fill)), Totals = WithFill(Totals, f.Fill) }).Remark(),
        FundingBooked f => (this with { Portfolio = Portfolio.ApplyFunding(f.Payment) }).Remark(),
        MarkRecorded m => (this with { Marks = Marks.SetItem(m.Market, m.Price) }).Remark(),
        OpeningPositionAdopted o => (this with { Portfolio = Portfolio.OpenWith(o.Market, o.Size, o.EntryPrice) }).Remark(),
        _ => this,
    };

    public FillTotals TotalsOf(string market) => Totals.TryGetValue(market, out var t) ? t : FillTotals.None;

    private static ImmutableSortedDictionary<string, FillTotals> WithFill(ImmutableSortedDictionary<string, FillTotals> totals, Fill fill) =>
        totals.SetItem(fill.Market, (totals.TryGetValue(fill.Market, out var t) ? t : FillTotals.None).Add(fill));

    private ImmutableList<Fill> Keep(ImmutableList<Fill> fills) =>
        RetainFills is { } retain && fills.Count > retain ? fills.RemoveRange(0, fills.Count - retain) : fills;

    /// <summary>A state restored from a snapshot, under this run's fill retention (totals rebuilt if the snapshot predates them).</summary>
    public AccountState Restored(int? retainFills)
    {
        // JSON rebuilds sorted dictionaries with the default (culture) comparer: restore the ordinal one, so iteration
        // order after a restart is the order before it.
        var state = this with
        {
            RetainFills = retainFills,
            Portfolio = Portfolio with { Positions = Portfolio.Positions.WithComparers(StringComparer.Ordinal) },
            Marks = Marks.WithComparers(StringComparer.Ordinal),
            Totals = Totals.WithComparers(StringComparer.Ordinal),
        };
        if (state.Totals.IsEmpty && !state.Fills.IsEmpty) state = state with { Totals = state.Fills.Aggregate(state.Totals, WithFill) };
        return state with { Fills = state.Keep(state.Fills) };
    }

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
        var totals = TotalsOf(market);
        Price? mark = Marks.TryGetValue(market, out var p) ? p : null;
        return new AccountReport(
            market, fills, position.Size,
            position.Size.IsZero ? null : decimal.Round(position.EntryPrice, 9),
            position.RealizedPnl,
            mark is { } m ? position.UnrealizedPnl(m) : 0m,
            position.FeesPaid,
            position.NetFunding,
            totals.Volume,
            totals.Bought, totals.Sold,
            mark,
            Portfolio.StartingCollateral,
            Equity,
            MaxDrawdown)
        {
            FillCount = totals.Count,
        };
    }
}

/// <summary>Fill figures of one market: how many, how much bought and sold, and the notional traded.</summary>
public sealed record FillTotals(long Count, Quantity Bought, Quantity Sold, decimal Volume)
{
    public static readonly FillTotals None = new(0, Quantity.Zero, Quantity.Zero, 0m);

    public FillTotals Add(Fill fill) => new(
        Count + 1,
        fill.Side == Side.Buy ? Bought + fill.Size : Bought,
        fill.Side == Side.Sell ? Sold + fill.Size : Sold,
        Volume + fill.Size.Notional(fill.Price));
}
