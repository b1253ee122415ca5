using System.Text.Json;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>POST /v3/orders end to end: STARK signatures, the PENDING answer and the asynchronous outcome on v3_accounts.</summary>
public sealed class OrderTests
{
    private static string Id(Reply reply) => reply.Body.GetProperty("order").GetProperty("id").GetString()!;

    [Fact]
    public async Task An_order_with_a_valid_stark_signature_is_accepted_pending_and_a_tampered_one_is_rejected()
    {
        await using var s = await ServerScope.StartAsync();
        var accepted = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", clientId: "424242");
        Assert.Equal(201, accepted.Code);
        var order = accepted.Body.GetProperty("order");
        Assert.Equal("PENDING", order.GetProperty("status").GetString());
        Assert.Equal("424242", order.GetProperty("clientId").GetString());
        Assert.Equal(s.Alice.Account!.AccountId, order.GetProperty("accountId").GetString());
        Assert.Equal(63, order.GetProperty("id").GetString()!.Length);

        var tampered = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", tamperSignature: true);
        Assert.Equal(400, tampered.Code);
        Assert.Equal("Invalid signature for order", tampered.ErrorMessage); // real v3 text

        // Signed for another position id (a classic v3 mistake) or by another account's key: rejected too.
        var wrongPosition = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", signedPositionId: 1);
        Assert.Equal("Invalid signature for order", wrongPosition.ErrorMessage);
        var bobsSignature = await new SandboxClient(s.Server, s.Alice.Account, SandboxClient.Key(2)).PlaceOrderAsync("BUY", "29000", "0.01");
        Assert.Equal("Invalid signature for order", bobsSignature.ErrorMessage);

        // The signature covers the body: changing the size after signing breaks it.
        string body = s.Alice.OrderBody("BUY", "29000", "0.01").Replace("\"size\":\"0.01\"", "\"size\":\"0.02\"");
        var altered = await s.Alice.PrivateAsync(HttpMethod.Post, "/v3/orders", body);
        Assert.Equal("Invalid signature for order", altered.ErrorMessage);
    }

    [Fact]
    public async Task Duplicate_client_ids_and_invalid_fields_are_400s()
    {
        await using var s = await ServerScope.StartAsync();
        Assert.Equal(201, (await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", clientId: "777")).Code);
        var duplicate = await s.Alice.PlaceOrderAsync("BUY", "29001", "0.01", clientId: "777");
        Assert.Equal(400, duplicate.Code);
        Assert.Equal("Order with specified clientId already exists", duplicate.ErrorMessage);
        // Another account may use the same clientId.
        Assert.Equal(201, (await s.Bob.PlaceOrderAsync("BUY", "29000", "0.01", clientId: "777")).Code);

        var offTick = await s.Alice.PlaceOrderAsync("BUY", "29000.5", "0.01");
        Assert.Equal("Order price must be a multiple of the tickSize 1", offTick.ErrorMessage);
        var soon = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01", expiresIn: TimeSpan.FromSeconds(30));
        Assert.Equal("Order expiration cannot be less than 1 minute(s) in the future", soon.ErrorMessage); // real text
        var malformed = await s.Alice.PrivateAsync(HttpMethod.Post, "/v3/orders", "{\"market\":\"BTC-USD\",\"side\":\"UP\"}");
        Assert.Equal(400, malformed.Code);
        Assert.Equal("side", malformed.Body.GetProperty("errors")[0].GetProperty("param").GetString());
    }

    [Fact]
    public async Task Order_prices_are_echoed_exactly_as_submitted()
    {
        await using var s = await ServerScope.StartAsync();
        var placed = await s.Alice.PlaceOrderAsync("SELL", "2610.60", "0.010", market: "ETH-USD");
        Assert.Equal(201, placed.Code);
        Assert.Equal("2610.60", placed.Body.GetProperty("order").GetProperty("price").GetString());
        Assert.Equal("0.01", placed.Body.GetProperty("order").GetProperty("size").GetString());
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, Id(placed)) == "OPEN");
        var fetched = await s.Alice.GetPrivateAsync($"/v3/orders/{Id(placed)}");
        Assert.Equal("2610.60", fetched.Body.GetProperty("order").GetProperty("price").GetString());
        var active = await s.Alice.GetPrivateAsync("/v3/active-orders?market=ETH-USD");
        Assert.Equal("2610.60", active.Body.GetProperty("orders")[0].GetProperty("price").GetString());
        // The public book aggregates by value: shortest form.
        var book = await s.Public.GetAsync("/v3/orderbook/ETH-USD");
        Assert.Equal("2610.6", book.Body.GetProperty("asks")[0].GetProperty("price").GetString());
    }

