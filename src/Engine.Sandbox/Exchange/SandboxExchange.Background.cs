using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Money;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange;

// Background flow: other participants' book and trades from a recorded or synthetic feed, and market updates.
public sealed partial class SandboxExchange
{
    /// <summary>
    /// Sets other participants' sizes at the given prices (a v3 orderbook delta), or replaces all of them
    /// (<paramref name="isSnapshot"/>). Background taken by users is restored only when the feed sets that level
    /// again. A background level that crosses the other side's background removes it (the newer wins, as in v3
    /// uncrossing); one that crosses a resting user order fills that order as maker at the order's price.
    /// Returns false for an unknown market.
    /// </summary>
    public bool ApplyBackgroundBook(string market, bool isSnapshot, IReadOnlyList<BackgroundLevel> levels, Timestamp now)
    {
        var time = Tick(now);
        AdvanceTo(time);
        if (!_markets.TryGetValue(market, out var m)) return false;
        if (isSnapshot) ReplaceBackground(m, levels);
        else
        {
            foreach (var level in levels)
            {
                var priceLevel = m.Book.SideOf(level.Side).GetOrAdd(level.Price);
                priceLevel.RefreshBackground(level.Size.Units);
                TouchLevel(m, priceLevel);
            }
        }
        foreach (var level in levels)
            if (level.Size.Units > 0) RemoveCrossedBackground(m, level.Side, level.Price);
        FillCrossedUserOrders(m, time);
        Flush(time);
        return true;
    }

    /// <summary>
    /// Other participants' trades (v3_trades). Each can fill resting user orders on the maker side: orders priced
    /// strictly better than the print fill first (the print traded through them), then orders at the print price
    /// once the background queued ahead of them is used up. User fills print as public trades at the users' prices;
    /// the rest of the print is published as it came. Returns false for an unknown market.
    /// </summary>
    public bool ApplyBackgroundTrades(string market, IReadOnlyList<PublicTrade> trades, Timestamp now)
    {
        var time = Tick(now);
        AdvanceTo(time);
        if (!_markets.TryGetValue(market, out var m)) return false;
        foreach (var trade in trades) ApplyBackgroundTrade(m, trade, time);
        Flush(time);
        return true;
    }

    /// <summary>
    /// A v3 markets entry (snapshot or update: only present fields change): status, oracle and index price, next
    /// funding rate, and trading rules. nextFundingAt is ignored once listed: the exchange settles funding on its own
    /// hourly schedule. An unknown market is listed when the entry is complete and <see cref="SandboxOptions.ListMarketsFromFeed"/>.
    /// Returns false when the market is unknown and was not listed.
    /// </summary>
    public bool ApplyMarketUpdate(MarketUpdate update, Timestamp now)
    {
        var time = Tick(now);
        AdvanceTo(time);
        if (!_markets.TryGetValue(update.Market, out var m))
        {
            if (!_options.ListMarketsFromFeed || MarketConfig.FromUpdate(update, out _) is not { } config || config.Problem() is not null)
                return false;
            AddMarket(config, time);
            return true;
        }

        var change = new MarketChanged(m.Name);
        bool changed = false;
        if (update.Status is { } text && MarketStatusWire.TryParse(text, out var status) && status != m.Status)
        {
            m.Status = status;
            change = change with { Status = status };
            changed = true;
        }
        if (update.OraclePrice is { Units: > 0 } oracle && oracle != m.OraclePrice)
        {
            m.OraclePrice = oracle;
            change = change with { OraclePrice = oracle };
            changed = true;
        }
        if (update.IndexPrice is { Units: > 0 } index && index != m.IndexPrice)
        {
            m.IndexPrice = index;
            change = change with { IndexPrice = index };
            changed = true;
        }
        if (update.NextFundingRate is { } rate && rate != m.NextFundingRate)
        {
            m.NextFundingRate = rate;
            change = change with { NextFundingRate = rate };
            changed = true;
        }
        if (MergedRules(m.Rules, update) is { } rules && rules != m.Rules) m.Rules = rules;
        if (changed) _events.MarketChanged(change);
        Flush(time);
        return true;
    }

    private void ReplaceBackground(SandboxMarket market, IReadOnlyList<BackgroundLevel> levels)
    {
        var sizes = new Dictionary<(Side, long), long>();
        foreach (var level in levels) sizes[(level.Side, level.Price.Units)] = level.Size.Units;
        foreach (var side in new[] { market.Book.Bids, market.Book.Asks })
        {
            foreach (var level in side.FromBest().ToList())
            {
                if (sizes.Remove((side.Side, level.Price.Units), out long size)) level.ResetBackground(size);
                else if (level.Background != 0) level.ResetBackground(0);
                else continue;
                TouchLevel(market, level);
            }
        }
        foreach (var ((side, price), size) in sizes)
        {
            if (size == 0) continue;
            var level = market.Book.SideOf(side).GetOrAdd(new Price(price));
            level.ResetBackground(size);
            TouchLevel(market, level);
        }
    }

    /// <summary>Background on the other side at prices crossed by a new background level is stale: remove it.</summary>
    private void RemoveCrossedBackground(SandboxMarket market, Side side, Price price)
    {
        foreach (var level in market.Book.Opposite(side).LevelsReaching(price))
        {
            if (level.Background == 0) continue;
            level.RefreshBackground(0);
            TouchLevel(market, level);
        }
    }

