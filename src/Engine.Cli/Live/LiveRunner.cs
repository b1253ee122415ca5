using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest;
using Engine.Dydx.Streaming;
using Engine.Dydx.Streaming.Accounts;
using Engine.Dydx.Streaming.Books;
using Engine.Dydx.Streaming.Sync;
using Engine.Runtime.Book;
using Engine.Recording;
using Engine.Runtime.Account;
using Engine.Runtime.Feed;
using Engine.Runtime.Feed.Live;
using Engine.Runtime.Hosting;
using Engine.Runtime.Live;
using Engine.Runtime.Orders;
using Engine.Runtime.Signing;
using Engine.Runtime.Simulation;
using Engine.Runtime.Venue.Dydx;
using V3Fill = Engine.Dydx.Rest.Models.Fill;
using V3FundingPayment = Engine.Dydx.Rest.Models.FundingPayment;
using V3Order = Engine.Dydx.Rest.Models.Order;

namespace Engine.Cli.Live;

/// <summary>
/// A live run against any v3 host (the real one or a sandbox): the live supervisor, the public market-data stream
/// into the book, the authenticated accounts stream into the venue, a clean shutdown (stop quoting, cancel all,
/// confirm none open) and the engine's view next to the exchange's.
/// </summary>
public static class LiveRunner
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(1);

    public static async Task<PaperResult> RunAsync(LiveRequest request, LiveEndpoints endpoints, DydxCredentials credentials, CancellationToken cancellation = default)
    {
        var (parameters, settings, config, dataDir) = (request.Strategy, request.Settings, request.Config, request.DataDir);
        string market = parameters.Market;
        var systemConfig = EngineConfig.ForActorSystem(config, dataDir);
        SqliteSetup.EnableWriteAheadLog(systemConfig);
        var system = ActorSystem.Create("engine", systemConfig);
        DydxRestClient? rest = null;
        DydxStreamConnection? marketData = null, accountData = null;
        using var stopStreams = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task accountPump = Task.CompletedTask;
        try
        {
            // Client ids must be unique per account for ever: each run numbers its orders under its own start second.
            var plan = new LivePlan(request.RunId, parameters, new DydxVenueSettings(endpoints.NetworkId, 0, request.LimitFee),
                settings.StartingCollateral, settings.TickInterval, request.ReconcileInterval, settings.SnapshotEvery,
                ClientIdPrefix: DateTimeOffset.UtcNow.ToUnixTimeSeconds()) { RetainFinishedOrders = request.RetainFinishedOrders };
            VenueStartState start;
            DateTimeOffset startedAt;
            // The position id is the account's, known only after a private request: ask before the venue is needed.
            // A short-lived signer answers that request (and proves the credentials) before anything trades.
            var probe = system.ActorOf(SignerActor.Props(credentials), "credentials-check");
            using (var bootstrap = new DydxRestClient(new DydxRestOptions { BaseUri = endpoints.Rest, AccountNumber = credentials.AccountNumber }, authenticator: new SignerRequestAuthenticator(probe, TimeSpan.FromSeconds(5))))
            {
                var accounts = await bootstrap.GetAccountsAsync(cancellation);
                var mine = accounts.FirstOrDefault(a => a.AccountNumber == credentials.AccountNumber)
                    ?? throw new InvalidOperationException($"the API key has no account number {credentials.AccountNumber}");
                // Start-up reconciliation: leftovers canceled, and the run starts from the account's real balance and position.
                start = await VenueStartup.PrepareAsync(bootstrap, mine.Id, market, TimeSpan.FromSeconds(30), m => system.Log.Warning(m), cancellation);
                startedAt = bootstrap.Clock.UtcNow; // exchange time: fills of this run are the ones created after it
                plan = plan with { Venue = plan.Venue with { PositionId = (ulong)mine.PositionId }, StartingCollateral = start.Equity };
            }
            system.Stop(probe);
            // The REST client authenticates through the signer, which lives inside the supervisor: build it there.
            var supervisor = system.ActorOf(LiveSupervisor.Props(plan, credentials, restFactory: s =>
                rest = new DydxRestClient(new DydxRestOptions { BaseUri = endpoints.Rest, AccountNumber = credentials.AccountNumber, RequestTimeout = request.RequestTimeout }, authenticator: new SignerRequestAuthenticator(s, TimeSpan.FromSeconds(5)))), "live");
            var actors = await supervisor.Ask<LiveActorRefs>(GetLiveActors.Instance, AskTimeout, cancellation);
            await rest!.InitializeAsync(cancellation);
            if (!start.Position.IsZero)
                await actors.Account.Ask<Akka.Done>(new AdoptOpeningPosition(market, start.Position, start.OraclePrice), AskTimeout, cancellation);

            // Public market data: WebSocket → tick batches → the book, with backpressure to the socket read.
            marketData = new DydxStreamConnection(new DydxStreamOptions { Uri = endpoints.WebSocket });
            marketData.Start();
            await marketData.SubscribeAsync(StreamSubscription.Markets(), cancellation);
            await marketData.SubscribeAsync(StreamSubscription.Orderbook(market), cancellation);
            await marketData.SubscribeAsync(StreamSubscription.Trades(market), cancellation);
            // The synchronizer watches message ids and the book's consistency; a gap or an unrepairable crossing
            // drops the book and resubscribes for a fresh snapshot.
            // A health check every second notices a book that has gone quiet (a stalled channel) and resyncs it too.
            var sync = new StreamSynchronizer(new BookSyncOptions { StaleAfter = request.BookStaleAfter });
            sync.TrackBook(market);
            var resyncs = new List<ResyncRequest>();
            var feed = marketData;
            var healthChecks = Source.Tick(HealthCheckInterval, HealthCheckInterval, Option<RawFrame>.None).MapMaterializedValue(_ => NotUsed.Instance);
            LiveFeedSource.Frames(marketData)
                .Select(Option<RawFrame>.Create)
                .Merge(healthChecks, eagerComplete: true)
                .Select(item =>
                {
                    resyncs.Clear();
                    if (item.HasValue) sync.OnFrame(item.Value.Span, item.Value.Connection, item.Value.ReceivedAt, resyncs);
                    else sync.CheckHealth(Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), resyncs);
                    foreach (var r in resyncs)
                    {
                        if (r.Channel == Channel.Orderbook) actors.Book.Tell(new BookResyncing(r.Id ?? market, r.Reason.ToString()));
                        _ = feed.ResubscribeAsync(r.Channel, r.Id, stopStreams.Token);
                    }
                    return item;
                })
                .Where(item => item.HasValue)
                .Select(item => item.Value)
                .Via(LiveFeedSource.Batching(new LiveBatchingOptions { TickInterval = settings.TickInterval }))
                .To(Sink.ActorRefWithAck<FrameBatch>(actors.Book, StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e)))
                .Run(system.Materializer());

            // Our orders and fills: the authenticated v3_accounts stream → the venue.
            accountData = new DydxStreamConnection(new DydxStreamOptions { Uri = endpoints.WebSocket }, new SignerRequestAuthenticator(actors.Signer, TimeSpan.FromSeconds(5)), rest.Clock);
            accountData.Start();
            await accountData.SubscribeAsync(StreamSubscription.Accounts(credentials.AccountNumber), cancellation);
            accountPump = PumpAccountStream(accountData, actors.Venue, stopStreams.Token);
            var duringRun = request.DuringRun?.Invoke(stopStreams.Token) ?? Task.CompletedTask;

            try { await Task.Delay(request.Duration, cancellation); }
            catch (OperationCanceledException) { } // Ctrl+C: shut down properly below
            await duringRun;
            request.AfterRun?.Invoke();

            // Shutdown: no new quotes, cancel everything, confirm, then make sure the venue holds nothing of ours.
            await supervisor.Ask<Akka.Done>(StopQuoting.Instance, AskTimeout);
            var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            var canceled = await actors.Orders.Ask<AllOrdersCanceled>(new CancelAllOrders(now), AskTimeout);
            await actors.Venue.Ask<EverythingCanceled>(new CancelEverything(market), AskTimeout);
            await actors.Venue.Ask<OrdersReconciled>(new ReconcileOrders(market), AskTimeout);

            var orders = await actors.Orders.Ask<OrderState>(GetOrderState.Instance, AskTimeout);
            var engineView = await actors.Account.Ask<AccountReport>(new GetAccountReport(market), AskTimeout);
            var bookStats = await actors.Book.Ask<BookStatistics>(GetBookStatistics.Instance, AskTimeout);
            var venueFills = await FillsSinceAsync(rest, market, startedAt, CancellationToken.None);
            var venueOpen = await rest.GetActiveOrdersAsync(market);
            var venuePositions = await rest.GetPositionsAsync(new Engine.Dydx.Rest.Models.PositionsQuery { Market = market });
            return new PaperResult(request.RunId, market, orders.Ledger, engineView, canceled.Count, venueFills, venueOpen.Count,
                venuePositions.FirstOrDefault(p => p.Status == Engine.Dydx.Rest.Models.PositionStatus.Open)?.Size ?? 0m,
                marketData.Counters, endpoints.NetworkId, bookStats);
        }
        finally
        {
            stopStreams.Cancel();
            if (accountData is not null) await accountData.DisposeAsync();
            if (marketData is not null) await marketData.DisposeAsync();
            try { await accountPump; } catch (OperationCanceledException) { }
            await system.Terminate();
            rest?.Dispose();
        }
    }

    /// <summary>Every fill of the account in the market created at or after <paramref name="since"/>, newest first, paging back 100 at a time.</summary>
    private static async Task<List<V3Fill>> FillsSinceAsync(DydxRestClient rest, string market, DateTimeOffset since, CancellationToken cancellation)
    {
        const int Page = 100;
        var fills = new List<V3Fill>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? before = null;
        while (true)
        {
            var page = await rest.GetFillsAsync(new Engine.Dydx.Rest.Models.FillsQuery { Market = market, Limit = Page, CreatedBeforeOrAt = before }, cancellation);
            int added = 0;
            foreach (var fill in page)
                if (fill.CreatedAt >= since && seen.Add(fill.Id)) { fills.Add(fill); added++; }
            // createdBeforeOrAt is inclusive: a page that adds nothing new has reached the end.
            if (page.Count < Page || page[^1].CreatedAt < since || added == 0) return fills;
            before = page[^1].CreatedAt;
        }
    }

    /// <summary>Parses each v3_accounts frame and hands the venue what it says about orders, fills and funding.</summary>
    private static async Task PumpAccountStream(DydxStreamConnection connection, IActorRef venue, CancellationToken cancellation)
    {
        var stream = new AccountStream();
        var updates = new List<AccountStreamUpdate>();
        await foreach (var frame in connection.Frames.ReadAllAsync(cancellation))
        {
            using (frame)
            {
                if (!FrameHeaderReader.TryRead(frame.Payload.Span, out var header)) continue;
                updates.Clear();
                if (!stream.OnFrame(header, frame.Payload.Span, updates) || updates.Count == 0) continue;
                var orders = new List<V3Order>();
                var fills = new List<V3Fill>();
                var funding = new List<V3FundingPayment>();
                foreach (var u in updates)
                {
                    switch (u)
                    {
                        case AccountSeeded s: orders.AddRange(s.OpenOrders); funding.AddRange(s.FundingPayments); break;
                        case OrderUpdated o: orders.Add(o.Order); break;
                        case FillReceived f: fills.Add(f.Fill); break;
                        case FundingPaymentReceived p: funding.Add(p.Payment); break;
                    }
                }
                venue.Tell(new V3AccountActivity(orders, fills, funding));
            }
        }
    }
}

