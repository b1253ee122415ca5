using CsCheck;
using Engine.Core.Orders;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Simulation.Tests;

public class PortfolioPropertyTests
{
    private sealed record Step(bool Buy, long PriceTicks, long SizeSteps, int FeeKind, bool Funding, long RateMicros);

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.Bool, Gen.Long[1, 2_000_000], Gen.Long[1, 50_000], Gen.Int[0, 2], Gen.Int[0, 4], Gen.Long[-500, 500])
        .Select((b, p, s, f, fund, r) => new Step(b, p, s, f, fund == 0, r));

    private static readonly decimal[] FeeRates = [0.0005m, 0.001m, -0.00025m];

    [Fact]
    public void Realized_plus_unrealized_minus_fees_plus_funding_equals_the_cash_flow()
    {
        StepGen.List[1, 60].Sample(steps =>
        {
            var state = PortfolioState.Create(12_345.678m);
            Price last = default;
            int n = 0;
            foreach (var step in steps)
            {
                if (step.Funding)
                {
                    var pos = state.Position("BTC-USD").Size;
                    state = state.ApplyFunding(FundingPayment.Compute("BTC-USD", step.RateMicros / 1_000_000m, new Price(step.PriceTicks * 10_000_000L), pos, default));
                    continue;
                }
                last = new Price(step.PriceTicks * 10_000_000L);   // tick 0.01 → up to 20,000
                var size = new Quantity(step.SizeSteps * 1_000_000L); // step 0.001 → up to 50
                decimal fee = size.Notional(last) * FeeRates[step.FeeKind];
                state = state.ApplyFill(new Fill($"f{++n}", "1", "BTC-USD", step.Buy ? Side.Buy : Side.Sell, last, size, fee, Liquidity.Maker, default));

                var p = state.Position("BTC-USD");
                decimal lhs = p.RealizedPnl + p.UnrealizedPnl(last) - p.FeesPaid + p.NetFunding;
                decimal rhs = state.QuoteBalance - state.StartingCollateral + p.Size.Notional(last);
                Assert.Equal(rhs, lhs);
                Assert.Equal(state.Equity(_ => last), state.QuoteBalance + p.Size.Notional(last));
                if (p.Size.IsZero)
                {
                    Assert.Equal(0m, p.CostBasis);
                    Assert.Equal(0m, p.UnrealizedPnl(new Price(step.PriceTicks * 7)));
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Flat_after_any_round_trip_means_realized_is_all_the_trading_cash()
    {
        Gen.Select(StepGen.List[1, 30], Gen.Long[1, 2_000_000]).Sample((steps, closeTicks) =>
        {
            var state = PortfolioState.Create(0m);
            int n = 0;
            foreach (var step in steps)
            {
                var price = new Price(step.PriceTicks * 10_000_000L);
                state = state.ApplyFill(new Fill($"f{++n}", "1", "BTC-USD", step.Buy ? Side.Buy : Side.Sell, price, new Quantity(step.SizeSteps * 1_000_000L), 0m, Liquidity.Taker, default));
            }
            var open = state.Position("BTC-USD").Size;
            if (!open.IsZero)
            {
                state = state.ApplyFill(new Fill("close", "1", "BTC-USD", open.Units > 0 ? Side.Sell : Side.Buy,
                    new Price(closeTicks * 10_000_000L), open.Abs(), 0m, Liquidity.Taker, default));
            }
            var p = state.Position("BTC-USD");
            Assert.True(p.Size.IsZero);
            Assert.Equal(0m, p.UnrealizedPnl(new Price(closeTicks)));
            Assert.Equal(0m, p.EntryPrice);
            Assert.Equal(state.QuoteBalance, p.RealizedPnl);
        }, iter: 500);
    }
}
