using Engine.Core.Orders;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Xunit;
using static Engine.Simulation.Tests.Venue;

namespace Engine.Simulation.Tests;

public class PortfolioTests
{
    private static long _fillId;

    internal static Fill F(Side side, string price, string size, decimal fee = 0m, string market = "BTC-USD") =>
        new($"f{Interlocked.Increment(ref _fillId)}", "1", market, side, P(price), Q(size), fee, Liquidity.Maker, T0);

    [Fact]
    public void Increasing_averages_the_entry_and_reducing_realizes_against_it()
    {
        var s = PortfolioState.Create(1000m)
            .ApplyFill(F(Side.Buy, "100", "1", 0.05m))
            .ApplyFill(F(Side.Buy, "110", "1", 0.055m));
        var p = s.Position("BTC-USD");
        Assert.Equal(Q("2"), p.Size);
        Assert.Equal(105m, p.EntryPrice);
        Assert.Equal(210m, p.CostBasis);
        Assert.Equal(0m, p.RealizedPnl);

        s = s.ApplyFill(F(Side.Sell, "120", "1", 0.06m));
        p = s.Position("BTC-USD");
        Assert.Equal(15m, p.RealizedPnl); // fees are not in realized P&L
        Assert.Equal(0.165m, p.FeesPaid);
        Assert.Equal(105m, p.EntryPrice);
        Assert.Equal(15m, s.UnrealizedPnl("BTC-USD", P("120")));
        Assert.Equal(1000m - 100m - 110m + 120m - 0.165m, s.QuoteBalance);
        Assert.Equal(330m, p.Volume);
        Assert.Equal(3, p.FillCount);
    }

    [Fact]
    public void An_adopted_opening_position_is_valued_from_its_entry_and_realizes_against_it()
    {
        // A live run starting short 0.5 at 30,010.5: equity at start is Q + size × entry, nothing realized yet.
        var s = PortfolioState.Create(25_000m).OpenWith("BTC-USD", Q("-0.5"), 30_010.5m);
        var p = s.Position("BTC-USD");
        Assert.Equal((Q("-0.5"), 30_010.5m, 0m, 0m, 0m, 0L), (p.Size, p.EntryPrice, p.RealizedPnl, p.FeesPaid, p.Volume, p.FillCount));
        Assert.Equal(25_000m + 15_005.25m, s.QuoteBalance);
        Assert.Equal(25_000m, s.Equity(_ => P("30010.5")));
        Assert.Equal(25_000m + 5m, s.Equity(_ => P("30000.5")));

        s = s.ApplyFill(F(Side.Buy, "30000.5", "0.5", 1m));
        Assert.Equal(5m, s.Position("BTC-USD").RealizedPnl);
        Assert.Equal(25_000m + 5m - 1m, s.QuoteBalance); // flat again: cash is all there is
        // Adopting is for a market with no history only.
        Assert.Throws<InvalidOperationException>(() => s.OpenWith("BTC-USD", Q("1"), 1m));
    }

    [Fact]
    public void Flipping_through_zero_closes_at_the_old_entry_and_opens_at_the_fill_price()
    {
        var s = PortfolioState.Create(0m)
            .ApplyFill(F(Side.Buy, "100", "1"))
            .ApplyFill(F(Side.Sell, "90", "3"));
        var p = s.Position("BTC-USD");
        Assert.Equal(-10m, p.RealizedPnl);
        Assert.Equal(Q("-2"), p.Size);
        Assert.Equal(90m, p.EntryPrice);
        Assert.Equal(-180m, p.CostBasis);
        Assert.Equal(20m, p.UnrealizedPnl(P("80")));

        p = s.ApplyFill(F(Side.Buy, "85", "2")).Position("BTC-USD");
        Assert.Equal(0m, p.RealizedPnl);
        Assert.True(p.Size.IsZero);
    }

