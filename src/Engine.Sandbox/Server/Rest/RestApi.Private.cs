using System.Globalization;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Server.Json;
using Microsoft.AspNetCore.Http;

namespace Engine.Sandbox.Server.Rest;

// Private reads and cancels: accounts, users, positions, orders, active orders, fills, funding.
internal sealed partial class RestApi
{
    /// <summary>GET /v3/accounts: every account of the key's Ethereum address.</summary>
    private async Task Accounts(HttpContext ctx, PrivateRequest request)
    {
        var accounts = await OnExchange((ex, _) => ex.GetAccountsByAddress(request.Key.EthereumAddress)).ConfigureAwait(false);
        await WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("accounts");
            foreach (var a in accounts) V3Json.Account(w, a);
            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>GET /v3/accounts/:id: one of the key's accounts (another user's id is not found).</summary>
    private async Task AccountById(HttpContext ctx, PrivateRequest request)
    {
        string id = (string)ctx.Request.RouteValues["id"]!;
        bool own = directory.TryGetAccount(id, out var account)
                   && string.Equals(account.EthereumAddress, request.Key.EthereumAddress, StringComparison.OrdinalIgnoreCase);
        var result = own ? await OnExchange((ex, _) => ex.GetAccount(id)).ConfigureAwait(false) : ErrorMessages.AccountNotFound(id);
        await WriteResult(ctx, result, "account", V3Json.Account).ConfigureAwait(false);
    }

