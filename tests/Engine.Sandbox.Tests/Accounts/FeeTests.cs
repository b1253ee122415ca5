using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Money;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Accounts;

public sealed class FeeTests
{
    [Fact]
    public void Fees_match_the_real_v3_fill_to_the_micro_dollar()
    {
        // Real capture (ws-account-after-filled.json): SELL 0.27 XMR-USD at 261.6, TAKER, fee 0.070632, quoteAmount 70.632.
        var h = new Harness();
        h.Exchange.AddMarkets([new MarketConfig
        {
            Rules = new MarketRules("XMR-USD", P("0.1"), Q("0.01"), Q("0.1"), 0.1m, 0.05m, Q("100"), Q("20"), 0.02m, Q("1000")),
            OraclePrice = P("261.6"),
        }], h.Now);
        string seller = h.NewAccount(collateral: 1000m);
        string buyer = h.NewAccount(collateral: 1000m);
        h.PlaceAndProcess(buyer, h.Order(Side.Buy, "261.6", "0.27") with { Market = "XMR-USD" });
        h.PlaceAndProcess(seller, h.Order(Side.Sell, "261.6", "0.27", TimeInForce.Fok) with { Market = "XMR-USD" });

        var taker = Assert.Single(h.Exchange.GetFills(seller).Unwrap());
        Assert.Equal(0.070632m, taker.Fee);
        Assert.Equal(70.632m, taker.QuoteAmount);
        Assert.Equal(Liquidity.Taker, taker.Liquidity);
        var maker = Assert.Single(h.Exchange.GetFills(buyer).Unwrap());
        Assert.Equal(0.035316m, maker.Fee);
        Assert.Equal(1000m + 70.632m - 0.070632m, h.Account(seller).QuoteBalance);
        Assert.Equal(1000m - 70.632m - 0.035316m, h.Account(buyer).QuoteBalance);
    }

    [Fact]
    public void Fees_round_up_to_the_micro_dollar()
    {
        Assert.Equal(0.003001m, Usd.Fee(Q("0.0001"), P("30001"), 0.001m));   // 0.0030001
        Assert.Equal(0.001501m, Usd.Fee(Q("0.0001"), P("30001"), 0.0005m));  // 0.00150005
        Assert.Equal(0.003m, Usd.Fee(Q("0.0001"), P("30000"), 0.001m));      // exact stays exact
        Assert.Equal(-0.0003m, Usd.Fee(Q("0.0001"), P("30001"), -0.0001m));  // a rebate is rounded toward the exchange too
    }

    [Fact]
    public void Per_account_rates_override_the_defaults()
    {
        var h = new Harness();
        string vip = h.NewAccount(makerFee: 0m, takerFee: 0.0002m);
        string maker = h.NewAccount();
        h.PlaceAndProcess(maker, h.Order(Side.Sell, "30000", "1"));
        h.PlaceAndProcess(vip, h.Order(Side.Buy, "30000", "1", TimeInForce.Ioc, limitFee: 0.0002m));
        Assert.Equal(6m, Assert.Single(h.Exchange.GetFills(vip).Unwrap()).Fee);
        Assert.Equal(15m, Assert.Single(h.Exchange.GetFills(maker).Unwrap()).Fee);
        Assert.Equal(0.0002m, h.Account(vip).TakerFeeRate);
        h.Exchange.SetFeeRates(vip, 0.0001m, 0.0003m, h.Now);
        Assert.Equal(0.0003m, h.Account(vip).TakerFeeRate);
    }
}