    [Fact]
    public async Task Orders_go_pending_then_open_then_filled_on_v3_accounts_and_a_cancel_arrives_as_canceled()
    {
        await using var s = await ServerScope.StartAsync();
        await using var aliceWs = await s.ConnectAsync();
        await using var bobWs = await s.ConnectAsync();
        Assert.Equal("subscribed", WsClient.Type(await ServerScope.SubscribeAccountsAsync(aliceWs, s.Alice)));
        Assert.Equal("subscribed", WsClient.Type(await ServerScope.SubscribeAccountsAsync(bobWs, s.Bob)));

        var maker = await s.Alice.PlaceOrderAsync("SELL", "30010", "0.2");
        string makerId = Id(maker);
        await ServerScope.NextOrderUpdateAsync(aliceWs, makerId, "PENDING");
        var open = await ServerScope.NextOrderUpdateAsync(aliceWs, makerId, "OPEN");
        Assert.Equal("0.2", ServerScope.OrderIn(open, makerId).GetProperty("remainingSize").GetString());

        var taker = await s.Bob.PlaceOrderAsync("BUY", "30010", "0.2", timeInForce: "FOK");
        string takerId = Id(taker);
        await ServerScope.NextOrderUpdateAsync(bobWs, takerId, "PENDING");
        var takerFilled = await ServerScope.NextOrderUpdateAsync(bobWs, takerId, "FILLED");
        Assert.Equal(1, takerFilled.GetProperty("contents").GetProperty("fills").GetArrayLength());
        Assert.Equal("TAKER", takerFilled.GetProperty("contents").GetProperty("fills")[0].GetProperty("liquidity").GetString());
        var makerFilled = await ServerScope.NextOrderUpdateAsync(aliceWs, makerId, "FILLED");
        var contents = makerFilled.GetProperty("contents");
        // One message: the fill with its order, position and the new balance.
        Assert.Equal(1, contents.GetProperty("fills").GetArrayLength());
        Assert.Equal(1, contents.GetProperty("positions").GetArrayLength());
        Assert.Equal(1, contents.GetProperty("accounts").GetArrayLength());

        var resting = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        string restingId = Id(resting);
        await ServerScope.NextOrderUpdateAsync(aliceWs, restingId, "OPEN");
        var cancel = await s.Alice.DeletePrivateAsync($"/v3/orders/{restingId}");
        Assert.Equal(200, cancel.Code);
        Assert.Equal("OPEN", cancel.Body.GetProperty("cancelOrder").GetProperty("status").GetString()); // the CANCELED update comes later
        var canceled = await ServerScope.NextOrderUpdateAsync(aliceWs, restingId, "CANCELED");
        Assert.Equal("USER_CANCELED", ServerScope.OrderIn(canceled, restingId).GetProperty("cancelReason").GetString());
    }

