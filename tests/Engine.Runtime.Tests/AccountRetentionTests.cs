using CsCheck;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Account;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>A live account lists only its newest fills, yet reports the same figures as one that keeps them all.</summary>
public sealed class AccountRetentionTests
{
    private static readonly Gen<Fill> AFill =
        Gen.Select(Gen.Bool, Gen.Int[29_990, 30_010], Gen.Int[1, 20], Gen.Int[0, 1_000_000]).Select((buy, price, size, id) =>
            new Fill($"f{id}", "1000000001", "BTC-USD", buy ? Side.Buy : Side.Sell, Price.Parse(price.ToString()), new Quantity(size * 1_000_000L),
                0.01m * size, Liquidity.Maker, new Timestamp(1)));

    [Fact]
    public void Bounded_fills_report_the_same_totals_position_and_pnl_as_unbounded_ones()
    {
        Gen.Select(AFill.List[0, 60], Gen.Int[0, 10]).Sample((fills, retain) =>
        {
            var all = AccountState.Create(10_000m);
            var bounded = AccountState.Create(10_000m) with { RetainFills = retain };
            foreach (var fill in fills)
            {
                all = all.Apply(new FillBooked(fill));
                bounded = bounded.Apply(new FillBooked(fill));
            }
            var full = all.Report("BTC-USD");
            var kept = bounded.Report("BTC-USD");
            Assert.Equal(fills.TakeLast(retain), kept.Fills);
            var none = Array.Empty<Fill>(); // the lists differ by design; every other figure must not
            Assert.Equal(full with { Fills = none }, kept with { Fills = none });
            Assert.Equal(fills.Count, kept.FillCount);
            Assert.Equal(fills.Count, full.FillCount);
            // A snapshot written before totals existed is rebuilt from its fills.
            var old = all with { Totals = all.Totals.Clear() };
            var restored = old.Restored(retain).Report("BTC-USD");
            Assert.Equal(fills.TakeLast(retain), restored.Fills);
            Assert.Equal(full with { Fills = none }, restored with { Fills = none });
        });
    }
}
