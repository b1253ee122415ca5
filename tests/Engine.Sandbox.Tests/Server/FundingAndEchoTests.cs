using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Server;
using Engine.Sandbox.Tests.Server.Support;
using Engine.Sandbox.Tests.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Server;

/// <summary>Hourly funding through the server, and the price echo at the exchange level.</summary>
public sealed class FundingAndEchoTests
{
    [Fact]
    public async Task Funding_at_the_top_of_the_hour_reaches_v3_accounts_v3_markets_and_rest()
    {
        // Exchange time starts 4 s before a top of the hour.
        var options = new SandboxServerOptions { StartTime = new DateTimeOffset(2022, 5, 2, 0, 59, 56, 0, TimeSpan.Zero) };
        await using var s = await ServerScope.StartAsync(options);
        await using var ws = await s.ConnectAsync();
        await ServerScope.SubscribeAccountsAsync(ws, s.Bob);
        await ws.SubscribeAsync("v3_markets");
        await ws.NextAsync("subscribed", "v3_markets");
        await s.Alice.PlaceOrderAsync("SELL", "30000", "1");
        await ServerScope.EventuallyAsync(async () => (await s.Public.GetAsync("/v3/orderbook/BTC-USD")).Body.GetProperty("asks").GetArrayLength() == 1);
        await s.Bob.PlaceOrderAsync("BUY", "30000", "1", timeInForce: "FOK");
        await ws.NextAsync(m => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_accounts"
                                && m.GetProperty("contents").GetProperty("fills").GetArrayLength() == 1);

        var payment = await ws.NextAsync(m => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_accounts"
                                              && m.GetProperty("contents").GetProperty("fundingPayments").GetArrayLength() == 1, TimeSpan.FromSeconds(10));
        var entry = payment.GetProperty("contents").GetProperty("fundingPayments")[0];
        // Long 1 BTC, oracle 30000, rate 0.0000125: pays 0.375.
        Assert.Equal("-0.375000", entry.GetProperty("payment").GetString());
        Assert.Equal("0.0000125000", entry.GetProperty("rate").GetString());
        Assert.Equal("2022-05-02T01:00:00.000Z", entry.GetProperty("effectiveAt").GetString());
        Assert.Equal(1, payment.GetProperty("contents").GetProperty("accounts").GetArrayLength());

        // The market update of the same step went out just before the account update.
        var market = ws.All.Single(m => WsClient.Type(m) == "channel_data" && WsClient.Channel(m) == "v3_markets");
        Assert.Equal("2022-05-02T02:00:00.000Z", market.GetProperty("contents").GetProperty("BTC-USD").GetProperty("nextFundingAt").GetString());

        var rest = (await s.Bob.GetPrivateAsync("/v3/funding")).Body.GetProperty("fundingPayments");
        Assert.Equal("-0.375000", rest[0].GetProperty("payment").GetString());
        var history = (await s.Public.GetAsync("/v3/historical-funding/BTC-USD")).Body.GetProperty("historicalFunding");
        Assert.Equal("2022-05-02T01:00:00.000Z", history[0].GetProperty("effectiveAt").GetString());
    }

    [Fact]
    public void The_exchange_echoes_the_price_text_and_refuses_text_that_is_another_price()
    {
        var h = new Harness();
        string account = h.NewAccount();
        var placed = h.Place(account, h.Order(Side.Buy, "29000", "0.01") with { PriceText = "29000.00" }).Unwrap();
        Assert.Equal("29000.00", placed.PriceText);
        Assert.Equal("29000.00", h.Get(account, placed.Id).PriceText);
        h.Exchange.ProcessPending(h.Now);
        Assert.Equal("29000.00", h.Exchange.GetActiveOrders(account, Harness.Btc).Unwrap()[0].PriceText);
        Assert.Equal("29000", h.Place(account, h.Order(Side.Buy, "29000", "0.01")).Unwrap().PriceText); // no text: shortest form

        var mismatch = h.Place(account, h.Order(Side.Buy, "29000", "0.01") with { PriceText = "29001" });
        Assert.False(mismatch.IsSuccess);
        Assert.Equal("price", mismatch.Error!.Param);
    }
}
