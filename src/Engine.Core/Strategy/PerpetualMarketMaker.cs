using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Strategy;

/// <summary>
/// Perpetual market making as pure functions (no clock, no I/O, no randomness): the same inputs give the same
/// decision in a simulation and live. Each tick it builds a proposal of bids and asks around a reference price
/// (levels, level spreads and amounts, inventory skew, maximum position, never crossing the book), cancels
/// orders when the refresh time is up (unless they are still within tolerance) or when they are inside the
/// minimum spread, and places the proposal only once no order of ours is working and the create timer allows.
/// Without a two-sided, uncrossed book it quotes nothing and pulls what it has resting.
/// Prices are floored (bids) or ceiled (asks) to the tick and sizes floored to the step with exact maths.
/// </summary>
public static class PerpetualMarketMaker
{
    public static (MarketMakerState State, QuoteDecision Decision) OnTick(
        MarketMakerState state, QuoteContext ctx, MarketMakingParameters p, MarketRules rules)
    {
        var open = ctx.Orders.Where(o => o.Status == OrderStatus.Open).ToList();
        if (ReferencePrice(ctx, p.PriceSource) is not { } reference)
        {
            // No two-sided, uncrossed market (the book was dropped for a resync, or it is crossed): quotes priced off
            // a market we no longer see are stale, so pull them; quoting resumes with the next good book.
            return (state, open.Count == 0 ? QuoteDecision.Empty : new QuoteDecision(open.Select(o => o.ClientId).ToList(), []));
        }
        var proposal = Proposal(reference, ctx, p, rules);

        var cancels = new List<string>();

        if (p.MinimumSpread >= 0)
        {
            decimal refD = reference.ToDecimal();
            foreach (var o in open)
                if (Math.Abs(o.Price.ToDecimal() - refD) / refD < p.MinimumSpread) cancels.Add(o.ClientId);
        }

        if (state.NextCancelTime is { } cancelAt && ctx.Now >= cancelAt && open.Count > 0)
        {
            if (p.RefreshTolerance >= 0 && WithinTolerance(open, proposal, p.RefreshTolerance))
                state = state with { NextCancelTime = ctx.Now.AddNanos(p.RefreshTime.Ticks * 100L) };
            else
                foreach (var o in open)
                    if (!cancels.Contains(o.ClientId)) cancels.Add(o.ClientId);
        }

        if (cancels.Count > 0 || ctx.Orders.Count > 0 || ctx.Now < state.NextCreateTime || proposal.Count == 0)
            return (state, cancels.Count == 0 ? QuoteDecision.Empty : new QuoteDecision(cancels, []));

        state = state with { NextCancelTime = ctx.Now.AddNanos(p.RefreshTime.Ticks * 100L) };
        return (state, new QuoteDecision([], proposal));
    }

    /// <summary>A complete fill arms the filled-order delay; every fill records our last trade price.</summary>
    public static MarketMakerState OnFill(MarketMakerState state, Fill fill, bool orderCompleted, Timestamp now, MarketMakingParameters p)
    {
        state = state with { LastOwnTradePrice = fill.Price };
        if (!orderCompleted) return state;
        var next = now.AddNanos(p.FilledOrderDelay.Ticks * 100L);
        return next > state.NextCreateTime ? state with { NextCreateTime = next } : state;
    }

    public static Price? ReferencePrice(QuoteContext ctx, PriceSource source)
    {
        bool hasBid = ctx.Book.TryGetBestBid(out var bid, out _);
        bool hasAsk = ctx.Book.TryGetBestAsk(out var ask, out _);
        if (!hasBid || !hasAsk || bid >= ask) return null; // no two-sided, uncrossed market: no quoting
        Price mid = new((bid.Units + ask.Units) / 2);
        return source switch
        {
            PriceSource.BestBid => bid,
            PriceSource.BestAsk => ask,
            PriceSource.Last => ctx.LastTradePrice ?? mid,
            _ => mid,
        };
    }

