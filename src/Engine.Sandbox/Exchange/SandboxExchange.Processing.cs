using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Money;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange;

// The asynchronous half: the matcher step, expirations, funding, and the bookkeeping of every execution.
public sealed partial class SandboxExchange
{
    /// <summary>
    /// The matcher step: first the clock's due work (funding at each passed top of the hour, expirations), then every
    /// accepted place and cancel in arrival order. Each command's changes are published as one group of events.
    /// Returns the number of commands processed.
    /// </summary>
    public int ProcessPending(Timestamp now)
    {
        var time = Tick(now);
        AdvanceTo(time);
        int processed = 0;
        while (_pending.TryDequeue(out var command))
        {
            processed++;
            switch (command)
            {
                case PlaceCommand place: ProcessPlace(place, time); break;
                case CancelCommand cancel: Cancel(cancel.Order, CancelReason.UserCanceled, time); break;
            }
            Flush(time);
        }
        return processed;
    }

    /// <summary>Runs only the clock's due work (funding, expirations) up to <paramref name="now"/>.</summary>
    public void AdvanceTime(Timestamp now) => AdvanceTo(Tick(now));

    private void AdvanceTo(Timestamp time)
    {
        while (true)
        {
            SandboxMarket? due = null;
            foreach (var market in _marketList)
                if (market.NextFundingAt <= time && (due is null || market.NextFundingAt < due.NextFundingAt)) due = market;
            ExpireRestingOrders(due?.NextFundingAt ?? time, time);
            if (due is null) break;
            SettleFunding(due, time);
            Flush(time);
        }
        Flush(time);
    }

    private void ExpireRestingOrders(Timestamp horizon, Timestamp time)
    {
        while (_expiries.TryPeek(out var order, out var key) && key.ExpiresAt <= horizon.Nanos)
        {
            _expiries.Dequeue();
            if (order.Status == V3OrderStatus.Open) Cancel(order, CancelReason.Expired, time);
        }
    }

    /// <summary>Hourly funding of one market at its NextFundingAt: every open position pays −S × P × R.</summary>
    private void SettleFunding(SandboxMarket market, Timestamp time)
    {
        long catchUp = _options.MaxFundingCatchUp.Ticks * 100L;
        if (time.Nanos - market.NextFundingAt.Nanos > catchUp)
        {
            long missedHours = (time.Nanos - market.NextFundingAt.Nanos) / Timestamp.NanosPerHour;
            market.NextFundingAt = market.NextFundingAt.AddNanos(missedHours * Timestamp.NanosPerHour);
        }

        var effectiveAt = market.NextFundingAt;
        decimal rate = market.NextFundingRate;
        var price = market.OraclePrice;
        foreach (var account in _accountList)
        {
            if (!account.OpenPositions.TryGetValue(market.Name, out var position)) continue;
            decimal payment = Usd.FundingPayment(position.Size, price, rate);
            account.QuoteBalance += payment;
            account.UpdatedAt = time;
            position.ApplyFunding(payment, time);
            var record = new FundingPaymentView(account.Id, market.Name, payment, rate, position.Size, price, effectiveAt);
            account.FundingPayments.Add(record);
            _events.Funding(account, record);
            _events.Position(account, position);
            _events.Balance(account);
        }
        market.FundingHistory.Add(new HistoricalFundingView(market.Name, rate, price, effectiveAt));
        market.NextFundingAt = effectiveAt.AddNanos(Timestamp.NanosPerHour);
        _events.MarketChanged(new MarketChanged(market.Name) { NextFundingAt = market.NextFundingAt, NextFundingRate = rate });
    }

