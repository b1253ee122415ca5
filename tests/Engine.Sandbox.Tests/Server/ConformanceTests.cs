using System.Text.Json;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;
using static Engine.Sandbox.Tests.Server.Support.Shapes;

namespace Engine.Sandbox.Tests.Server;

/// <summary>
/// Every endpoint's JSON against the real v3 captures (field sets, strings for decimals, 6-decimal USD, ISO times)
/// or, where no capture exists, against the field lists of the v3 docs (api doc §1.4–1.5, §3.7).
/// </summary>
public sealed class ConformanceTests
{
    private static readonly string[] MarketFields =
    [
        "market", "status", "baseAsset", "quoteAsset", "stepSize", "tickSize", "indexPrice", "oraclePrice", "priceChange24H",
        "nextFundingRate", "nextFundingAt", "minOrderSize", "type", "initialMarginFraction", "maintenanceMarginFraction",
        "baselinePositionSize", "incrementalPositionSize", "incrementalInitialMarginFraction", "maxPositionSize", "volume24H",
        "trades24H", "openInterest", "assetResolution", "syntheticAssetId",
    ];

    /// <summary>Alice rests a SELL 0.1 @ 30010; Bob takes it with an IOC BUY: one fill each, positions on both sides.</summary>
    private static async Task<(string MakerOrder, string TakerOrder)> TradeAsync(ServerScope s)
    {
        var maker = await s.Alice.PlaceOrderAsync("SELL", "30010", "0.1");
        Assert.Equal(201, maker.Code);
        string makerId = maker.Body.GetProperty("order").GetProperty("id").GetString()!;
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, makerId) == "OPEN", what: "maker OPEN");
        var taker = await s.Bob.PlaceOrderAsync("BUY", "30010", "0.1", timeInForce: "IOC");
        Assert.Equal(201, taker.Code);
        string takerId = taker.Body.GetProperty("order").GetProperty("id").GetString()!;
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Bob, takerId) == "FILLED", what: "taker FILLED");
        return (makerId, takerId);
    }

    [Fact]
    public async Task Time_and_config_have_the_v3_shapes_and_publish_the_enforced_limits()
    {
        await using var s = await ServerScope.StartAsync();
        var time = await s.Public.GetAsync("/v3/time");
        Assert.Equal(200, time.Code);
        SameFields(["iso", "epoch"], time.Body, "time");
        Iso(time.Body, "iso");
        Assert.Matches(@"^\d+\.\d{3}$", time.Body.GetProperty("epoch").GetString());

        var config = await s.Public.GetAsync("/v3/config");
        SameFields(["collateralAssetId", "collateralTokenAddress", "defaultMakerFee", "defaultTakerFee", "exchangeAddress",
            "maxExpectedBatchLengthMinutes", "maxFastWithdrawalAmount", "cancelOrderRateLimiting", "placeOrderRateLimiting"], config.Body, "config");
        Assert.Equal("0.0005", config.Body.GetProperty("defaultMakerFee").GetString());
        Assert.Equal("0.001", config.Body.GetProperty("defaultTakerFee").GetString());
        // The mainnet USDC collateral asset id (network id 1).
        Assert.Equal("0x02893294412a4c8f915f75892b395ebbf6859ec246ec365c3b1f56f47c3a0a5d", config.Body.GetProperty("collateralAssetId").GetString());
        Assert.Equal("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", config.Body.GetProperty("collateralTokenAddress").GetString());
        var cancel = config.Body.GetProperty("cancelOrderRateLimiting");
        SameFields(["maxPointsMulti", "maxPointsSingle", "windowSecMulti", "windowSecSingle"], cancel, "cancelOrderRateLimiting");
        Assert.Equal(3, cancel.GetProperty("maxPointsMulti").GetInt32());
        var place = config.Body.GetProperty("placeOrderRateLimiting");
        SameFields(["maxPoints", "windowSec", "targetNotional", "minLimitConsumption", "minMarketConsumption", "minTriggerableConsumption",
            "maxOrderConsumption"], place, "placeOrderRateLimiting");
        Assert.Equal(1750, place.GetProperty("maxPoints").GetInt32());
        Assert.Equal(JsonValueKind.Number, place.GetProperty("targetNotional").ValueKind);
    }

    [Fact]
    public async Task Markets_are_a_map_of_the_24_v3_fields_all_strings_also_with_a_market_filter()
    {
        await using var s = await ServerScope.StartAsync();
        var all = await s.Public.GetAsync("/v3/markets");
        Assert.Equal(200, all.Code);
        var markets = all.Body.GetProperty("markets");
        Assert.Equal(["BTC-USD", "ETH-USD"], markets.EnumerateObject().Select(p => p.Name).ToArray());
        var btc = markets.GetProperty("BTC-USD");
        SameFields(MarketFields, btc, "market");
        AllStringsOrNullsOrBools(btc, "market");
        Assert.Equal("1", btc.GetProperty("tickSize").GetString());
        Assert.Equal("0.0001", btc.GetProperty("stepSize").GetString());
        Assert.Equal("10000000000", btc.GetProperty("assetResolution").GetString());
        Assert.Equal("0x4254432d3130000000000000000000", btc.GetProperty("syntheticAssetId").GetString()); // real value
        Assert.Equal("PERPETUAL", btc.GetProperty("type").GetString());
        Iso(btc, "nextFundingAt");

        var one = await s.Public.GetAsync("/v3/markets?market=ETH-USD");
        Assert.Equal(["ETH-USD"], one.Body.GetProperty("markets").EnumerateObject().Select(p => p.Name).ToArray());
        var unknown = await s.Public.GetAsync("/v3/markets?market=XXX-USD");
        Assert.Equal(400, unknown.Code);
    }

    [Fact]
    public async Task Orderbook_trades_and_historical_funding_have_the_public_shapes()
    {
        await using var s = await ServerScope.StartAsync();
        await TradeAsync(s);
        var resting = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.25");
        Assert.Equal(201, resting.Code);
        await ServerScope.EventuallyAsync(async () => (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("bids").GetArrayLength() == 1);

        var book = await s.Public.GetAsync("/v3/orderbook/BTC-USD");
        SameFields(["bids", "asks"], book.Body, "orderbook");
        var bid = book.Body.GetProperty("bids")[0];
        SameFields(["price", "size"], bid, "orderbook level");
        Assert.Equal("29000", bid.GetProperty("price").GetString());
        Assert.Equal("0.25", bid.GetProperty("size").GetString());
        Assert.NotNull(book.Header("X-Sandbox-Orderbook-Offset"));

        var trades = await s.Public.GetAsync("/v3/trades/BTC-USD");
        var trade = trades.Body.GetProperty("trades")[0];
        HasFields(Real("ws-trade.json").GetProperty("contents").GetProperty("trades")[0], trade, "trade");
        SameFields(["side", "size", "price", "createdAt", "liquidation"], trade, "trade");
        Assert.Equal("BUY", trade.GetProperty("side").GetString()); // the taker's side
        Assert.Equal("30010", trade.GetProperty("price").GetString());
        Iso(trade, "createdAt");

        var funding = await s.Public.GetAsync("/v3/historical-funding/BTC-USD");
        Assert.Equal(200, funding.Code);
        Assert.Equal(JsonValueKind.Array, funding.Body.GetProperty("historicalFunding").ValueKind);
        Assert.Equal(400, (await s.Public.GetAsync("/v3/orderbook/NOPE-USD")).Code);
        Assert.Equal(400, (await s.Public.GetAsync("/v3/trades/BTC-USD?startingBeforeOrAt=yesterday")).Code);
    }

    [Fact]
    public async Task Accounts_match_the_real_REST_capture_with_6_decimal_usd_and_string_account_number()
    {
        await using var s = await ServerScope.StartAsync();
        await TradeAsync(s);
        var reply = await s.Bob.GetPrivateAsync("/v3/accounts");
        Assert.Equal(200, reply.Code);
        var account = reply.Body.GetProperty("accounts")[0];
        SameFields(Real("lc-account.json").GetProperty("accounts")[0], account, "account");
        HasFields(Real("accounts.json").GetProperty("accounts")[0], account, "account");
        AllStringsOrNullsOrBools(account, "account");
        Usd6(account, "equity", "freeCollateral", "pendingDeposits", "pendingWithdrawals", "quoteBalance");
        Assert.Equal("0", account.GetProperty("accountNumber").GetString());
        Assert.Equal(s.Bob.Account!.AccountId, account.GetProperty("id").GetString());
        Assert.Equal(64, account.GetProperty("starkKey").GetString()!.Length);

        var position = account.GetProperty("openPositions").GetProperty("BTC-USD");
        SameFields(["market", "status", "side", "size", "maxSize", "entryPrice", "exitPrice", "unrealizedPnl", "realizedPnl", "createdAt",
            "closedAt", "sumOpen", "sumClose", "netFunding"], position, "REST position");
        Assert.Equal("LONG", position.GetProperty("side").GetString());
        Assert.Equal("0.1", position.GetProperty("size").GetString());
        Assert.Equal("30010.000000", position.GetProperty("entryPrice").GetString());

        var byId = await s.Bob.GetPrivateAsync($"/v3/accounts/{s.Bob.Account.AccountId}");
        SameFields(account, byId.Body.GetProperty("account"), "account by id");
        Assert.Equal(404, (await s.Bob.GetPrivateAsync($"/v3/accounts/{s.Alice.Account!.AccountId}")).Code); // not Bob's
    }

    [Fact]
    public async Task Users_positions_fills_funding_orders_and_active_orders_have_the_v3_shapes()
    {
        await using var s = await ServerScope.StartAsync();
        var (makerId, _) = await TradeAsync(s);

        var user = (await s.Alice.GetPrivateAsync("/v3/users")).Body.GetProperty("user");
        SameFields(["ethereumAddress", "isRegistered", "email", "username", "userData", "makerFeeRate", "takerFeeRate", "makerVolume30D",
            "takerVolume30D", "fees30D", "referredByAffiliateLink", "isSharingUsername", "isSharingAddress", "dydxTokenBalance",
            "stakedDydxTokenBalance", "isEmailVerified", "country", "languageCode"], user, "user");
        Assert.Equal("0.00050", user.GetProperty("makerFeeRate").GetString()); // real formatting
        Assert.Equal("0.00100", user.GetProperty("takerFeeRate").GetString());

        var positions = (await s.Alice.GetPrivateAsync("/v3/positions?market=BTC-USD&status=OPEN")).Body.GetProperty("positions");
        var position = positions[0];
        Assert.Equal("SHORT", position.GetProperty("side").GetString());
        Assert.Equal("-0.1", position.GetProperty("size").GetString());
        Assert.Equal(JsonValueKind.Null, position.GetProperty("exitPrice").ValueKind);
        Usd6(position, "entryPrice", "unrealizedPnl", "realizedPnl");

        var realFill = Real("ws-account-after-filled.json").GetProperty("contents").GetProperty("fills")[0];
        var fill = (await s.Alice.GetPrivateAsync("/v3/fills?market=BTC-USD")).Body.GetProperty("fills")[0];
        SameFields(realFill, fill, "fill");
        Assert.Equal("MAKER", fill.GetProperty("liquidity").GetString());
        Assert.Equal("30010.000000", fill.GetProperty("price").GetString()); // fill prices: 6 decimals
        Assert.Equal("3001", fill.GetProperty("quoteAmount").GetString());
        Assert.Equal("1.500500", fill.GetProperty("fee").GetString()); // 0.1 × 30010 × 0.0005
        Assert.Equal(makerId, fill.GetProperty("orderId").GetString());

        var funding = await s.Alice.GetPrivateAsync("/v3/funding");
        Assert.Equal(JsonValueKind.Array, funding.Body.GetProperty("fundingPayments").ValueKind);

        var order = (await s.Alice.GetPrivateAsync($"/v3/orders/{makerId}")).Body.GetProperty("order");
        var realOrder = Real("ws-order.json").GetProperty("contents").GetProperty("orders")[0];
        SameFields(Keys(realOrder).Append("reduceOnly"), order, "REST order");
        AllStringsOrNullsOrBools(order, "order");
        Assert.Equal("FILLED", order.GetProperty("status").GetString());
        Assert.Equal("0", order.GetProperty("remainingSize").GetString());

        var resting = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        string restingId = resting.Body.GetProperty("order").GetProperty("id").GetString()!;
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, restingId) == "OPEN");
        var active = (await s.Alice.GetPrivateAsync("/v3/active-orders?market=BTC-USD")).Body.GetProperty("orders");
        SameFields(["id", "accountId", "market", "side", "price", "remainingSize"], active[0], "active order");
        var open = (await s.Alice.GetPrivateAsync("/v3/orders?market=BTC-USD")).Body.GetProperty("orders");
        Assert.Equal([restingId], open.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray());
        var history = (await s.Alice.GetPrivateAsync("/v3/orders?status=FILLED")).Body.GetProperty("orders");
        Assert.Equal([makerId], history.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task Account_messages_on_the_websocket_match_the_real_v3_accounts_captures()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        var subscribed = await ServerScope.SubscribeAccountsAsync(ws, s.Alice);
        var realSubscribed = Real("ws-account.json");
        SameFields(realSubscribed, subscribed, "subscribed envelope");
        SameFields(realSubscribed.GetProperty("contents"), subscribed.GetProperty("contents"), "subscribed contents");
        var account = subscribed.GetProperty("contents").GetProperty("account");
        HasFields(realSubscribed.GetProperty("contents").GetProperty("account"), account, "subscribed account");
        Assert.Contains("equity", Keys(account));
        SameFields(realSubscribed.GetProperty("contents").GetProperty("transfers")[0], subscribed.GetProperty("contents").GetProperty("transfers")[0], "transfer");
        Assert.Equal(s.Alice.Account!.AccountId, subscribed.GetProperty("id").GetString());

        await TradeAsync(s);
        var fillMessage = await ws.NextAsync(m => WsClient.Type(m) == "channel_data" && m.GetProperty("contents").GetProperty("fills").GetArrayLength() > 0);
        var real = Real("ws-account-after-filled.json");
        SameFields(real, fillMessage, "channel_data envelope");
        var contents = fillMessage.GetProperty("contents");
        var realContents = real.GetProperty("contents");
        SameFields(realContents, contents, "channel_data contents");
        SameFields(realContents.GetProperty("fills")[0], contents.GetProperty("fills")[0], "ws fill");
        SameFields(realContents.GetProperty("positions")[0], contents.GetProperty("positions")[0], "ws position");
        SameFields(realContents.GetProperty("orders")[0], contents.GetProperty("orders")[0], "ws order");
        var balance = contents.GetProperty("accounts")[0];
        SameFields(realContents.GetProperty("accounts")[0], balance, "ws account");
        Assert.Equal(JsonValueKind.Number, balance.GetProperty("accountNumber").ValueKind); // a number here, a string in REST
        Assert.DoesNotContain("equity", Keys(balance)); // only the initial message carries equity
        var position = contents.GetProperty("positions")[0];
        Assert.Equal("0.000000", position.GetProperty("exitPrice").GetString());
        Assert.Equal("30010.000000", position.GetProperty("entryPrice").GetString());
    }

    [Fact]
    public async Task Error_bodies_have_the_real_v3_shape()
    {
        await using var s = await ServerScope.StartAsync();
        var reply = await s.Alice.PrivateAsync(HttpMethod.Get, "/v3/accounts", tamper: r =>
        {
            r.Headers.Remove("DYDX-SIGNATURE");
            r.Headers.TryAddWithoutValidation("DYDX-SIGNATURE", "1c69867ef434431103da0a6cc9432fe34c09d3706662ffa3729a95ac27d1ae6c");
            r.Headers.Remove("DYDX-TIMESTAMP");
            r.Headers.TryAddWithoutValidation("DYDX-TIMESTAMP", "not-a-time");
        });
        Assert.Equal(400, reply.Code);
        var real = Real("errors.json");
        SameFields(real, reply.Body, "error body");
        var errors = reply.Body.GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        SameFields(real.GetProperty("errors")[0], errors[0], "error entry");
        Assert.Equal(real.GetProperty("errors")[0].GetProperty("msg").GetString(), errors[0].GetProperty("msg").GetString());
        Assert.Equal(real.GetProperty("errors")[1].GetProperty("msg").GetString(), errors[1].GetProperty("msg").GetString());
        Assert.Equal("1c69867ef434431103da0a6cc9432fe34c09d3706662ffa3729a95ac27d1ae6c", errors[0].GetProperty("value").GetString());

        var unknownOrder = await s.Alice.GetPrivateAsync("/v3/orders/abc");
        Assert.Equal(400, unknownOrder.Code);
        Assert.Equal("No order found with id: abc", unknownOrder.ErrorMessage); // real text
        Assert.Equal(404, (await s.Public.GetAsync("/v3/nothing-here")).Code);
    }
}
