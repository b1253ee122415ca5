using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Xunit;
using static Engine.Simulation.Tests.Venue;

namespace Engine.Simulation.Tests;

public class FundingClockTests
{
    // 2023-11-14T22:00:00Z, a top of the hour.
    private static readonly Timestamp H = new(1_699_999_200L * Timestamp.NanosPerSecond);
    private const long Minute = 60L * Timestamp.NanosPerSecond;
    private const long Hour = Timestamp.NanosPerHour;

    private static List<FundingPayment> Drain(FundingClock clock, Timestamp now, string position)
    {
        var payments = new List<FundingPayment>();
        while (clock.TryAccrue(now, Q(position), out var p)) payments.Add(p);
        return payments;
    }

    [Fact]
    public void Long_pays_a_positive_rate_at_the_top_of_the_hour()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(30 * Minute), 0.0001m, P("30000"));
        Assert.Empty(Drain(clock, H.AddNanos(59 * Minute), "2"));

        var payment = Assert.Single(Drain(clock, H.AddNanos(Hour), "2"));
        Assert.Equal(new FundingPayment("BTC-USD", 0.0001m, P("30000"), Q("2"), -6m, H.AddNanos(Hour)), payment);
        Assert.Empty(Drain(clock, H.AddNanos(Hour), "2"));
    }

    [Fact]
    public void Short_receives_a_positive_rate_and_pays_a_negative_one()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(30 * Minute), 0.0001m, P("30000"));
        Assert.Equal(6m, Assert.Single(Drain(clock, H.AddNanos(Hour), "-2")).Payment);

        clock.OnMarketUpdate(H.AddNanos(Hour + Minute), -0.00002m, P("31000.5"));
        Assert.Equal(-0.00002m * 31000.5m * 0.5m, Assert.Single(Drain(clock, H.AddNanos(2 * Hour), "-0.5")).Payment);
    }

    [Fact]
    public void No_data_means_no_charge()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(Minute), null, null);
        Assert.Empty(Drain(clock, H.AddNanos(5 * Hour), "3"));

        var oracleOnly = new FundingClock("BTC-USD");
        oracleOnly.OnMarketUpdate(H.AddNanos(Minute), null, P("30000"));
        Assert.Empty(Drain(oracleOnly, H.AddNanos(2 * Hour), "3"));

        var rateOnly = new FundingClock("BTC-USD");
        rateOnly.OnMarketUpdate(H.AddNanos(Minute), 0.0001m, null);
        Assert.Empty(Drain(rateOnly, H.AddNanos(2 * Hour), "3"));
        Assert.Equal(2, rateOnly.SkippedHours);
    }

    [Fact]
    public void A_stale_rate_is_used_for_at_most_the_next_two_boundaries()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(30 * Minute), 0.0001m, P("30000"));
        var payments = Drain(clock, H.AddNanos(10 * Hour), "1");
        Assert.Equal([H.AddNanos(Hour), H.AddNanos(2 * Hour)], payments.Select(p => p.EffectiveAt));
        Assert.Equal(8, clock.SkippedHours);
        Assert.Equal(2, clock.SettledHours);
    }

    [Fact]
    public void Every_crossed_hour_is_paid_once_with_the_rate_in_force_before_it()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(30 * Minute), 0.0001m, P("30000"));
        clock.OnMarketUpdate(H.AddNanos(Hour), 0.0002m, P("30100")); // stamped exactly at the boundary: next hour's data
        clock.OnMarketUpdate(H.AddNanos(Hour + 30 * Minute), 0.0003m, null);
        var payments = Drain(clock, H.AddNanos(2 * Hour), "1");
        Assert.Equal([0.0001m, 0.0003m], payments.Select(p => p.Rate));
        Assert.Equal([P("30000"), P("30100")], payments.Select(p => p.OraclePrice));
    }

    [Fact]
    public void The_hour_of_the_first_observation_is_not_charged()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H, 0.0001m, P("30000"));
        Assert.Empty(Drain(clock, H, "1"));
        Assert.Equal(H.AddNanos(Hour), Assert.Single(Drain(clock, H.AddNanos(Hour), "1")).EffectiveAt);
    }

    [Fact]
    public void A_flat_position_consumes_the_hour_without_a_payment()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(Minute), 0.0001m, P("30000"));
        Assert.Empty(Drain(clock, H.AddNanos(Hour), "0"));
        Assert.Empty(Drain(clock, H.AddNanos(Hour + Minute), "5"));
        Assert.Equal(1, clock.SettledHours);
    }

    [Fact]
    public void Funding_flows_into_the_portfolio()
    {
        var clock = new FundingClock("BTC-USD");
        clock.OnMarketUpdate(H.AddNanos(Minute), 0.0001m, P("30000"));
        var portfolio = new Engine.Core.Portfolio.Portfolio(1000m);
        Assert.True(clock.TryAccrue(H.AddNanos(Hour), Q("2"), out var payment));
        var state = portfolio.ApplyFunding(payment);
        Assert.Equal(994m, state.QuoteBalance);
        Assert.Equal(-6m, state.Position("BTC-USD").NetFunding);
    }
}
