using Engine.Cli.Paper;
using Engine.Core.Orders;
using Engine.Dydx.Auth;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Runtime.Hosting;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;
using Engine.Stark.Orders;
using Xunit;
using Side = Engine.Core.Primitives.Side;

namespace Engine.Runtime.Tests;

/// <summary>
/// A live run starting on an account that is not clean, as after a crash: orders of an earlier run still rest in the
/// market and a position is open. The engine cancels the leftovers before it quotes, starts from the real position,
/// and at the end its position equals the exchange's.
/// </summary>
public sealed class LiveStartupTests
{
    private const string Market = "BTC-USD";

    [Fact]
    public async Task Leftover_orders_are_canceled_before_quoting_and_the_open_position_is_adopted()
    {
        decimal opening = 0m;
        string[] leftovers = ["9000000001", "9000000002"];
        var statusesAtStart = new List<string>();
        var request = new PaperRequest(EngineConfig.DefaultStrategyFile, TimeSpan.FromSeconds(8), Seed: 12, DataDir: TestConfigs.TempDir())
        {
            BeforeStart = async (venue, cancel) =>
            {
                using var rest = new DydxRestClient(new DydxRestOptions { BaseUri = venue.Sandbox.BaseUrl }, authenticator: new ApiKeyAuthenticator(venue.Account.ApiKey));
                await rest.InitializeAsync(cancel);
                OrderbookSnapshot book;
                while ((book = await rest.GetOrderbookAsync(Market, cancel)).Asks.Count == 0 || book.Bids.Count == 0) await Task.Delay(50, cancel);
                // A position: a marketable IOC buy against the background book.
                await SignedOrders.PlaceAsync(rest, venue.StarkKey, (ulong)venue.Account.PositionId, Market, "9000000000", Side.Buy, book.Asks[0].Price + 50m, TimeInForce.Ioc);
                // Quotes nobody manages any more: far from the market, so they rest.
                await SignedOrders.PlaceAsync(rest, venue.StarkKey, (ulong)venue.Account.PositionId, Market, leftovers[0], Side.Buy, book.Bids[0].Price - 2_000m, TimeInForce.Gtt);
                await SignedOrders.PlaceAsync(rest, venue.StarkKey, (ulong)venue.Account.PositionId, Market, leftovers[1], Side.Sell, book.Asks[0].Price + 2_000m, TimeInForce.Gtt);
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (DateTime.UtcNow < deadline && ((await rest.GetActiveOrdersAsync(Market, cancellation: cancel)).Count < 2 || opening == 0m))
                {
                    opening = (await rest.GetPositionsAsync(new PositionsQuery { Market = Market, Status = PositionStatus.Open }, cancel)).FirstOrDefault()?.Size ?? 0m;
                    await Task.Delay(50, cancel);
                }
            },
            Faults = async (sandbox, cancel) =>
            {
                // The engine is running: the leftovers were canceled before it started quoting.
                string account = sandbox.Accounts[0].AccountId;
                foreach (var clientId in leftovers)
                    statusesAtStart.Add(await sandbox.InvokeAsync((exchange, now) => exchange.GetOrderByClientId(account, clientId, now).Unwrap().Status.ToString()));
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.NotEqual(0m, opening);
        Assert.Equal(["Canceled", "Canceled"], statusesAtStart);
        Assert.Equal(0, result.VenueOpenOrders);
        // The engine's position is the adopted one plus its own fills, which equals the exchange's.
        decimal ownFills = result.Engine.Fills.Sum(f => (f.Side == Side.Buy ? 1 : -1) * f.Size.ToDecimal());
        Assert.Equal(opening + ownFills, result.Engine.Position.ToDecimal());
        Assert.True(result.Reconciled, $"engine {result.Engine.Fills.Count} fills / {result.Engine.Position}, exchange {result.VenueFills.Count} / {result.VenuePosition}");
    }
}