    [Fact]
    public async Task A_post_only_order_that_would_cross_is_canceled_post_only_would_cross_on_the_websocket()
    {
        await using var s = await ServerScope.StartAsync();
        await using var ws = await s.ConnectAsync();
        await ServerScope.SubscribeAccountsAsync(ws, s.Bob);
        var ask = await s.Alice.PlaceOrderAsync("SELL", "30010", "0.1");
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, Id(ask)) == "OPEN");

        var crossing = await s.Bob.PlaceOrderAsync("BUY", "30010", "0.1", postOnly: true, limitFee: "0.0005");
        Assert.Equal(201, crossing.Code); // not an HTTP error: the matcher cancels it asynchronously
        Assert.Equal("PENDING", crossing.Body.GetProperty("order").GetProperty("status").GetString());
        var canceled = await ServerScope.NextOrderUpdateAsync(ws, Id(crossing), "CANCELED");
        var order = ServerScope.OrderIn(canceled, Id(crossing));
        Assert.Equal("POST_ONLY_WOULD_CROSS", order.GetProperty("cancelReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("unfillableAt").ValueKind);
    }

    [Fact]
    public async Task Cancel_all_by_market_and_the_active_orders_cancel_return_the_orders_as_they_are()
    {
        await using var s = await ServerScope.StartAsync();
        var a = await s.Alice.PlaceOrderAsync("BUY", "29000", "0.01");
        var b = await s.Alice.PlaceOrderAsync("BUY", "2000", "0.1", market: "ETH-USD");
        var c = await s.Alice.PlaceOrderAsync("SELL", "31000", "0.01");
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, Id(c)) == "OPEN");

        var byId = await s.Alice.DeletePrivateAsync($"/v3/active-orders?market=BTC-USD&side=SELL&id={Id(c)}");
        Assert.Equal(200, byId.Code);
        Assert.Equal(Id(c), byId.Body.GetProperty("cancelOrders")[0].GetProperty("id").GetString());

        var all = await s.Alice.DeletePrivateAsync("/v3/orders?market=BTC-USD");
        Assert.Equal(200, all.Code);
        Assert.Equal([Id(a)], all.Body.GetProperty("cancelOrders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray());
        await ServerScope.EventuallyAsync(async () => await ServerScope.StatusAsync(s.Alice, Id(a)) == "CANCELED");
        Assert.Equal("OPEN", await ServerScope.StatusAsync(s.Alice, Id(b)));

        var everything = await s.Alice.DeletePrivateAsync("/v3/orders");
        Assert.Equal([Id(b)], everything.Body.GetProperty("cancelOrders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToArray());
        var unknown = await s.Alice.DeletePrivateAsync("/v3/orders/0123");
        Assert.Equal("No order found with id: 0123", unknown.ErrorMessage);
        var byClientId = await s.Alice.GetPrivateAsync($"/v3/orders/client/{a.Body.GetProperty("order").GetProperty("clientId").GetString()}");
        Assert.Equal(Id(a), byClientId.Body.GetProperty("order").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Onboarding_over_rest_returns_credentials_that_trade()
    {
        await using var s = await ServerScope.StartAsync();
        var key = SandboxClient.Key(9);
        var reply = await s.Public.PostPublicAsync("/sandbox/accounts",
            $"{{\"starkKey\":\"0x{key.PublicKey.ToHex()}\",\"collateral\":\"2500.5\",\"positionId\":\"987654\"}}");
        Assert.Equal(201, reply.Code);
        var body = reply.Body;
        Assert.Equal("2500.500000", body.GetProperty("account").GetProperty("quoteBalance").GetString());
        Assert.Equal("987654", body.GetProperty("positionId").GetString());
        var apiKey = body.GetProperty("apiKey");
        var credentials = new SandboxAccountCredentials(body.GetProperty("account").GetProperty("id").GetString()!, body.GetProperty("userId").GetString()!,
            body.GetProperty("ethereumAddress").GetString()!, 0, 987654, key.PublicKey.ToHex(),
            new Engine.Stark.ApiKeys.ApiKeyCredentials(apiKey.GetProperty("key").GetString()!, apiKey.GetProperty("secret").GetString()!,
                apiKey.GetProperty("passphrase").GetString()!));
        var client = new SandboxClient(s.Server, credentials, key);
        Assert.Equal(201, (await client.PlaceOrderAsync("BUY", "29000", "0.01")).Code);
        // The v3 client derivation of ids holds: accountId = uuid5(NS, uuid5(NS, address) + "0").
        Assert.Equal(Engine.Sandbox.Exchange.Ids.V3AccountIds.AccountId(credentials.EthereumAddress, 0), credentials.AccountId);

        Assert.Equal(400, (await s.Public.PostPublicAsync("/sandbox/accounts", "{\"starkKey\":\"not-hex\"}")).Code);
        Assert.Equal(400, (await s.Public.PostPublicAsync("/sandbox/accounts", $"{{\"starkKey\":\"{key.PublicKey.ToHex()}\",\"positionId\":\"987654\"}}")).Code);
    }
}
