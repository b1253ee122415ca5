using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Markets;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Accounts;

/// <summary>Hourly funding at the top of the hour: payment = −S × P × R to the quote balance; longs pay when R &gt; 0.</summary>
public sealed class FundingTests
{
    private readonly Harness _h = new();
    private readonly string _long;
    private readonly string _short;

    public FundingTests()
    {
        _long = _h.NewAccount();
        _short = _h.NewAccount();
        _h.PlaceAndProcess(_short, _h.Order(Side.Sell, "30000", "2"));
        _h.PlaceAndProcess(_long, _h.Order(Side.Buy, "30000", "2", TimeInForce.Fok));
    }

    private static Timestamp TopOfHour(int hour) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 2, hour, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Longs_pay_shorts_when_the_rate_is_positive()
    {
        decimal longBefore = _h.Account(_long).QuoteBalance, shortBefore = _h.Account(_short).QuoteBalance;
        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { OraclePrice = P("31000"), NextFundingRate = 0.0000125m }, _h.Now);

        _h.Exchange.AdvanceTime(TopOfHour(1).AddNanos(-1));
        Assert.Empty(_h.Exchange.GetFundingPayments(_long).Unwrap());

        _h.Drain();
        _h.Exchange.AdvanceTime(TopOfHour(1));
        // −(2 × 31000 × 0.0000125) = −0.775 for the long, +0.775 for the short.
        var paid = Assert.Single(_h.Exchange.GetFundingPayments(_long).Unwrap());
        Assert.Equal((-0.775m, 0.0000125m, Q("2"), P("31000"), TopOfHour(1)), (paid.Payment, paid.Rate, paid.PositionSize, paid.Price, paid.EffectiveAt));
        Assert.Equal(0.775m, Assert.Single(_h.Exchange.GetFundingPayments(_short).Unwrap()).Payment);
        Assert.Equal(longBefore - 0.775m, _h.Account(_long).QuoteBalance);
        Assert.Equal(shortBefore + 0.775m, _h.Account(_short).QuoteBalance);

        var position = _h.Account(_long).OpenPositions[Btc];
        Assert.Equal(-0.775m, position.NetFunding);
        Assert.Equal(-0.775m, position.RealizedPnl); // v3 realized P&L includes funding

        var history = Assert.Single(_h.Exchange.GetHistoricalFunding(Btc).Unwrap());
        Assert.Equal((0.0000125m, P("31000"), TopOfHour(1)), (history.Rate, history.Price, history.EffectiveAt));
        Assert.Equal(TopOfHour(2), _h.Exchange.GetMarket(Btc).Unwrap().NextFundingAt);

        var events = _h.Drain();
        Assert.Equal(TopOfHour(2), Assert.Single(events.OfType<MarketChanged>()).NextFundingAt);
        var longUpdate = events.OfType<AccountChanged>().Single(e => e.AccountId == _long);
        Assert.Equal(-0.775m, Assert.Single(longUpdate.FundingPayments).Payment);
        Assert.Equal(longBefore - 0.775m, longUpdate.Account!.QuoteBalance);
        Assert.Equal(-0.775m, Assert.Single(longUpdate.Positions).NetFunding);
    }

    [Fact]
    public void Shorts_pay_longs_when_the_rate_is_negative_and_every_hour_settles()
    {
        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { NextFundingRate = -0.00001m }, _h.Now);
        _h.Exchange.ProcessPending(TopOfHour(3).AddNanos(1));
        var payments = _h.Exchange.GetFundingPayments(_short).Unwrap();
        Assert.Equal([TopOfHour(3), TopOfHour(2), TopOfHour(1)], payments.Select(p => p.EffectiveAt));
        Assert.All(payments, p => Assert.Equal(-0.6m, p.Payment)); // −(−2 × 30000 × −0.00001)
        Assert.All(_h.Exchange.GetFundingPayments(_long).Unwrap(), p => Assert.Equal(0.6m, p.Payment));
    }

    [Fact]
    public void Payments_are_rounded_to_the_micro_dollar()
    {
        _h.Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { NextFundingRate = 0.0000000123m }, _h.Now);
        _h.Exchange.AdvanceTime(TopOfHour(1));
        // 2 × 30000 × 0.0000000123 = 0.000738 exactly; with oracle 30001 it would need rounding.
        Assert.Equal(-0.000738m, Assert.Single(_h.Exchange.GetFundingPayments(_long).Unwrap()).Payment);
        _h.SetOracle("30001");
        _h.Exchange.AdvanceTime(TopOfHour(2));
        Assert.Equal(-0.000738m, _h.Exchange.GetFundingPayments(_long).Unwrap()[0].Payment); // 0.0007380246 → 0.000738
    }

    [Fact]
    public void A_clock_jump_longer_than_a_day_settles_only_the_last_missed_hour()
    {
        var later = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 5, 7, 30, 0, TimeSpan.Zero));
        _h.Exchange.AdvanceTime(later);
        var paid = Assert.Single(_h.Exchange.GetFundingPayments(_long).Unwrap());
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 5, 7, 0, 0, TimeSpan.Zero)), paid.EffectiveAt);
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 5, 8, 0, 0, TimeSpan.Zero)), _h.Exchange.GetMarket(Btc).Unwrap().NextFundingAt);
    }

    [Fact]
    public void Flat_accounts_pay_nothing()
    {
        string flat = _h.NewAccount();
        _h.Exchange.AdvanceTime(TopOfHour(1));
        Assert.Empty(_h.Exchange.GetFundingPayments(flat).Unwrap());
        Assert.Equal(100_000m, _h.Account(flat).QuoteBalance);
    }
}