    private void ProcessPlace(PlaceCommand command, Timestamp time)
    {
        var order = command.Order;
        var account = _accounts[order.AccountId];
        var market = _markets[order.Market];

        // cancelId: the old order goes first, whatever happens to the new one (and even if the old one already filled).
        if (command.CancelId is { } cancelId && account.OrdersById.TryGetValue(cancelId, out var replaced))
            Cancel(replaced, CancelReason.UserCanceled, time);
        if (!order.IsActive) return;
        if (order.ExpiresAt <= time)
        {
            Cancel(order, CancelReason.Expired, time);
            return;
        }

        long maxUnits = order.Remaining.Units;
        if (order.ReduceOnly)
        {
            // The position may have changed since acceptance: only the part that still reduces it can fill.
            long position = account.PositionUnits(market.Name);
            long capacity = position != 0 && Math.Sign(position) != order.Side.Sign() ? Math.Abs(position) : 0;
            maxUnits = Math.Min(maxUnits, capacity);
        }

        var opposite = market.Book.Opposite(order.Side);
        if (order.PostOnly && opposite.Best() is { } best && opposite.IsAtLeastAsGood(best.Price, order.Price))
        {
            Cancel(order, CancelReason.PostOnlyWouldCross, time);
            return;
        }

        // Worst case: the whole order fills at its limit price paying the highest fee it could pay.
        decimal worstRate = order.PostOnly ? account.MakerFeeRate
            : order.TimeInForce == TimeInForce.Gtt ? Math.Max(account.MakerFeeRate, account.TakerFeeRate)
            : account.TakerFeeRate;
        if (maxUnits > 0)
        {
            var verdict = Margin.CheckExecution(account, market, MarketOf, order.Side.Sign() * maxUnits, order.Price,
                Usd.Fee(new Quantity(maxUnits), order.Price, worstRate));
            if (verdict != CancelReason.None)
            {
                Cancel(order, verdict, time);
                return;
            }
        }

        if (!order.PostOnly)
        {
            var plan = TakerPlanner.Plan(opposite, order, maxUnits, (SandboxOrder maker, long units, Price price, ref PendingExposure exposure) =>
                CheckMaker(market, maker, units, price, ref exposure));
            if (order.TimeInForce == TimeInForce.Fok && plan.FilledUnits < order.Size.Units)
            {
                Cancel(order, plan.HitSelfTrade ? CancelReason.SelfTrade : CancelReason.CouldNotFill, time);
                return;
            }
            bool filledAny = plan.FilledUnits > 0;
            ApplyPlan(plan, order, account, market, time);
            if (!order.IsActive) return;
            if (plan.HitSelfTrade)
            {
                Cancel(order, CancelReason.SelfTrade, time);
                return;
            }
            if (order.TimeInForce != TimeInForce.Gtt)
            {
                Cancel(order, filledAny ? CancelReason.ImmediateOrCancelPartiallyFilled : CancelReason.CouldNotFill, time);
                return;
            }
        }
        else if (order.TimeInForce != TimeInForce.Gtt)
        {
            Cancel(order, CancelReason.CouldNotFill, time); // post-only FOK/IOC: it may not take and cannot rest
            return;
        }
        Rest(order, market, time);
    }

    private CancelReason CheckMaker(SandboxMarket market, SandboxOrder maker, long units, Price price, ref PendingExposure exposure)
    {
        var account = _accounts[maker.AccountId];
        long signed = maker.Side.Sign() * units;
        decimal fee = Usd.Fee(new Quantity(units), price, account.MakerFeeRate);
        var verdict = Margin.CheckExecution(account, market, MarketOf, signed, price, fee, exposure);
        if (verdict == CancelReason.None)
            exposure = new PendingExposure(exposure.SizeUnits + signed, exposure.Quote - new Quantity(signed).Notional(price) - fee);
        return verdict;
    }

    private void ApplyPlan(TakerPlan plan, SandboxOrder taker, SandboxAccount takerAccount, SandboxMarket market, Timestamp time)
    {
        var backgroundTaken = new Dictionary<PriceLevel, long>(ReferenceEqualityComparer.Instance);
        foreach (var step in plan.Steps)
        {
            string transaction = _ids.NextTransactionId();
            if (step.Maker is { } maker)
                Execute(maker, _accounts[maker.AccountId], market, step.Level.Price, step.Units, Liquidity.Maker, transaction, time);
            else
                backgroundTaken[step.Level] = backgroundTaken.GetValueOrDefault(step.Level) + step.Units;
            Execute(taker, takerAccount, market, step.Level.Price, step.Units, Liquidity.Taker, transaction, time);
            PrintTrade(market, taker.Side, step.Level.Price, step.Units, time);
        }
        foreach (var (maker, reason) in plan.MakerCancels) Cancel(maker, reason, time);
        foreach (var (level, units) in backgroundTaken)
        {
            level.ConsumeBackground(units);
            TouchLevel(market, level);
        }
    }

