using Engine.Core.Primitives;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Rest.RateLimiting;

namespace Engine.Dydx.Rest;

// Private endpoints (API-key authentication).
public sealed partial class DydxRestClient
{
    public async Task<IReadOnlyList<Account>> GetAccountsAsync(CancellationToken cancellation = default) =>
        (await SendValueAsync<AccountsResponse>(Get(RequestPath.For("/v3/accounts"), isPrivate: true), cancellation).ConfigureAwait(false)).Accounts;

    /// <param name="accountId">The account's id (uuid5 of the user id and account number).</param>
    /// <param name="ethereumAddress">Optional, as the Python client sends it.</param>
    public async Task<Account> GetAccountAsync(string accountId, string? ethereumAddress = null, CancellationToken cancellation = default) =>
        (await SendValueAsync<AccountResponse>(Get(RequestPath.For("/v3/accounts", accountId).Add("ethereumAddress", ethereumAddress), isPrivate: true),
            cancellation).ConfigureAwait(false)).Account;

    public async Task<IReadOnlyList<Position>> GetPositionsAsync(PositionsQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new PositionsQuery();
        var path = RequestPath.For("/v3/positions").Add("market", query.Market).Add("status", query.Status)
            .Add("limit", query.Limit).Add("createdBeforeOrAt", query.CreatedBeforeOrAt);
        return (await SendValueAsync<PositionsResponse>(Get(path, isPrivate: true), cancellation).ConfigureAwait(false)).Positions;
    }

    public async Task<User> GetUserAsync(CancellationToken cancellation = default) =>
        (await SendValueAsync<UserResponse>(Get(RequestPath.For("/v3/users"), isPrivate: true), cancellation).ConfigureAwait(false)).User;

    /// <summary>
    /// POST /v3/orders. Sent exactly once: on <see cref="DydxTransportException.OutcomeUnknown"/> or
    /// <see cref="DydxApiException.OutcomeUnknown"/> look the order up with <see cref="GetOrderByClientIdAsync"/>.
    /// Accepted orders come back PENDING; post-only crossing, margin and FOK/IOC failures arrive later as
    /// asynchronous cancels on the account stream, not as errors here.
    /// </summary>
    public async Task<Order> PlaceOrderAsync(PlaceOrderRequest order, CancellationToken cancellation = default)
    {
        int points = (RateLimiter?.Options.OrderCosts ?? new OrderPointCosts()).PointsFor(order.Type, order.TimeInForce, order.Size, order.Price);
        var call = new Call(HttpMethod.Post, RequestPath.For("/v3/orders").ToString(), CompactJson(order), Private: true, Retryable: false,
            [RateLimitCharge.PlaceOrder(order.Market, points)]);
        return (await SendValueAsync<OrderResponse>(call, cancellation).ConfigureAwait(false)).Order;
    }

    /// <summary>Active orders (PENDING, OPEN, UNTRIGGERED).</summary>
    public async Task<IReadOnlyList<Order>> GetOrdersAsync(OrdersQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new OrdersQuery();
        var path = RequestPath.For("/v3/orders").Add("market", query.Market).Add("status", query.Statuses).Add("side", query.Side)
            .Add("type", query.Type).Add("limit", query.Limit).Add("createdBeforeOrAt", query.CreatedBeforeOrAt)
            .Add("returnLatestOrders", query.ReturnLatestOrders);
        return (await SendValueAsync<OrdersResponse>(Get(path, isPrivate: true), cancellation).ConfigureAwait(false)).Orders;
    }

    /// <summary>Any order, active or historical. Unknown ids answer 400 "No order found with id" (<see cref="DydxApiException.IsOrderNotFound"/>).</summary>
    public async Task<Order> GetOrderAsync(string orderId, CancellationToken cancellation = default) =>
        (await SendValueAsync<OrderResponse>(Get(RequestPath.For("/v3/orders", orderId), isPrivate: true), cancellation).ConfigureAwait(false)).Order;

    /// <summary>The order placed with this clientId (the exchange keeps this index for one hour).</summary>
    public async Task<Order> GetOrderByClientIdAsync(string clientId, CancellationToken cancellation = default) =>
        (await SendValueAsync<OrderResponse>(Get(RequestPath.For("/v3/orders/client", clientId), isPrivate: true), cancellation).ConfigureAwait(false)).Order;

