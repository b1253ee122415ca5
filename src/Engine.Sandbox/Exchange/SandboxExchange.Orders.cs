using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange;

// The synchronous half of order entry: validate, accept as PENDING or reject with a v3 error, queue the work.
public sealed partial class SandboxExchange
{
    /// <summary>
    /// POST /v3/orders. Returns the accepted order with status PENDING (and emits it on the account stream), or a
    /// v3 400 error. Book-dependent outcomes (post-only cross, FOK/IOC, margin, self-trade) happen at
    /// <see cref="ProcessPending"/>, as on v3.
    /// </summary>
    public ExchangeResult<OrderView> PlaceOrder(string accountId, PlaceOrderRequest request, Timestamp now)
    {
        var time = Tick(now);
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        var market = _markets.GetValueOrDefault(request.Market);
        if (OrderValidator.Validate(request, account, market, _options, time) is { } error) return error;

        var order = new SandboxOrder
        {
            Id = _ids.NextOrderId(),
            AccountId = account.Id,
            ClientId = request.ClientId,
            Market = request.Market,
            Side = request.Side,
            Type = request.Type,
            Size = request.Size,
            Price = request.Price,
            PriceText = request.PriceText ?? request.Price.ToString(),
            LimitFee = request.LimitFee,
            TimeInForce = request.TimeInForce,
            PostOnly = request.PostOnly,
            ReduceOnly = request.ReduceOnly,
            ExpiresAt = request.Expiration,
            CreatedAt = time,
            Signature = request.Signature,
            Sequence = ++_orderSequence,
            Remaining = request.Size,
            UpdatedAt = time,
        };
        account.OrdersById.Add(order.Id, order);
        account.OrdersByClientId.Add(order.ClientId, order);
        account.Orders.Add(order);
        account.ActiveOrders.Add(order);
        if (request.CancelId is { } cancelId && account.OrdersById[cancelId] is { IsActive: true } replaced)
            replaced.CancelRequested = true;
        _pending.Enqueue(new PlaceCommand(order, request.CancelId));
        _events.Order(account, order);
        Flush(time);
        return order.ToView();
    }

    /// <summary>DELETE /v3/orders/:id. Returns the order as it is now (OPEN/PENDING); the CANCELED update comes at the next processing step.</summary>
    public ExchangeResult<OrderView> CancelOrder(string accountId, string orderId, Timestamp now)
    {
        Tick(now);
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!account.OrdersById.TryGetValue(orderId, out var order)) return ErrorMessages.NoOrderFound(orderId);
        if (!order.IsActive) return ErrorMessages.OrderAlreadyFinal(orderId, order.Status.ToWire());
        RequestCancel(order);
        return order.ToView();
    }

    /// <summary>DELETE /v3/orders[?market=]: cancels every active order (of one market when given); returns them as they are now.</summary>
    public ExchangeResult<IReadOnlyList<OrderView>> CancelAllOrders(string accountId, string? market, Timestamp now)
    {
        Tick(now);
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (market is not null && !_markets.ContainsKey(market)) return ErrorMessages.InvalidMarket(market);
        var canceled = account.ActiveOrders.Where(o => market is null || o.Market == market).ToList();
        foreach (var order in canceled) RequestCancel(order);
        return ExchangeResult<IReadOnlyList<OrderView>>.Ok(canceled.Select(o => o.ToView()).ToList());
    }

    /// <summary>DELETE /v3/active-orders?market=&amp;side=&amp;id=: the cheap cancel (side is required with id).</summary>
    public ExchangeResult<IReadOnlyList<ActiveOrderView>> CancelActiveOrders(string accountId, string market, Side? side, string? id, Timestamp now)
    {
        Tick(now);
        var found = FindActive(accountId, market, side, id);
        if (!found.IsSuccess) return found.Error;
        foreach (var order in found.Value) RequestCancel(order);
        return ExchangeResult<IReadOnlyList<ActiveOrderView>>.Ok(found.Value.Select(o => o.ToActiveView()).ToList());
    }

    private void RequestCancel(SandboxOrder order)
    {
        if (order.CancelRequested) return;
        order.CancelRequested = true;
        _pending.Enqueue(new CancelCommand(order));
    }

    private ExchangeResult<List<SandboxOrder>> FindActive(string accountId, string market, Side? side, string? id)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) return ErrorMessages.AccountNotFound(accountId);
        if (!_markets.ContainsKey(market)) return ErrorMessages.InvalidMarket(market);
        if (id is not null && side is null) return ErrorMessages.SideRequiredWithId();
        var orders = account.ActiveOrders
            .Where(o => o.Market == market && (side is null || o.Side == side) && (id is null || o.Id == id))
            .ToList();
        if (id is not null && orders.Count == 0) return ErrorMessages.NoActiveOrder(market, side!.Value, id);
        return ExchangeResult<List<SandboxOrder>>.Ok(orders);
    }
}