    /// <summary>
    /// Books one execution of a user order: fee, balance, position(s), the fill record, the order's remaining size
    /// (a resting order leaves the book when done), and the account events. Maker and taker of one match share the
    /// transaction id, as one StarkEx settlement.
    /// </summary>
    private void Execute(SandboxOrder order, SandboxAccount account, SandboxMarket market, Price price, long units,
        Liquidity liquidity, string transactionId, Timestamp time)
    {
        var size = new Quantity(units);
        decimal fee = Usd.Fee(size, price, liquidity == Liquidity.Maker ? account.MakerFeeRate : account.TakerFeeRate);
        _touchedPositions.Clear();
        account.ApplyExecution(market.Name, order.Side, size, price, fee, transactionId, time, _ids, _touchedPositions);
        foreach (var position in _touchedPositions) _events.Position(account, position);

        var fill = new FillView(_ids.NextFillId(), account.Id, order.Id, order.ClientId, market.Name, order.Side, liquidity,
            order.Type, price, size, fee, size.Notional(price), transactionId, time);
        account.Fills.Add(fill);
        _events.Fill(account, fill);
        _events.Balance(account);

        order.Remaining -= size;
        order.UpdatedAt = time;
        bool resting = order.Status == V3OrderStatus.Open;
        if (order.Remaining.IsZero)
        {
            if (resting) RemoveFromBook(order, market);
            order.Status = V3OrderStatus.Filled;
            account.ActiveOrders.Remove(order);
        }
        else if (resting)
        {
            _events.BookTouched(market, order.Side, order.Price);
        }
        _events.Order(account, order);
    }

    private void PrintTrade(SandboxMarket market, Side takerSide, Price price, long units, Timestamp time, bool liquidation = false) =>
        _events.Trade(market, new PublicTradeView(market.Name, takerSide, new Quantity(units), price, time, liquidation));

    /// <summary>The unfilled rest of a GTT order joins the back of its price level, behind the background already there.</summary>
    private void Rest(SandboxOrder order, SandboxMarket market, Timestamp time)
    {
        var side = market.Book.SideOf(order.Side);
        var level = side.GetOrAdd(order.Price);
        order.BackgroundAhead = level.Background;
        side.AddResting(level, order);
        order.Status = V3OrderStatus.Open;
        order.UpdatedAt = time;
        _expiries.Enqueue(order, (order.ExpiresAt.Nanos, order.Sequence));
        _events.BookTouched(market, order.Side, order.Price);
        _events.Order(_accounts[order.AccountId], order);
    }

    private void Cancel(SandboxOrder order, CancelReason reason, Timestamp time)
    {
        if (!order.IsActive) return;
        var market = _markets[order.Market];
        if (order.Status == V3OrderStatus.Open) RemoveFromBook(order, market);
        order.Status = V3OrderStatus.Canceled;
        order.CancelReason = reason;
        order.UpdatedAt = time;
        // v3 stamped unfillableAt when the matcher gave up on an order (not for user cancels or expiry).
        if (reason is not (CancelReason.UserCanceled or CancelReason.Expired)) order.UnfillableAt = time;
        var account = _accounts[order.AccountId];
        account.ActiveOrders.Remove(order);
        _events.Order(account, order);
    }

    private void RemoveFromBook(SandboxOrder order, SandboxMarket market)
    {
        var side = market.Book.SideOf(order.Side);
        if (side.Find(order.Price) is not { } level) return;
        side.RemoveResting(level, order);
        TouchLevel(market, level);
    }

    private void TouchLevel(SandboxMarket market, PriceLevel level)
    {
        _events.BookTouched(market, level.Side, level.Price);
        market.Book.SideOf(level.Side).RemoveIfEmpty(level);
    }
}