    /// <summary>Resting user orders crossed by background fill as makers at their own price, best price then oldest first.</summary>
    private void FillCrossedUserOrders(SandboxMarket market, Timestamp time)
    {
        foreach (var side in new[] { market.Book.Bids, market.Book.Asks })
        {
            var opposite = market.Book.Opposite(side.Side);
            // Only the best user level can be crossed first; worse ones only once it is done.
            while (side.BestWithOrders() is { } level && BackgroundReaching(opposite, level.Price) > 0)
            {
                foreach (var order in level.Orders.ToList())
                {
                    long available = BackgroundReaching(opposite, order.Price);
                    if (available == 0) break;
                    long units = Math.Min(order.Remaining.Units, available);
                    var verdict = CheckBackgroundFill(market, order, units);
                    if (verdict != CancelReason.None)
                    {
                        Cancel(order, verdict, time);
                        continue;
                    }
                    TakeBackground(market, opposite, order.Price, units);
                    Execute(order, _accounts[order.AccountId], market, order.Price, units, Liquidity.Maker, _ids.NextTransactionId(), time);
                    PrintTrade(market, opposite.Side, order.Price, units, time);
                }
                if (level.Orders.Count > 0) break; // the crossing background is used up
            }
        }
    }

    private void ApplyBackgroundTrade(SandboxMarket market, PublicTrade trade, Timestamp time)
    {
        var makers = market.Book.Opposite(trade.TakerSide);
        long budget = trade.Size.Units;
        long userFilled = 0;
        foreach (var level in makers.LevelsReaching(trade.Price))
        {
            if (budget == 0) break;
            bool through = level.Price != trade.Price;
            long backgroundAhead = 0;
            foreach (var order in level.Orders.ToList())
            {
                if (budget == 0) break;
                if (!through)
                {
                    // At the print price the queue ahead of the order trades first.
                    long gap = Math.Max(0, Math.Min(order.BackgroundAhead, level.Background) - backgroundAhead);
                    long ahead = Math.Min(budget, gap);
                    backgroundAhead += ahead;
                    budget -= ahead;
                    if (budget == 0) break;
                }
                long units = Math.Min(budget, order.Remaining.Units);
                var verdict = CheckBackgroundFill(market, order, units);
                if (verdict != CancelReason.None)
                {
                    Cancel(order, verdict, time);
                    continue;
                }
                Execute(order, _accounts[order.AccountId], market, order.Price, units, Liquidity.Maker, _ids.NextTransactionId(), time);
                PrintTrade(market, trade.TakerSide, order.Price, units, time);
                budget -= units;
                userFilled += units;
            }
            if (!through) level.TradeAheadConsumed(backgroundAhead);
        }
        // The real print came out of the background at its price: the feed will take it off there, and that is not
        // queue progress for the orders resting at that price.
        if (makers.Find(trade.Price) is { } printLevel) printLevel.TradeDecreasePending += trade.Size.Units;
        long rest = trade.Size.Units - userFilled;
        if (rest > 0) PrintTrade(market, trade.TakerSide, trade.Price, rest, time, trade.Liquidation);
    }

    private CancelReason CheckBackgroundFill(SandboxMarket market, SandboxOrder order, long units)
    {
        var exposure = default(PendingExposure);
        return CheckMaker(market, order, units, order.Price, ref exposure);
    }

    private static long BackgroundReaching(BookSide side, Price limit)
    {
        long total = 0;
        foreach (var level in side.FromBest())
        {
            if (!side.IsAtLeastAsGood(level.Price, limit)) break;
            total += level.Background;
        }
        return total;
    }

    /// <summary>Takes background from the best levels of <paramref name="side"/> reaching <paramref name="limit"/>.</summary>
    private void TakeBackground(SandboxMarket market, BookSide side, Price limit, long units)
    {
        foreach (var level in side.LevelsReaching(limit))
        {
            if (units == 0) break;
            long take = Math.Min(units, level.Background);
            if (take == 0) continue;
            level.ConsumeBackground(take);
            units -= take;
            TouchLevel(market, level);
        }
    }

    private static MarketRules? MergedRules(MarketRules current, MarketUpdate update)
    {
        if (update.TickSize is null && update.StepSize is null && update.MinOrderSize is null && update.InitialMarginFraction is null
            && update.MaintenanceMarginFraction is null && update.BaselinePositionSize is null && update.IncrementalPositionSize is null
            && update.IncrementalInitialMarginFraction is null && update.MaxPositionSize is null)
            return null;
        var merged = current with
        {
            TickSize = update.TickSize ?? current.TickSize,
            StepSize = update.StepSize ?? current.StepSize,
            MinOrderSize = update.MinOrderSize ?? current.MinOrderSize,
            InitialMarginFraction = update.InitialMarginFraction ?? current.InitialMarginFraction,
            MaintenanceMarginFraction = update.MaintenanceMarginFraction ?? current.MaintenanceMarginFraction,
            BaselinePositionSize = update.BaselinePositionSize ?? current.BaselinePositionSize,
            IncrementalPositionSize = update.IncrementalPositionSize ?? current.IncrementalPositionSize,
            IncrementalInitialMarginFraction = update.IncrementalInitialMarginFraction ?? current.IncrementalInitialMarginFraction,
            MaxPositionSize = update.MaxPositionSize ?? current.MaxPositionSize,
        };
        // Keep the old rules if the new ones could not settle exactly.
        var probe = new MarketConfig { Rules = merged, OraclePrice = new Price(1) };
        return probe.Problem() is null ? merged : null;
    }
}
