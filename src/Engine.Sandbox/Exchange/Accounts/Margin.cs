using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Matching;

namespace Engine.Sandbox.Exchange.Accounts;

/// <summary>Equity and margin requirements of one account at oracle prices.</summary>
public readonly record struct AccountRisk(decimal Equity, decimal InitialRequirement, decimal MaintenanceRequirement)
{
    public decimal FreeCollateral => Equity - InitialRequirement;
}

/// <summary>
/// v3 cross-margin maths (api doc §3.6): V = Q + Σ S×P, initial requirement Σ |S×P| × IMF(S) with IMF growing by the
/// incremental fraction per started increment above the baseline size, maintenance Σ |S×P| × MMF.
/// </summary>
internal static class Margin
{
    public static AccountRisk Measure(SandboxAccount account, Func<string, SandboxMarket> markets)
    {
        decimal equity = account.QuoteBalance, initial = 0m, maintenance = 0m;
        foreach (var (name, position) in account.OpenPositions)
        {
            var market = markets(name);
            decimal value = position.Size.Notional(market.OraclePrice);
            equity += value;
            initial += Math.Abs(value) * market.Rules.EffectiveInitialMarginFraction(position.Size);
            maintenance += Math.Abs(value) * market.Rules.MaintenanceMarginFraction;
        }
        return new AccountRisk(equity, initial, maintenance);
    }

    /// <summary>
    /// Whether an execution of <paramref name="signedUnits"/> at <paramref name="price"/> paying <paramref name="fee"/>
    /// is allowed, on top of <paramref name="pending"/> executions already planned in the same market. Fills that do
    /// not grow the position are always allowed; growing ones must stay within maxPositionSize (else FAILED,
    /// simulator choice) and keep V ≥ initial requirement after the trade (else UNDERCOLLATERALIZED).
    /// </summary>
    public static CancelReason CheckExecution(SandboxAccount account, SandboxMarket market, Func<string, SandboxMarket> markets,
        long signedUnits, Price price, decimal fee, PendingExposure pending = default)
    {
        long before = account.PositionUnits(market.Name) + pending.SizeUnits;
        long after = before + signedUnits;
        if (Math.Abs(after) <= Math.Abs(before)) return CancelReason.None;
        if (market.Rules.MaxPositionSize.Units > 0 && Math.Abs(after) > market.Rules.MaxPositionSize.Units) return CancelReason.Failed;

        decimal equity = account.QuoteBalance + pending.Quote - new Quantity(signedUnits).Notional(price) - fee;
        decimal initial = 0m;
        foreach (var (name, position) in account.OpenPositions)
        {
            if (name == market.Name) continue;
            var other = markets(name);
            decimal value = position.Size.Notional(other.OraclePrice);
            equity += value;
            initial += Math.Abs(value) * other.Rules.EffectiveInitialMarginFraction(position.Size);
        }
        var size = new Quantity(after);
        decimal marketValue = size.Notional(market.OraclePrice);
        equity += marketValue;
        initial += Math.Abs(marketValue) * market.Rules.EffectiveInitialMarginFraction(size);
        return equity >= initial ? CancelReason.None : CancelReason.Undercollateralized;
    }
}