    /// <summary>DELETE /v3/orders/:id. Answers once queued (the order still OPEN); CANCELED arrives on the stream.</summary>
    /// <param name="market">The order's market, for per-market rate-limit accounting; null charges a shared bucket.</param>
    public async Task<Order> CancelOrderAsync(string orderId, string? market = null, CancellationToken cancellation = default)
    {
        var call = new Call(HttpMethod.Delete, RequestPath.For("/v3/orders", orderId).ToString(), null, Private: true, Retryable: true,
            [RateLimitCharge.CancelSingle(market)]);
        return (await SendValueAsync<CancelOrderResponse>(call, cancellation).ConfigureAwait(false)).CancelOrder;
    }

    /// <summary>DELETE /v3/orders: cancels every active order of one market, or of all markets when null.</summary>
    public async Task<IReadOnlyList<Order>> CancelAllOrdersAsync(string? market = null, CancellationToken cancellation = default)
    {
        var call = new Call(HttpMethod.Delete, RequestPath.For("/v3/orders").Add("market", market).ToString(), null, Private: true, Retryable: true,
            [RateLimitCharge.CancelAll(market)]);
        return (await SendValueAsync<CancelOrdersResponse>(call, cancellation).ConfigureAwait(false)).CancelOrders;
    }

    /// <summary>GET /v3/active-orders (market required; side required when an id is given).</summary>
    public async Task<IReadOnlyList<ActiveOrder>> GetActiveOrdersAsync(string market, Side? side = null, string? orderId = null,
        CancellationToken cancellation = default)
    {
        RequireSideWithId(side, orderId);
        var path = RequestPath.For("/v3/active-orders").Add("market", market).Add("side", side).Add("id", orderId);
        return (await SendValueAsync<ActiveOrdersResponse>(Get(path, isPrivate: true, RateLimitCharge.ActiveOrdersGet(market, side, orderId)),
            cancellation).ConfigureAwait(false)).Orders;
    }

    /// <summary>DELETE /v3/active-orders: the cheap cancel (1 point with market, side and id).</summary>
    public async Task<IReadOnlyList<ActiveOrder>> CancelActiveOrdersAsync(string market, Side? side = null, string? orderId = null,
        CancellationToken cancellation = default)
    {
        RequireSideWithId(side, orderId);
        var path = RequestPath.For("/v3/active-orders").Add("market", market).Add("side", side).Add("id", orderId);
        var call = new Call(HttpMethod.Delete, path.ToString(), null, Private: true, Retryable: true,
            [RateLimitCharge.ActiveOrdersCancel(market, side, orderId)]);
        return (await SendValueAsync<CancelActiveOrdersResponse>(call, cancellation).ConfigureAwait(false)).CancelOrders;
    }

    public async Task<IReadOnlyList<Fill>> GetFillsAsync(FillsQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new FillsQuery();
        var path = RequestPath.For("/v3/fills").Add("market", query.Market).Add("orderId", query.OrderId)
            .Add("limit", query.Limit).Add("createdBeforeOrAt", query.CreatedBeforeOrAt);
        return (await SendValueAsync<FillsResponse>(Get(path, isPrivate: true), cancellation).ConfigureAwait(false)).Fills;
    }

    /// <summary>The account's funding payments (GET /v3/funding), newest first.</summary>
    public async Task<IReadOnlyList<FundingPayment>> GetFundingPaymentsAsync(FundingQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new FundingQuery();
        var path = RequestPath.For("/v3/funding").Add("market", query.Market).Add("limit", query.Limit)
            .Add("effectiveBeforeOrAt", query.EffectiveBeforeOrAt);
        return (await SendValueAsync<FundingPaymentsResponse>(Get(path, isPrivate: true), cancellation).ConfigureAwait(false)).FundingPayments;
    }

    private static void RequireSideWithId(Side? side, string? orderId)
    {
        // The exchange answers 400 otherwise; failing here names the real mistake (hummingbot sent id=None).
        if (orderId is not null && side is null) throw new ArgumentException("active-orders needs the side when an order id is given", nameof(side));
    }
}