/// <summary>Where a v3 venue is: REST base URL, WebSocket URL and the STARK network its signatures are for.</summary>
public sealed record LiveEndpoints(Uri Rest, Uri WebSocket, int NetworkId);

/// <summary>A live run: strategy, engine settings, how long, the fee cap signed into orders, how often to reconcile.</summary>
public sealed record LiveRequest(
    string RunId,
    Engine.Core.Strategy.MarketMakingParameters Strategy,
    SimulationSettings Settings,
    Akka.Configuration.Config Config,
    string DataDir,
    TimeSpan Duration,
    decimal LimitFee,
    TimeSpan ReconcileInterval)
{
    /// <summary>Runs alongside the trading (tests inject faults here).</summary>
    public Func<CancellationToken, Task>? DuringRun { get; init; }

    /// <summary>Runs after the duration, before the shutdown cancel-all.</summary>
    public Action? AfterRun { get; init; }

    /// <summary>Finished orders kept in the order manager's state; older ones are forgotten (bounded memory and snapshots).</summary>
    public int RetainFinishedOrders { get; init; } = LivePlan.DefaultRetainFinishedOrders;

    /// <summary>A REST call with no answer after this long fails (a placement is then looked up by clientId).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A book with no update for this long is treated as stalled: dropped (quotes are pulled) and resubscribed.</summary>
    public TimeSpan BookStaleAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The request with the live run's tuning from engine.dydx: book-stale-after, request-timeout, retain-finished-orders.</summary>
    public LiveRequest WithTuning(HoconReader dydx) => this with
    {
        BookStaleAfter = dydx.Duration("book-stale-after", TimeSpan.FromSeconds(1)),
        RequestTimeout = dydx.Duration("request-timeout", TimeSpan.FromMilliseconds(100)),
        RetainFinishedOrders = dydx.Int("retain-finished-orders", 1_000, int.MaxValue),
    };
}