    [Fact]
    public void A_closed_position_has_no_unrealized_pnl_and_no_entry()
    {
        var s = PortfolioState.Create(0m)
            .ApplyFill(F(Side.Buy, "100", "1"))
            .ApplyFill(F(Side.Buy, "101", "2"))
            .ApplyFill(F(Side.Sell, "103", "0.7"))
            .ApplyFill(F(Side.Sell, "99", "2.3"));
        var p = s.Position("BTC-USD");
        Assert.True(p.Size.IsZero);
        Assert.Equal(0m, p.CostBasis);
        Assert.Equal(0m, p.EntryPrice);
        Assert.Equal(0m, p.UnrealizedPnl(P("1")));
        Assert.Equal(0m, p.UnrealizedPnl(P("1000000")));
        // Everything realized equals the cash that moved.
        Assert.Equal(s.QuoteBalance, p.RealizedPnl);
        Assert.Equal(-100m - 202m + 72.1m + 227.7m, p.RealizedPnl);
    }

    [Fact]
    public void A_partial_reduce_of_a_repeating_average_keeps_the_identity_exact()
    {
        var s = PortfolioState.Create(0m)
            .ApplyFill(F(Side.Buy, "100", "1"))
            .ApplyFill(F(Side.Buy, "101", "2"))
            .ApplyFill(F(Side.Sell, "102", "1"));
        var p = s.Position("BTC-USD");
        Assert.Equal(102m - 100.666666666666666667m, p.RealizedPnl);
        Assert.Equal(p.RealizedPnl + p.UnrealizedPnl(P("102")), s.QuoteBalance + p.Size.Notional(P("102")));
    }

    [Fact]
    public void Shorts_realize_when_bought_back_lower()
    {
        var s = PortfolioState.Create(0m)
            .ApplyFill(F(Side.Sell, "100", "2"))
            .ApplyFill(F(Side.Buy, "95", "1"));
        Assert.Equal(5m, s.Position("BTC-USD").RealizedPnl);
        Assert.Equal(5m, s.UnrealizedPnl("BTC-USD", P("95")));
    }

    [Fact]
    public void Rebates_increase_the_balance_and_count_as_negative_fees()
    {
        var s = PortfolioState.Create(100m).ApplyFill(F(Side.Buy, "100", "1", -0.025m));
        Assert.Equal(-0.025m, s.Position("BTC-USD").FeesPaid);
        Assert.Equal(0.025m, s.QuoteBalance);
    }

    [Fact]
    public void Equity_is_quote_balance_plus_marked_positions_across_markets()
    {
        var s = PortfolioState.Create(1000m)
            .ApplyFill(F(Side.Buy, "100", "1", 0.1m))
            .ApplyFill(F(Side.Sell, "10", "5", 0m, "ETH-USD"));
        Assert.Equal(["BTC-USD", "ETH-USD"], s.Positions.Keys);
        decimal equity = s.Equity(m => m == "BTC-USD" ? P("110") : P("12"));
        Assert.Equal(1000m - 100m - 0.1m + 50m + 110m - 60m, equity);
        // A missing mark values the position at cost.
        Assert.Equal(1000m - 100m - 0.1m + 50m + 100m - 50m, s.Equity(_ => null));
    }

    [Fact]
    public void Funding_changes_balance_and_net_funding_but_not_realized()
    {
        var s = PortfolioState.Create(0m)
            .ApplyFill(F(Side.Buy, "30000", "2"))
            .ApplyFunding(FundingPayment.Compute("BTC-USD", 0.0001m, P("30000"), Q("2"), T0));
        var p = s.Position("BTC-USD");
        Assert.Equal(-6m, p.NetFunding);
        Assert.Equal(0m, p.RealizedPnl);
        Assert.Equal(-60006m, s.QuoteBalance);
        Assert.Equal(-6m, s.NetFunding);
    }

    [Fact]
    public void States_are_immutable_snapshots()
    {
        var portfolio = new Engine.Core.Portfolio.Portfolio(10m);
        var before = portfolio.State;
        portfolio.ApplyFill(F(Side.Buy, "1", "1"));
        Assert.Empty(before.Positions);
        Assert.Equal(10m, before.QuoteBalance);
        Assert.Equal(Q("1"), portfolio.Position("BTC-USD").Size);
    }
}
