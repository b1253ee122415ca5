using Engine.Cli.Live;
using Engine.Cli.Paper;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Hosting;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Server;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>
/// The live pipeline against sandbox faults, end to end over loopback: a stalled channel, a skewed exchange clock, a
/// 429 storm and answers slower than the client's timeout. After each the engine is trading again, and at shutdown
/// nothing is open, no order is orphaned, and its fills, fees and position equal the exchange's.
/// </summary>
public sealed class LiveFaultTests
{
    private const string Market = "BTC-USD";

    [Fact]
    public async Task A_stalled_book_is_dropped_quotes_are_pulled_and_quoting_resumes_after_a_fresh_snapshot()
    {
        int? restingDuringStall = null;
        DateTimeOffset stallEnds = default;
        var request = new PaperRequest(TestStrategies.FastFile(), TimeSpan.FromSeconds(18), Seed: 8, DataDir: TestConfigs.TempDir(),
            ConfigFiles: [Config("engine.dydx.book-stale-after = 2s")])
        {
            Faults = async (sandbox, cancel) =>
            {
                await EventuallyAsync(async () => await RestingOrders(sandbox) > 0, cancel, TimeSpan.FromSeconds(6), "quoting");
                stallEnds = DateTimeOffset.UtcNow.AddSeconds(6);
                sandbox.Faults.StallChannel("v3_orderbook", Market, TimeSpan.FromSeconds(6));
                // Within stale-after (2 s) plus a health check (1 s) the book is dropped and every quote pulled.
                await EventuallyAsync(async () => await RestingOrders(sandbox) == 0, cancel, TimeSpan.FromSeconds(5.5), "quotes pulled");
                restingDuringStall = await RestingOrders(sandbox);
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.Equal(0, restingDuringStall);
        Assert.True(result.Book.Resyncs >= 1, $"resyncs {result.Book.Resyncs}");
        Assert.True(result.Book.Snapshots >= 2, "the resubscription brought a fresh snapshot");
        Assert.Contains(result.Ledger.Orders, o => o.CreatedAt.ToDateTimeOffset() > stallEnds && o.VenueOrderId is not null); // quoting resumed
        AssertCleanAndReconciled(result);
    }

    [Fact]
    public async Task A_book_update_lost_in_transit_shows_as_a_message_id_gap_and_the_book_is_resynchronized()
    {
        var request = new PaperRequest(EngineConfig.DefaultStrategyFile, TimeSpan.FromSeconds(7), Seed: 13, DataDir: TestConfigs.TempDir())
        {
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                sandbox.Faults.SkipOrderbookOffsets(Market, 1);
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.True(result.Book.Resyncs >= 1, $"resyncs {result.Book.Resyncs}");
        Assert.True(result.Book.Snapshots >= 2, "the resubscription brought a fresh snapshot");
        Assert.Equal(1, result.MarketData.Connects); // a resubscription, not a reconnect
        AssertCleanAndReconciled(result);
    }

    [Fact]
    public async Task A_jump_of_the_exchange_clock_is_measured_again_and_orders_are_accepted_after_it()
    {
        DateTimeOffset skewedAt = default;
        var request = new PaperRequest(TestStrategies.FastFile(), TimeSpan.FromSeconds(12), Seed: 9, DataDir: TestConfigs.TempDir())
        {
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                skewedAt = DateTimeOffset.UtcNow;
                sandbox.Faults.ClockSkew = TimeSpan.FromMinutes(2); // far outside v3's 30 s timestamp window
            },
        };
        var result = await PaperRunner.RunAsync(request);

        // Signed with the re-measured offset, orders placed after the jump are accepted by the exchange.
        Assert.Contains(result.Ledger.Orders, o => o.CreatedAt.ToDateTimeOffset() > skewedAt.AddSeconds(1) && o.VenueOrderId is not null);
        AssertCleanAndReconciled(result);
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_and_trading_resumes()
    {
        DateTimeOffset stormAt = default;
        var request = new PaperRequest(TestStrategies.FastFile(), TimeSpan.FromSeconds(18), Seed: 10, DataDir: TestConfigs.TempDir())
        {
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
                stormAt = DateTimeOffset.UtcNow;
                sandbox.Faults.RateLimitNextRequests(6); // each says: retry after the 10 s window
            },
        };
        var result = await PaperRunner.RunAsync(request);

        Assert.Contains(result.Ledger.Orders, o => o.CreatedAt.ToDateTimeOffset() > stormAt.AddSeconds(10) && o.VenueOrderId is not null);
        AssertCleanAndReconciled(result);
    }

    [Fact]
    public async Task Answers_slower_than_the_timeout_leave_no_orphaned_order()
    {
        IReadOnlyList<(string Id, DateTimeOffset CreatedAt)>? exchangeOrders = null;
        DateTimeOffset slowFrom = default, slowUntil = default;
        var request = new PaperRequest(TestStrategies.FastFile(), TimeSpan.FromSeconds(14), Seed: 11, DataDir: TestConfigs.TempDir(),
            ConfigFiles: [Config("engine.dydx.request-timeout = 1s")])
        {
            Faults = async (sandbox, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                slowFrom = DateTimeOffset.UtcNow;
                sandbox.Faults.ResponseDelay = TimeSpan.FromMilliseconds(1500); // every placement's answer is lost
                await Task.Delay(TimeSpan.FromSeconds(4), cancel);
                sandbox.Faults.ResponseDelay = TimeSpan.Zero;
                slowUntil = DateTimeOffset.UtcNow;
                await Task.Delay(TimeSpan.FromSeconds(5), cancel);
                string account = sandbox.Accounts[0].AccountId;
                var everyStatus = new OrderQuery { Statuses = Enum.GetValues<V3OrderStatus>().ToHashSet() };
                exchangeOrders = await sandbox.InvokeAsync((exchange, _) =>
                    exchange.GetOrders(account, everyStatus).Unwrap().Select(o => (o.Id, o.CreatedAt.ToDateTimeOffset())).ToList());
            },
        };
        var result = await PaperRunner.RunAsync(request);

        // Every order the exchange ever accepted for us, including those whose answers timed out, is known to the engine.
        var known = result.Ledger.Orders.Select(o => o.VenueOrderId).OfType<string>().ToHashSet();
        Assert.NotNull(exchangeOrders);
        Assert.Contains(exchangeOrders, o => o.CreatedAt > slowFrom && o.CreatedAt < slowUntil); // placed while answers were lost
        Assert.All(exchangeOrders, o => Assert.Contains(o.Id, known));
        AssertCleanAndReconciled(result);
    }

    private static void AssertCleanAndReconciled(Engine.Runtime.Live.PaperResult result)
    {
        Assert.Equal(0, result.VenueOpenOrders);
        Assert.DoesNotContain(result.Ledger.Orders, o => !o.Status.IsTerminal());
        Assert.True(result.Reconciled, $"engine {result.Engine.Fills.Count} fills / {result.Engine.Position}, exchange {result.VenueFills.Count} / {result.VenuePosition}");
    }

    private static Task<int> RestingOrders(SandboxServer sandbox)
    {
        string account = sandbox.Accounts[0].AccountId;
        return sandbox.InvokeAsync((exchange, _) => exchange.GetActiveOrders(account, Market).Unwrap().Count);
    }

    /// <summary>Waits for the condition; if it never holds, the fault callback fails and so does the run.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, CancellationToken cancel, TimeSpan? timeout = null, string what = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {timeout ?? TimeSpan.FromSeconds(10)}");
            await Task.Delay(50, cancel);
        }
    }

    private static string Config(string hocon)
    {
        string file = Path.Combine(TestConfigs.TempDir(), "engine-override.conf");
        File.WriteAllText(file, hocon);
        return file;
    }
}
