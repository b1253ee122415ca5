using Engine.Cli.Paper;
using Engine.Core.Orders;
using Engine.Runtime.Hosting;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>
/// End to end over loopback: the engine's live pipeline (signer, v3 venue over REST and WebSockets, write-through
/// journal, the market maker) against the sandbox exchange, which verifies every HMAC and STARK signature.
/// </summary>
public sealed class PaperTradingTests
{
    [Fact]
    public async Task Quotes_are_signed_accepted_refreshed_reconciled_exactly_and_all_canceled_at_shutdown()
    {
        string strategy = TestStrategies.FastFile();

        var result = await PaperRunner.RunAsync(new PaperRequest(strategy, TimeSpan.FromSeconds(12), Seed: 3, DataDir: TestConfigs.TempDir()));

        var orders = result.Ledger.Orders;
        Assert.DoesNotContain(orders, o => o.Status == OrderStatus.Rejected); // every signature and HMAC was accepted
        Assert.True(result.Ledger.OrdersSubmitted > 4, $"quotes were refreshed (submitted {result.Ledger.OrdersSubmitted})");
        Assert.Contains(orders, o => o.Status == OrderStatus.Canceled);
        Assert.DoesNotContain(orders, o => !o.Status.IsTerminal()); // nothing left working in the engine...
        Assert.Equal(0, result.VenueOpenOrders);                      // ...nor at the exchange
        Assert.True(result.MarketData.FramesReceived > 0);

        // The engine's books equal the exchange's, fill for fill.
        Assert.Equal(result.VenueFills.Select(f => f.Id).Order(StringComparer.Ordinal), result.Engine.Fills.Select(f => f.FillId).Order(StringComparer.Ordinal));
        Assert.Equal(result.VenueFills.Sum(f => f.Fee), result.Engine.Fees);
        Assert.Equal(result.VenuePosition, result.Engine.Position.ToDecimal());
        Assert.True(result.Reconciled);
    }

    [Fact]
    public async Task Dropped_sockets_and_a_5xx_storm_are_survived_and_the_books_still_agree()
    {
        var request = new PaperRequest(EngineConfig.DefaultStrategyFile, TimeSpan.FromSeconds(10), Seed: 4, DataDir: TestConfigs.TempDir())
        {
            ReconcileInterval = TimeSpan.FromSeconds(1),
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                sandbox.Faults.DropWebSockets(); // market data and the accounts stream both
                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
                sandbox.Faults.FailNextRequests(4, 503);
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.True(result.MarketData.Connects >= 2, "the market-data stream reconnected");
        Assert.Equal(0, result.VenueOpenOrders);
        Assert.DoesNotContain(result.Ledger.Orders, o => !o.Status.IsTerminal());
        Assert.True(result.Reconciled, $"engine {result.Engine.Fills.Count} fills / {result.Engine.Position}, exchange {result.VenueFills.Count} / {result.VenuePosition}");
    }

    [Fact]
    public async Task A_book_that_keeps_crossing_is_dropped_and_resynchronized_from_a_fresh_snapshot()
    {
        var request = new PaperRequest(EngineConfig.DefaultStrategyFile, TimeSpan.FromSeconds(7), Seed: 6, DataDir: TestConfigs.TempDir())
        {
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                // More crossings in a row than the uncrossing rule may repair before the feed is distrusted.
                for (int i = 0; i < 8; i++)
                {
                    sandbox.Faults.SendCrossedBook("BTC-USD");
                    await Task.Delay(50, cancel);
                }
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.True(result.Book.Resyncs >= 1, $"resyncs {result.Book.Resyncs}, uncrossings {result.Book.Uncrossings}");
        Assert.True(result.Book.Snapshots >= 2, "the resubscription brought a fresh snapshot");
        Assert.Equal(0, result.VenueOpenOrders);
        Assert.True(result.Reconciled);
    }
}
