using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Auth;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Streaming;
using Engine.Dydx.Streaming.Accounts;
using Engine.Sandbox.Server;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;
using Engine.Stark.Orders;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>
/// The sandbox speaks what the engine's client and codecs read: every REST endpoint the client has is called and
/// parsed into its typed model, and every WebSocket frame of every channel goes through the same codecs the
/// engine uses on recorded and live data, with nothing malformed.
/// </summary>
public sealed class SandboxConformanceTests
{
    private const string Market = "BTC-USD";
    private const string PrivateKey = "7eae185e1f41ec76d214d763f0592f194933622a9dd5f3d52d0209f71619c1a";

    [Fact]
    public async Task Every_rest_endpoint_and_every_websocket_channel_parses_with_the_engines_client_and_codecs()
    {
        await using var sandbox = await SandboxServer.StartNewAsync(new SandboxServerOptions { Port = 0, SyntheticSeed = 12, SyntheticMarket = Market });
        var key = StarkPrivateKey.ParseHex(PrivateKey);
        var account = await sandbox.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = key.PublicKey.ToHex(), Collateral = 50_000m });
        var authenticator = new ApiKeyAuthenticator(account.ApiKey);
        using var rest = new DydxRestClient(new DydxRestOptions { BaseUri = sandbox.BaseUrl }, authenticator: authenticator);
        await rest.InitializeAsync();

        // WebSocket: all four channels, frames kept for the codecs below.
        await using var ws = new DydxStreamConnection(new DydxStreamOptions { Uri = sandbox.WebSocketUrl }, authenticator, rest.Clock);
        ws.Start();
        await ws.SubscribeAsync(StreamSubscription.Markets());
        await ws.SubscribeAsync(StreamSubscription.Orderbook(Market));
        await ws.SubscribeAsync(StreamSubscription.Trades(Market));
        await ws.SubscribeAsync(StreamSubscription.Accounts(account.AccountNumber));

        // REST, public.
        Assert.True((await rest.GetTimeAsync()).Time > DateTimeOffset.UnixEpoch);
        Assert.True((await rest.GetConfigAsync()).DefaultMakerFee >= 0m);
        Assert.Contains(Market, (await rest.GetMarketsAsync()).Keys);
        OrderbookSnapshot book;
        while ((book = await rest.GetOrderbookAsync(Market)).Asks.Count == 0) await Task.Delay(50);
        await rest.GetTradesAsync(Market);
        await rest.GetHistoricalFundingAsync(Market);

        // REST, private: an order that rests, one that trades, queries, cancels.
        Assert.Single(await rest.GetAccountsAsync());
        Assert.Equal(account.AccountId, (await rest.GetAccountAsync(account.AccountId)).Id);
        await rest.GetUserAsync();
        var resting = await SignedOrders.PlaceAsync(rest, key, (ulong)account.PositionId, Market, "c-1", Side.Buy, book.Asks[0].Price - 500m, postOnly: true);
        var taking = await SignedOrders.PlaceAsync(rest, key, (ulong)account.PositionId, Market, "c-2", Side.Buy, book.Asks[0].Price + 100m, postOnly: false);
        Assert.Equal(DydxOrderStatus.Pending, resting.Status);
        await Task.Delay(300); // the matcher runs asynchronously, as on v3
        Assert.Equal(resting.Id, (await rest.GetOrderAsync(resting.Id)).Id);
        Assert.Equal(taking.Id, (await rest.GetOrderByClientIdAsync("c-2")).Id);
        Assert.NotEmpty(await rest.GetOrdersAsync(new OrdersQuery { Market = Market }));
        Assert.NotEmpty(await rest.GetActiveOrdersAsync(Market));
        Assert.NotEmpty(await rest.GetFillsAsync(new FillsQuery { Market = Market }));
        Assert.NotEmpty(await rest.GetPositionsAsync());
        await rest.GetFundingPaymentsAsync();
        await rest.CancelOrderAsync(resting.Id);
        await SignedOrders.PlaceAsync(rest, key, (ulong)account.PositionId, Market, "c-3", Side.Sell, book.Asks[0].Price + 5_000m, postOnly: true);
        await Task.Delay(100);
        await rest.CancelActiveOrdersAsync(Market);
        await rest.CancelAllOrdersAsync(Market);
        await Task.Delay(300);

        // Every frame so far through the engine's codecs.
        var orderBook = new OrderBook(Market);
        var trades = new List<PublicTrade>();
        var markets = new List<MarketUpdate>();
        var accounts = new AccountStream();
        var updates = new List<AccountStreamUpdate>();
        var seen = new HashSet<Channel>();
        int frames = 0;
        while (ws.Frames.TryRead(out var frame))
        {
            using (frame)
            {
                var bytes = frame.Payload.Span;
                Assert.True(FrameHeaderReader.TryRead(bytes, out var header), System.Text.Encoding.UTF8.GetString(bytes));
                frames++;
                seen.Add(header.Channel);
                switch (header.Channel)
                {
                    case Channel.Orderbook:
                        Assert.NotEqual(BookFrameResult.Malformed, OrderbookCodec.Apply(header, bytes, orderBook));
                        break;
                    case Channel.Trades when header.HasContents:
                        Assert.True(TradesCodec.TryRead(header.Contents(bytes), trades));
                        break;
                    case Channel.Markets when header.HasContents:
                        Assert.True(MarketsCodec.TryRead(header.Contents(bytes), markets, out string? error), error);
                        break;
                    case Channel.Accounts:
                        Assert.True(accounts.OnFrame(header, bytes, updates));
                        break;
                }
            }
        }
        Assert.Superset(new HashSet<Channel> { Channel.Orderbook, Channel.Trades, Channel.Markets, Channel.Accounts }, seen);
        Assert.True(frames > 10);
        Assert.False(orderBook.IsCrossed);
        Assert.Contains(updates, u => u is FillReceived);
        Assert.Contains(updates, u => u is OrderUpdated { Order.Status: DydxOrderStatus.Canceled });
        Assert.Contains(markets, m => m.Market == Market);
    }

}
