using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange;

// Read side for the REST layer. Lists are newest first and at most 100 long, as v3 paged them. Queries change nothing.
public sealed partial class SandboxExchange
{
    private static readonly IReadOnlySet<V3OrderStatus> ActiveStatuses =
        new HashSet<V3OrderStatus> { V3OrderStatus.Pending, V3OrderStatus.Open, V3OrderStatus.Untriggered };

    public IReadOnlyList<MarketView> GetMarkets() => _marketList.Select(ToMarketView).ToList();

    public ExchangeResult<MarketView> GetMarket(string market) =>
        _markets.TryGetValue(market, out var m) ? ToMarketView(m) : ErrorMessages.InvalidMarket(market);

    /// <summary>The public book (background + users' remaining, aggregated by price) with the offsets last published.</summary>
    public ExchangeResult<OrderbookSnapshot> GetOrderbook(string market, bool includeTombstones = false) =>
        _markets.TryGetValue(market, out var m) ? m.Published.Snapshot(m.Name, includeTombstones) : ErrorMessages.InvalidMarket(market);

    /// <summary>
    /// Takes the market's next orderbook offset without publishing (for a message injected by a fault); null for an
    /// unknown market. Later real updates carry higher offsets.
    /// </summary>
    public long? ReserveOrderbookOffset(string market) => _markets.TryGetValue(market, out var m) ? m.Published.ReserveOffset() : null;

    public ExchangeResult<IReadOnlyList<PublicTradeView>> GetTrades(string market, Timestamp? startingBeforeOrAt = null, int limit = QueryLimits.Max)
    {
        if (!_markets.TryGetValue(market, out var m)) return ErrorMessages.InvalidMarket(market);
        if (!ValidLimit(limit)) return ErrorMessages.InvalidLimit(limit);
        return ExchangeResult<IReadOnlyList<PublicTradeView>>.Ok(m.Trades.Newest(limit, startingBeforeOrAt));
    }

    public ExchangeResult<IReadOnlyList<HistoricalFundingView>> GetHistoricalFunding(string market, Timestamp? effectiveBeforeOrAt = null, int limit = QueryLimits.Max)
    {
        if (!_markets.TryGetValue(market, out var m)) return ErrorMessages.InvalidMarket(market);
        if (!ValidLimit(limit)) return ErrorMessages.InvalidLimit(limit);
        return ExchangeResult<IReadOnlyList<HistoricalFundingView>>.Ok(m.FundingHistory.AsEnumerable().Reverse()
            .Where(f => effectiveBeforeOrAt is not { } at || f.EffectiveAt <= at).Take(limit).ToList());
    }

    public ExchangeResult<AccountView> GetAccount(string accountId) =>
        _accounts.TryGetValue(accountId, out var account) ? ToView(account) : ErrorMessages.AccountNotFound(accountId);

    /// <summary>Accounts of one Ethereum address (GET /v3/accounts), by account number.</summary>
    public IReadOnlyList<AccountView> GetAccountsByAddress(string ethereumAddress) => _accountList
        .Where(a => string.Equals(a.EthereumAddress, ethereumAddress, StringComparison.OrdinalIgnoreCase))
        .OrderBy(a => a.AccountNumber)
        .Select(ToView)
        .ToList();

