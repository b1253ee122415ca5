using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Matching;

/// <summary>One execution of a taker: against background at a level (<see cref="Maker"/> null) or against a user's resting order.</summary>
internal readonly record struct MatchStep(PriceLevel Level, SandboxOrder? Maker, long Units);

/// <summary>What a maker account would already have taken on earlier in the same plan (for its cumulative margin check).</summary>
internal readonly record struct PendingExposure(long SizeUnits, decimal Quote);

/// <summary>
/// The executions a taker order would get, computed without touching the book, so FOK can be all-or-nothing and
/// every other order applies exactly what was planned.
/// </summary>
internal sealed class TakerPlan
{
    public List<MatchStep> Steps { get; } = new();

    /// <summary>Resting orders the taker reached whose own account could not afford the fill (cancelled when the plan is applied).</summary>
    public List<(SandboxOrder Order, CancelReason Reason)> MakerCancels { get; } = new();

    public long FilledUnits { get; set; }

    /// <summary>The walk stopped at one of the taker's own resting orders (self-trade prevention).</summary>
    public bool HitSelfTrade { get; set; }
}

internal static class TakerPlanner
{
    /// <summary>
    /// Risk check of one maker fill; returns <see cref="CancelReason.None"/> and adds the fill to
    /// <paramref name="exposure"/> when the maker's account can take it.
    /// </summary>
    public delegate CancelReason MakerCheck(SandboxOrder maker, long units, Price price, ref PendingExposure exposure);

    /// <summary>
    /// Walks the opposite side in price-time priority up to the taker's limit price and <paramref name="maxUnits"/>:
    /// at each level, background queued ahead of each user order, that order, and finally the background behind
    /// the last order. Stops before the taker's own orders.
    /// </summary>
    public static TakerPlan Plan(BookSide opposite, SandboxOrder taker, long maxUnits, MakerCheck makerCheck)
    {
        var plan = new TakerPlan();
        var exposures = new Dictionary<string, PendingExposure>(StringComparer.Ordinal);
        long remaining = maxUnits;
        foreach (var level in opposite.FromBest())
        {
            if (remaining == 0 || !opposite.IsAtLeastAsGood(level.Price, taker.Price)) break;
            long backgroundUsed = 0;
            foreach (var maker in level.Orders)
            {
                long gap = Math.Min(maker.BackgroundAhead, level.Background) - backgroundUsed;
                if (gap > 0)
                {
                    long units = Math.Min(remaining, gap);
                    plan.Steps.Add(new MatchStep(level, null, units));
                    backgroundUsed += units;
                    remaining -= units;
                }
                if (remaining == 0) break;
                if (maker.AccountId == taker.AccountId)
                {
                    plan.HitSelfTrade = true;
                    plan.FilledUnits = maxUnits - remaining;
                    return plan;
                }
                long take = Math.Min(remaining, maker.Remaining.Units);
                var exposure = exposures.GetValueOrDefault(maker.AccountId);
                var verdict = makerCheck(maker, take, level.Price, ref exposure);
                if (verdict != CancelReason.None)
                {
                    plan.MakerCancels.Add((maker, verdict));
                    continue;
                }
                exposures[maker.AccountId] = exposure;
                plan.Steps.Add(new MatchStep(level, maker, take));
                remaining -= take;
            }
            if (remaining > 0 && level.Background - backgroundUsed > 0)
            {
                long units = Math.Min(remaining, level.Background - backgroundUsed);
                plan.Steps.Add(new MatchStep(level, null, units));
                remaining -= units;
            }
        }
        plan.FilledUnits = maxUnits - remaining;
        return plan;
    }
}
