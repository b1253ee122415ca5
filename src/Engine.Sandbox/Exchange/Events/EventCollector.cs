using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange.Events;

/// <summary>
/// Gathers what one exchange step changes and turns it into events at the end of the step, in a fixed order:
/// market changes, public trades, book changes (per market, in the order markets were touched), account updates
/// (per account, in the order accounts were touched). Grouping per step is what makes one fill one account message.
/// </summary>
internal sealed class EventCollector
{
    private readonly List<ExchangeEvent> _events = new();
    private readonly List<MarketChanged> _marketChanges = new();
    private readonly List<SandboxMarket> _touchedMarkets = new();
    private readonly Dictionary<string, List<PublicTradeView>> _trades = new(StringComparer.Ordinal);
    private readonly List<AccountStep> _accounts = new();
    private readonly Dictionary<string, AccountStep> _accountsById = new(StringComparer.Ordinal);
    private long _sequence;

    public int Pending => _events.Count;

    public void MarketChanged(MarketChanged change) => _marketChanges.Add(change);

    public void BookTouched(SandboxMarket market, Side side, Price price)
    {
        market.Published.MarkDirty(side, price);
        Touch(market);
    }

    public void Trade(SandboxMarket market, PublicTradeView trade)
    {
        market.Trades.Add(trade);
        if (!_trades.TryGetValue(market.Name, out var list)) _trades[market.Name] = list = new List<PublicTradeView>();
        list.Add(trade);
        Touch(market);
    }

    public void Order(SandboxAccount account, SandboxOrder order) => Step(account).Orders.TryAdd(order.Id, order);

    public void Fill(SandboxAccount account, FillView fill) => Step(account).Fills.Add(fill);

    public void Position(SandboxAccount account, PositionRecord position) => Step(account).Positions.TryAdd(position.Id, position);

    public void Balance(SandboxAccount account) => Step(account).BalanceChanged = true;

    public void Funding(SandboxAccount account, FundingPaymentView payment) => Step(account).Funding.Add(payment);

    /// <summary>Ends the step: turns everything gathered into events stamped with <paramref name="at"/>.</summary>
    public void Flush(Timestamp at, Func<string, SandboxMarket> markets)
    {
        foreach (var change in _marketChanges) Emit(change, at);
        _marketChanges.Clear();

        foreach (var market in _touchedMarkets)
            if (_trades.Remove(market.Name, out var trades) && trades.Count > 0)
                Emit(new PublicTradesPrinted(market.Name, trades), at);
        foreach (var market in _touchedMarkets)
            if (market.Published.Publish(market.Book) is { } published)
                Emit(new OrderbookChanged(market.Name, published.Offset, published.Bids, published.Asks), at);
        _touchedMarkets.Clear();
        _trades.Clear();

        foreach (var step in _accounts)
        {
            var orders = step.Orders.Values.Select(o => o.ToView()).ToList();
            var positions = step.Positions.Values
                .Select(p => p.ToView(markets(p.Market).OraclePrice))
                .ToList();
            Emit(new AccountChanged(step.Account.Id, orders, step.Fills, positions,
                step.BalanceChanged ? step.Account.ToBalanceView() : null, step.Funding), at);
        }
        _accounts.Clear();
        _accountsById.Clear();
    }

    /// <summary>Hands over every event emitted so far, oldest first.</summary>
    public IReadOnlyList<ExchangeEvent> Drain()
    {
        var drained = _events.ToList();
        _events.Clear();
        return drained;
    }

    private void Emit(ExchangeEvent e, Timestamp at) => _events.Add(e with { Sequence = ++_sequence, At = at });

    private void Touch(SandboxMarket market)
    {
        if (!_touchedMarkets.Contains(market)) _touchedMarkets.Add(market);
    }

    private AccountStep Step(SandboxAccount account)
    {
        if (!_accountsById.TryGetValue(account.Id, out var step))
        {
            step = new AccountStep(account);
            _accountsById.Add(account.Id, step);
            _accounts.Add(step);
        }
        return step;
    }

    private sealed class AccountStep(SandboxAccount account)
    {
        public SandboxAccount Account { get; } = account;
        // Insertion-ordered by first touch; the view is taken at flush time, so it is the step's final state.
        public OrderedDictionary<string, SandboxOrder> Orders { get; } = new(StringComparer.Ordinal);
        public List<FillView> Fills { get; } = new();
        public OrderedDictionary<string, PositionRecord> Positions { get; } = new(StringComparer.Ordinal);
        public List<FundingPaymentView> Funding { get; } = new();
        public bool BalanceChanged { get; set; }
    }
}
