using System.Text.RegularExpressions;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Xunit;

namespace Engine.Dydx.Tests.Rest;

/// <summary>What goes on the wire: exact paths, exact bodies, and a signature over exactly those bytes.</summary>
public sealed partial class RestRequestTests
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoMilliseconds();

    private static PlaceOrderRequest Order => new()
    {
        Market = "XMR-USD",
        Side = Side.Sell,
        Type = DydxOrderType.Limit,
        TimeInForce = TimeInForce.Fok,
        PostOnly = false,
        Size = 0.27m,
        Price = 261.6m,
        LimitFee = 0.0015m,
        Expiration = new DateTimeOffset(2021, 10, 18, 14, 39, 29, 227, TimeSpan.Zero),
        ClientId = "16344815692096",
        Signature = "0516affb1d5e9b2939a16da3188db875a323a1758ea364f6445471a49725ff9f021a22f9c906cbedb238aae34b65b1f4d95220ecd9a84aa343bc3f7bfebfaea7",
        CancelId = "0daf2000",
    };

    /// <summary>The server's check: the HMAC of what it received equals the signature header.</summary>
    private static void AssertSignedAsReceived(RecordedRequest request)
    {
        string? timestamp = request.Header("DYDX-TIMESTAMP");
        Assert.NotNull(timestamp);
        Assert.Matches(IsoMilliseconds(), timestamp);
        Assert.Equal(HmacTestAuthenticator.ApiKey, request.Header("DYDX-API-KEY"));
        Assert.Equal(HmacTestAuthenticator.Passphrase, request.Header("DYDX-PASSPHRASE"));
        string expected = HmacTestAuthenticator.Sign(timestamp + request.Method + request.RawTarget + request.BodyText);
        Assert.Equal(expected, request.Header("DYDX-SIGNATURE"));
        Assert.Equal(44, expected.Length);
    }

    [Fact]
    public async Task Order_body_is_compact_exact_decimal_strings_and_signed_as_sent()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders" ? new Reply(201, DocumentedPayloads.OrderResponse) : null);
        var placed = await host.Client.PlaceOrderAsync(Order);

        var post = Assert.Single(host.RequestsTo("/v3/orders"));
        Assert.Equal("POST", post.Method);
        Assert.Equal(
            """{"market":"XMR-USD","side":"SELL","type":"LIMIT","timeInForce":"FOK","postOnly":false,"size":"0.27","price":"261.6","limitFee":"0.0015","expiration":"2021-10-18T14:39:29.227Z","clientId":"16344815692096","signature":"0516affb1d5e9b2939a16da3188db875a323a1758ea364f6445471a49725ff9f021a22f9c906cbedb238aae34b65b1f4d95220ecd9a84aa343bc3f7bfebfaea7","cancelId":"0daf2000"}""",
            post.BodyText);
        Assert.Equal("application/json", post.Header("Content-Type"));
        Assert.Contains("application/json", post.Header("Accept"));
        AssertSignedAsReceived(post);
        // The authenticator was asked to sign exactly what went out.
        var signed = host.Auth.Calls.Single(c => c.Method == "POST");
        Assert.Equal((post.Header("DYDX-TIMESTAMP"), "/v3/orders", post.BodyText), (signed.Timestamp, signed.Path, signed.Body));

        Assert.Equal(DydxOrderStatus.Pending, placed.Status);
        Assert.Equal(261.6m, placed.Price);
        Assert.Equal("261.6", placed.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Decimals_keep_the_scale_they_were_given()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/orders" ? new Reply(201, DocumentedPayloads.OrderResponse) : null);
        await host.Client.PlaceOrderAsync(Order with { Size = 1.000m, Price = 30000m, CancelId = null, ReduceOnly = true });
        string body = host.RequestsTo("/v3/orders").Single().BodyText;
        Assert.Contains("\"size\":\"1.000\"", body);
        Assert.Contains("\"price\":\"30000\"", body);
        Assert.Contains("\"reduceOnly\":true", body);
        Assert.DoesNotContain("cancelId", body);
        Assert.DoesNotContain(" ", body);
    }

    [Fact]
    public async Task Query_strings_are_signed_exactly_as_sent_in_the_order_given()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget.StartsWith("/v3/orders?") ? Reply.Ok(DocumentedPayloads.OrdersResponse) : null);
        var orders = await host.Client.GetOrdersAsync(new OrdersQuery
        {
            Market = "BTC-USD",
            Statuses = [DydxOrderStatus.Pending, DydxOrderStatus.Open],
            Side = Side.Buy,
            Limit = 50,
            CreatedBeforeOrAt = new DateTimeOffset(2022, 5, 2, 13, 0, 0, TimeSpan.Zero),
        });
        var get = Assert.Single(host.RequestsTo("/v3/orders"));
        Assert.Equal("/v3/orders?market=BTC-USD&status=PENDING,OPEN&side=BUY&limit=50&createdBeforeOrAt=2022-05-02T13:00:00.000Z", get.RawTarget);
        Assert.Empty(get.Body);
        AssertSignedAsReceived(get);
        Assert.Single(orders);
    }

    [Fact]
    public async Task Every_private_endpoint_uses_its_documented_method_and_path()
    {
        await using var host = await RestTestHost.StartAsync(r => (r.Method, r.RawTarget) switch
        {
            ("GET", "/v3/accounts") => Reply.Ok(File.ReadAllText(Real("accounts.json"))),
            ("GET", "/v3/accounts/00000000-0000-5000-8000-000000000002?ethereumAddress=0x0913017c740260fea4b2c62828a4008ca8b0d6e4") =>
                Reply.Ok($$"""{"account":{{System.Text.Json.JsonDocument.Parse(File.ReadAllText(Real("accounts.json"))).RootElement.GetProperty("accounts")[0].GetRawText()}}}"""),
            ("GET", "/v3/positions?market=SNX-USD&status=OPEN") => Reply.Ok(DocumentedPayloads.Positions),
            ("GET", "/v3/users") => Reply.Ok(DocumentedPayloads.User),
            ("GET", "/v3/orders/0daf2000") => Reply.Ok(DocumentedPayloads.OrderResponse),
            ("GET", "/v3/orders/client/16344815692096") => Reply.Ok(DocumentedPayloads.OrderResponse),
            ("DELETE", "/v3/orders/0daf2000") => Reply.Ok(DocumentedPayloads.CancelOrderResponse),
            ("DELETE", "/v3/orders?market=XMR-USD") => Reply.Ok(DocumentedPayloads.CancelOrdersResponse),
            ("DELETE", "/v3/orders") => Reply.Ok(DocumentedPayloads.CancelOrdersResponse),
            ("GET", "/v3/active-orders?market=XMR-USD&side=SELL&id=0daf2000") => Reply.Ok(DocumentedPayloads.ActiveOrders),
            ("DELETE", "/v3/active-orders?market=XMR-USD&side=SELL&id=0daf2000") => Reply.Ok(DocumentedPayloads.CancelActiveOrders),
            ("GET", "/v3/fills?market=XMR-USD&orderId=0daf2000&limit=100") => Reply.Ok(DocumentedPayloads.Fills),
            ("GET", "/v3/funding?market=ETH-USD&limit=1&effectiveBeforeOrAt=2022-05-02T14:00:00.000Z") => Reply.Ok(DocumentedPayloads.Funding),
            _ => null,
        }, o => o with { AccountNumber = 0 });
        var c = host.Client;

        Assert.Single(await c.GetAccountsAsync());
        Assert.Equal(558.519283m, (await c.GetAccountAsync("00000000-0000-5000-8000-000000000002", "0x0913017c740260fea4b2c62828a4008ca8b0d6e4")).Equity);
        Assert.Equal(PositionSide.Long, (await c.GetPositionsAsync(new PositionsQuery { Market = "SNX-USD", Status = PositionStatus.Open })).Single().Side);
        Assert.Equal(0.00050m, (await c.GetUserAsync()).MakerFeeRate);
        Assert.Equal("16344815692096", (await c.GetOrderAsync("0daf2000")).ClientId);
        Assert.Equal(TimeInForce.Fok, (await c.GetOrderByClientIdAsync("16344815692096")).TimeInForce);
        Assert.Equal(DydxOrderStatus.Pending, (await c.CancelOrderAsync("0daf2000", "XMR-USD")).Status);
        Assert.Single(await c.CancelAllOrdersAsync("XMR-USD"));
        Assert.Single(await c.CancelAllOrdersAsync());
        Assert.Equal(0.27m, (await c.GetActiveOrdersAsync("XMR-USD", Side.Sell, "0daf2000")).Single().RemainingSize);
        Assert.Equal(Side.Sell, (await c.CancelActiveOrdersAsync("XMR-USD", Side.Sell, "0daf2000")).Single().Side);
        Assert.Equal(0.070632m, (await c.GetFillsAsync(new FillsQuery { Market = "XMR-USD", OrderId = "0daf2000", Limit = 100 })).Single().Fee);
        Assert.Equal(-0.013937m, (await c.GetFundingPaymentsAsync(new FundingQuery
        {
            Market = "ETH-USD", Limit = 1, EffectiveBeforeOrAt = new DateTimeOffset(2022, 5, 2, 14, 0, 0, TimeSpan.Zero),
        })).Single().Payment);

        var privateRequests = host.Requests.Where(r => r.RawTarget != "/v3/time").ToList();
        Assert.Equal(13, privateRequests.Count);
        foreach (var request in privateRequests)
        {
            AssertSignedAsReceived(request);
            Assert.Equal("0", request.Header("DYDX-ACCOUNT-NUMBER"));
        }
    }

    [Fact]
    public async Task Public_endpoints_are_not_signed_and_send_their_filters()
    {
        await using var host = await RestTestHost.StartAsync(r => r.RawTarget switch
        {
            "/v3/config" => Reply.Ok(DocumentedPayloads.Config),
            "/v3/markets?market=BTC-USD" => Reply.Ok(DocumentedPayloads.Markets),
            "/v3/orderbook/BTC-USD" => Reply.Ok(DocumentedPayloads.Orderbook),
            "/v3/trades/BTC-USD?startingBeforeOrAt=2021-01-05T17:00:00.000Z&limit=100" => Reply.Ok(DocumentedPayloads.Trades),
            "/v3/historical-funding/BTC-USD?effectiveBeforeOrAt=2021-01-06T00:00:00.000Z" => Reply.Ok(DocumentedPayloads.HistoricalFunding),
            _ => null,
        });
        var c = host.Client;
        Assert.Equal(0.0005m, (await c.GetConfigAsync()).DefaultMakerFee);
        Assert.Equal(1m, (await c.GetMarketsAsync("BTC-USD"))["BTC-USD"].TickSize);
        Assert.Equal(29000m, (await c.GetOrderbookAsync("BTC-USD")).Bids[0].Price);
        Assert.Single(await c.GetTradesAsync("BTC-USD", new DateTimeOffset(2021, 1, 5, 17, 0, 0, TimeSpan.Zero), 100));
        Assert.Equal(31297.5000008009374142m, (await c.GetHistoricalFundingAsync("BTC-USD", new DateTimeOffset(2021, 1, 6, 0, 0, 0, TimeSpan.Zero))).Single().Price);
        Assert.All(host.Requests, r => Assert.Null(r.Header("DYDX-SIGNATURE")));
        Assert.Empty(host.Auth.Calls);
    }

    [Fact]
    public void A_value_that_would_need_url_encoding_is_refused_rather_than_signed_differently()
    {
        Assert.Throws<ArgumentException>(() => RequestPath.For("/v3/orders").Add("market", "BTC USD"));
        Assert.Throws<ArgumentException>(() => RequestPath.For("/v3/orders").Add("clientId", "a&b=c"));
        Assert.Throws<ArgumentException>(() => RequestPath.For("/v3/orders", "../users"));
        Assert.Equal("/v3/fills?limit=5", RequestPath.For("/v3/fills").Add("market", (string?)null).Add("limit", 5).ToString());
    }

    [Fact]
    public async Task Private_calls_without_an_authenticator_fail_before_sending()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, _) => LoopbackServer.Json(ctx, 200, "{}"));
        using var client = new DydxRestClient(new DydxRestOptions { BaseUri = server.BaseUri });
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAccountsAsync());
        Assert.DoesNotContain(server.Requests, r => r.RawTarget == "/v3/accounts");
    }

    [Fact]
    public async Task Active_orders_with_an_id_but_no_side_is_refused_locally()
    {
        await using var host = await RestTestHost.StartAsync(_ => null);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.CancelActiveOrdersAsync("BTC-USD", null, "0daf2000"));
        Assert.Empty(host.RequestsTo("/v3/active-orders"));
    }

    [Fact]
    public void A_base_url_with_a_path_is_refused_because_it_would_break_the_signed_path()
    {
        Assert.Throws<ArgumentException>(() => new DydxRestClient(new DydxRestOptions { BaseUri = new Uri("https://api.dydx.exchange/v3/") }));
        Assert.Throws<ArgumentException>(() => new DydxRestClient(new DydxRestOptions { BaseUri = new Uri("ftp://api.dydx.exchange") }));
    }

    internal static string Real(string file) => Engine.TestSupport.SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", file);
}