    /// <summary>GET /v3/users: the key's user, with the account's fee rates.</summary>
    private async Task User(HttpContext ctx, PrivateRequest request)
    {
        var account = (await OnExchange((ex, _) => ex.GetAccount(request.Account.AccountId)).ConfigureAwait(false)).Unwrap();
        await WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("user");
            w.WriteString("ethereumAddress", request.Key.EthereumAddress);
            w.WriteBoolean("isRegistered", true);
            w.WriteNull("email");
            w.WriteNull("username");
            w.WriteStartObject("userData");
            w.WriteEndObject();
            w.WriteString("makerFeeRate", FeeRate(account.MakerFeeRate));
            w.WriteString("takerFeeRate", FeeRate(account.TakerFeeRate));
            w.WriteString("makerVolume30D", "0");
            w.WriteString("takerVolume30D", "0");
            w.WriteString("fees30D", "0");
            w.WriteNull("referredByAffiliateLink");
            w.WriteBoolean("isSharingUsername", false);
            w.WriteBoolean("isSharingAddress", false);
            w.WriteString("dydxTokenBalance", "0");
            w.WriteString("stakedDydxTokenBalance", "0");
            w.WriteBoolean("isEmailVerified", false);
            w.WriteNull("country");
            w.WriteNull("languageCode");
            w.WriteEndObject();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>Fee rates as v3 printed them on /v3/users ("0.00050"): five decimals unless finer.</summary>
    private static string FeeRate(decimal rate) =>
        Math.Round(rate, 5) == rate ? rate.ToString("F5", CultureInfo.InvariantCulture) : V3Json.Plain(rate);

    /// <summary>GET /v3/positions?market=&amp;status=&amp;limit=&amp;createdBeforeOrAt=</summary>
    private async Task Positions(HttpContext ctx, PrivateRequest request)
    {
        if (!TryLimit(ctx, out int limit, out var error) || !TryTime(ctx, "createdBeforeOrAt", out var before, out error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        PositionStatus? status = null;
        if (Query(ctx, "status") is { } text)
        {
            status = text switch { "OPEN" => PositionStatus.Open, "CLOSED" => PositionStatus.Closed, "LIQUIDATED" => PositionStatus.Liquidated, _ => null };
            if (status is null)
            {
                await WriteError(ctx, InvalidQuery("status", text)).ConfigureAwait(false);
                return;
            }
        }
        var query = new PositionQuery { Market = Query(ctx, "market"), Status = status, Limit = limit, CreatedBeforeOrAt = before };
        var result = await OnExchange((ex, _) => ex.GetPositions(request.Account.AccountId, query)).ConfigureAwait(false);
        await WriteList(ctx, result, "positions", (w, p) => V3Json.Position(w, p, rest: true)).ConfigureAwait(false);
    }

    /// <summary>GET /v3/orders?market=&amp;status=&amp;side=&amp;type=&amp;limit=&amp;createdBeforeOrAt=&amp;returnLatestOrders= (active orders by default).</summary>
    private async Task GetOrders(HttpContext ctx, PrivateRequest request)
    {
        if (!TryLimit(ctx, out int limit, out var error) || !TryTime(ctx, "createdBeforeOrAt", out var before, out error) || !TrySide(ctx, out var side, out error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        HashSet<V3OrderStatus>? statuses = null;
        if (Query(ctx, "status") is { } list)
        {
            statuses = new HashSet<V3OrderStatus>();
            foreach (string item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                V3OrderStatus? s = item switch
                {
                    "PENDING" => V3OrderStatus.Pending,
                    "OPEN" => V3OrderStatus.Open,
                    "UNTRIGGERED" => V3OrderStatus.Untriggered,
                    "FILLED" => V3OrderStatus.Filled,
                    "CANCELED" => V3OrderStatus.Canceled,
                    _ => null,
                };
                if (s is null)
                {
                    await WriteError(ctx, InvalidQuery("status", list)).ConfigureAwait(false);
                    return;
                }
                statuses.Add(s.Value);
            }
        }
        OrderType? type = null;
        if (Query(ctx, "type") is { } typeText)
        {
            if (!OrderBody.TryParseType(typeText, out var t))
            {
                await WriteError(ctx, InvalidQuery("type", typeText)).ConfigureAwait(false);
                return;
            }
            type = t;
        }
        var query = new OrderQuery { Market = Query(ctx, "market"), Statuses = statuses, Side = side, Type = type, Limit = limit, CreatedBeforeOrAt = before };
        var result = await OnExchange((ex, _) => ex.GetOrders(request.Account.AccountId, query)).ConfigureAwait(false);
        await WriteList(ctx, result, "orders", (w, o) => V3Json.Order(w, o, rest: true)).ConfigureAwait(false);
    }

    /// <summary>GET /v3/orders/:id (active and history).</summary>
    private async Task OrderById(HttpContext ctx, PrivateRequest request)
    {
        string id = (string)ctx.Request.RouteValues["id"]!;
        var result = await OnExchange((ex, _) => ex.GetOrder(request.Account.AccountId, id)).ConfigureAwait(false);
        await WriteResult(ctx, result, "order", (w, o) => V3Json.Order(w, o, rest: true)).ConfigureAwait(false);
    }

    /// <summary>GET /v3/orders/client/:clientId (orders of the last hour).</summary>
    private async Task OrderByClientId(HttpContext ctx, PrivateRequest request)
    {
        string clientId = (string)ctx.Request.RouteValues["clientId"]!;
        var result = await OnExchange((ex, now) => ex.GetOrderByClientId(request.Account.AccountId, clientId, now)).ConfigureAwait(false);
        await WriteResult(ctx, result, "order", (w, o) => V3Json.Order(w, o, rest: true)).ConfigureAwait(false);
    }

    /// <summary>
    /// DELETE /v3/orders/:id: 200 {"cancelOrder": order as it is now}; the CANCELED update follows on v3_accounts.
    /// Charged to the single-cancel pool of the order's market.
    /// </summary>
    private async Task CancelOrder(HttpContext ctx, PrivateRequest request)
    {
        string id = (string)ctx.Request.RouteValues["id"]!;
        string accountId = request.Account.AccountId;
        var wall = clock.WallNow();
        var (decision, result) = await OnExchange((ex, now) =>
        {
            var found = ex.GetOrder(accountId, id);
            if (!found.IsSuccess) return ((RateDecision?)null, found);
            var d = limiter.CancelSingle(accountId, found.Value.Market, wall);
            return ((RateDecision?)d, d.Allowed ? ex.CancelOrder(accountId, id, now) : found);
        }).ConfigureAwait(false);
        if (decision is { } charged && !await ChargeAsync(ctx, charged).ConfigureAwait(false)) return;
        await WriteResult(ctx, result, "cancelOrder", (w, o) => V3Json.Order(w, o, rest: true)).ConfigureAwait(false);
    }

    /// <summary>DELETE /v3/orders[?market=]: cancel-all (by market), 200 {"cancelOrders":[...]}; the cancel-multi pool.</summary>
    private async Task CancelAll(HttpContext ctx, PrivateRequest request)
    {
        string? market = Query(ctx, "market");
        if (!await ChargeAsync(ctx, limiter.CancelAll(request.Account.AccountId, market, clock.WallNow())).ConfigureAwait(false)) return;
        var result = await OnExchange((ex, now) => ex.CancelAllOrders(request.Account.AccountId, market, now)).ConfigureAwait(false);
        if (!result.IsSuccess && market is not null) result = result.Error with { Location = "query" };
        await WriteList(ctx, result, "cancelOrders", (w, o) => V3Json.Order(w, o, rest: true)).ConfigureAwait(false);
    }

    /// <summary>GET /v3/active-orders?market=(required)&amp;side=&amp;id=</summary>
    private async Task GetActiveOrders(HttpContext ctx, PrivateRequest request)
    {
        if (!TrySide(ctx, out var side, out var error) || Query(ctx, "market") is not { } market)
        {
            await WriteError(ctx, error ?? InvalidQuery("market", null)).ConfigureAwait(false);
            return;
        }
        string? id = Query(ctx, "id");
        if (!await ChargeAsync(ctx, limiter.GetActive(request.Account.AccountId, market, id is not null, side is not null, clock.WallNow())).ConfigureAwait(false)) return;
        var result = await OnExchange((ex, _) => ex.GetActiveOrders(request.Account.AccountId, market, side, id)).ConfigureAwait(false);
        await WriteList(ctx, result, "orders", V3Json.ActiveOrder).ConfigureAwait(false);
    }

    /// <summary>DELETE /v3/active-orders?market=(required)&amp;side=&amp;id=: the cheap cancel, 200 {"cancelOrders":[...]}.</summary>
    private async Task CancelActiveOrders(HttpContext ctx, PrivateRequest request)
    {
        if (!TrySide(ctx, out var side, out var error) || Query(ctx, "market") is not { } market)
        {
            await WriteError(ctx, error ?? InvalidQuery("market", null)).ConfigureAwait(false);
            return;
        }
        string? id = Query(ctx, "id");
        if (!await ChargeAsync(ctx, limiter.CancelActive(request.Account.AccountId, market, id is not null, side is not null, clock.WallNow())).ConfigureAwait(false)) return;
        var result = await OnExchange((ex, now) => ex.CancelActiveOrders(request.Account.AccountId, market, side, id, now)).ConfigureAwait(false);
        await WriteList(ctx, result, "cancelOrders", V3Json.ActiveOrder).ConfigureAwait(false);
    }

    /// <summary>GET /v3/fills?market=&amp;orderId=&amp;limit=&amp;createdBeforeOrAt=</summary>
    private async Task Fills(HttpContext ctx, PrivateRequest request)
    {
        if (!TryLimit(ctx, out int limit, out var error) || !TryTime(ctx, "createdBeforeOrAt", out var before, out error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        var query = new FillQuery { Market = Query(ctx, "market"), OrderId = Query(ctx, "orderId"), Limit = limit, CreatedBeforeOrAt = before };
        var result = await OnExchange((ex, _) => ex.GetFills(request.Account.AccountId, query)).ConfigureAwait(false);
        await WriteList(ctx, result, "fills", V3Json.Fill).ConfigureAwait(false);
    }

    /// <summary>GET /v3/funding?market=&amp;limit=&amp;effectiveBeforeOrAt=</summary>
    private async Task Funding(HttpContext ctx, PrivateRequest request)
    {
        if (!TryLimit(ctx, out int limit, out var error) || !TryTime(ctx, "effectiveBeforeOrAt", out var before, out error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        var query = new FundingQuery { Market = Query(ctx, "market"), Limit = limit, EffectiveBeforeOrAt = before };
        var result = await OnExchange((ex, _) => ex.GetFundingPayments(request.Account.AccountId, query)).ConfigureAwait(false);
        await WriteList(ctx, result, "fundingPayments", V3Json.FundingPayment).ConfigureAwait(false);
    }
}