    public ExchangeResult<IReadOnlyList<OrderView>> GetOrders(string accountId, OrderQuery? query = null)
    {
        query ??= new OrderQuery();
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!ValidLimit(query.Limit)) return ErrorMessages.InvalidLimit(query.Limit);
        var statuses = query.Statuses ?? ActiveStatuses;
        return ExchangeResult<IReadOnlyList<OrderView>>.Ok(NewestFirst(account.Orders)
            .Where(o => statuses.Contains(o.Status)
                        && (query.Market is null || o.Market == query.Market)
                        && (query.Side is null || o.Side == query.Side)
                        && (query.Type is null || o.Type == query.Type)
                        && (query.CreatedBeforeOrAt is not { } at || o.CreatedAt <= at))
            .Take(query.Limit)
            .Select(o => o.ToView())
            .ToList());
    }

    /// <summary>GET /v3/orders/:id (active and history).</summary>
    public ExchangeResult<OrderView> GetOrder(string accountId, string orderId)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        return account.OrdersById.TryGetValue(orderId, out var order) ? order.ToView() : ErrorMessages.NoOrderFound(orderId);
    }

    /// <summary>GET /v3/orders/client/:clientId: like v3, only orders created within the last hour are found.</summary>
    public ExchangeResult<OrderView> GetOrderByClientId(string accountId, string clientId, Timestamp now)
    {
        var time = Tick(now);
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        long window = _options.ClientIdLookupWindow.Ticks * 100L;
        return account.OrdersByClientId.TryGetValue(clientId, out var order) && order.CreatedAt.Nanos >= time.Nanos - window
            ? order.ToView()
            : ErrorMessages.NoOrderFoundWithClientId(clientId);
    }

    /// <summary>GET /v3/active-orders?market=&amp;side=&amp;id= (side is required with id; an id that is not active is a 400).</summary>
    public ExchangeResult<IReadOnlyList<ActiveOrderView>> GetActiveOrders(string accountId, string market, Side? side = null, string? id = null)
    {
        var found = FindActive(accountId, market, side, id);
        if (!found.IsSuccess) return found.Error;
        return ExchangeResult<IReadOnlyList<ActiveOrderView>>.Ok(NewestFirst(found.Value).Select(o => o.ToActiveView()).ToList());
    }

    public ExchangeResult<IReadOnlyList<FillView>> GetFills(string accountId, FillQuery? query = null)
    {
        query ??= new FillQuery();
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!ValidLimit(query.Limit)) return ErrorMessages.InvalidLimit(query.Limit);
        return ExchangeResult<IReadOnlyList<FillView>>.Ok(account.Fills.AsEnumerable().Reverse()
            .Where(f => (query.Market is null || f.Market == query.Market)
                        && (query.OrderId is null || f.OrderId == query.OrderId)
                        && (query.CreatedBeforeOrAt is not { } at || f.CreatedAt <= at))
            .Take(query.Limit)
            .ToList());
    }

    public ExchangeResult<IReadOnlyList<PositionView>> GetPositions(string accountId, PositionQuery? query = null)
    {
        query ??= new PositionQuery();
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!ValidLimit(query.Limit)) return ErrorMessages.InvalidLimit(query.Limit);
        return ExchangeResult<IReadOnlyList<PositionView>>.Ok(account.Positions.AsEnumerable().Reverse()
            .Where(p => (query.Market is null || p.Market == query.Market)
                        && (query.Status is null || p.Status == query.Status)
                        && (query.CreatedBeforeOrAt is not { } at || p.CreatedAt <= at))
            .Take(query.Limit)
            .Select(p => p.ToView(_markets[p.Market].OraclePrice))
            .ToList());
    }

    public ExchangeResult<IReadOnlyList<FundingPaymentView>> GetFundingPayments(string accountId, FundingQuery? query = null)
    {
        query ??= new FundingQuery();
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!ValidLimit(query.Limit)) return ErrorMessages.InvalidLimit(query.Limit);
        return ExchangeResult<IReadOnlyList<FundingPaymentView>>.Ok(account.FundingPayments.AsEnumerable().Reverse()
            .Where(f => (query.Market is null || f.Market == query.Market)
                        && (query.EffectiveBeforeOrAt is not { } at || f.EffectiveAt <= at))
            .Take(query.Limit)
            .ToList());
    }

    private AccountView ToView(SandboxAccount account)
    {
        var risk = Margin.Measure(account, MarketOf);
        var open = new SortedDictionary<string, PositionView>(StringComparer.Ordinal);
        foreach (var (market, position) in account.OpenPositions) open[market] = position.ToView(_markets[market].OraclePrice);
        return new AccountView(
            account.Id, account.UserId, account.AccountNumber, account.EthereumAddress, account.StarkKey, account.StarkKeyYCoordinate,
            account.PositionId, account.QuoteBalance, risk.Equity, risk.FreeCollateral, risk.InitialRequirement, risk.MaintenanceRequirement,
            0m, 0m, open, account.MakerFeeRate, account.TakerFeeRate, account.LastTransactionId, account.CreatedAt, account.UpdatedAt);
    }

    private MarketView ToMarketView(SandboxMarket market)
    {
        long openInterest = 0;
        foreach (var account in _accountList)
            if (account.OpenPositions.TryGetValue(market.Name, out var p) && p.SizeUnits > 0) openInterest += p.SizeUnits;
        return market.ToView(new Quantity(openInterest));
    }

    private static IEnumerable<SandboxOrder> NewestFirst(IEnumerable<SandboxOrder> orders) =>
        orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Sequence);

    private static bool ValidLimit(int limit) => limit is >= 1 and <= QueryLimits.Max;
}