    /// <summary>The orders the strategy would like resting now, best levels first, bids then asks.</summary>
    public static List<QuoteOrder> Proposal(Price reference, QuoteContext ctx, MarketMakingParameters p, MarketRules rules)
    {
        decimal refD = reference.ToDecimal();
        (decimal bidScale, decimal askScale) = Skew(ctx.Position, p);
        long buyCapacity = long.MaxValue, sellCapacity = long.MaxValue;
        if (p.MaxPosition.Units > 0)
        {
            long workingBuys = ctx.Orders.Where(o => o.Side == Side.Buy).Sum(o => o.RemainingSize.Units);
            long workingSells = ctx.Orders.Where(o => o.Side == Side.Sell).Sum(o => o.RemainingSize.Units);
            buyCapacity = Math.Max(0, p.MaxPosition.Units - ctx.Position.Units - workingBuys);
            sellCapacity = Math.Max(0, p.MaxPosition.Units + ctx.Position.Units - workingSells);
        }
        bool hasBestAsk = ctx.Book.TryGetBestAsk(out var bestAsk, out _);
        bool hasBestBid = ctx.Book.TryGetBestBid(out var bestBid, out _);

        var bids = new List<QuoteOrder>();
        var asks = new List<QuoteOrder>();
        for (int level = 0; level < p.OrderLevels; level++)
        {
            decimal baseSize = p.OrderAmount.ToDecimal() + level * p.OrderLevelAmount.ToDecimal();
            if (baseSize <= 0) continue;
            decimal offset = level * p.OrderLevelSpread;

            var bidPrice = rules.FloorToTick(ToPrice(refD * (1 - p.BidSpread - offset), ceiling: false));
            var bidSize = Size(baseSize * bidScale, rules, ref buyCapacity);
            if (bidPrice.Units > 0 && bidSize is { } bs && !(hasBestAsk && bidPrice >= bestAsk))
                bids.Add(new QuoteOrder(Side.Buy, bidPrice, bs, level));

            var askPrice = rules.CeilToTick(ToPrice(refD * (1 + p.AskSpread + offset), ceiling: true));
            var askSize = Size(baseSize * askScale, rules, ref sellCapacity);
            if (askSize is { } s && !(hasBestBid && askPrice <= bestBid))
                asks.Add(new QuoteOrder(Side.Sell, askPrice, s, level));
        }
        bids.AddRange(asks);
        return bids;
    }

    /// <summary>
    /// Inventory skew: x = (position − target) / range, clamped to [−1, 1]; bids scale by 1 − x and asks by 1 + x,
    /// so at target + range only asks are quoted and at target − range only bids.
    /// </summary>
    public static (decimal Bid, decimal Ask) Skew(Quantity position, MarketMakingParameters p)
    {
        if (!p.InventorySkew || p.InventoryRange.Units <= 0) return (1m, 1m);
        decimal x = (position - p.InventoryTarget).ToDecimal() / p.InventoryRange.ToDecimal();
        x = Math.Clamp(x, -1m, 1m);
        return (1m - x, 1m + x);
    }

    private static Quantity? Size(decimal wanted, MarketRules rules, ref long capacity)
    {
        if (wanted <= 0) return null;
        long units = (long)decimal.Floor(Math.Min(wanted * FixedPoint.Scale, long.MaxValue / 2));
        units = Math.Min(units, capacity);
        var size = rules.FloorToStep(new Quantity(units));
        if (size < rules.MinOrderSize || size.Units <= 0) return null;
        capacity -= size.Units;
        return size;
    }

    private static Price ToPrice(decimal value, bool ceiling)
    {
        decimal units = value * FixedPoint.Scale;
        return new Price((long)(ceiling ? decimal.Ceiling(units) : decimal.Floor(units)));
    }

    /// <summary>Hummingbot's rule: same number of orders per side and every price within tolerance of its counterpart.</summary>
    private static bool WithinTolerance(List<WorkingOrder> open, List<QuoteOrder> proposal, decimal tolerance)
    {
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            var current = open.Where(o => o.Side == side).Select(o => o.Price.ToDecimal()).Order().ToList();
            var wanted = proposal.Where(o => o.Side == side).Select(o => o.Price.ToDecimal()).Order().ToList();
            if (current.Count != wanted.Count) return false;
            for (int i = 0; i < current.Count; i++)
                if (Math.Abs(current[i] - wanted[i]) / wanted[i] > tolerance) return false;
        }
        return true;
    }
}
