using System.Security.Cryptography;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest;
using Engine.Dydx.Streaming;
using Engine.Dydx.Streaming.Accounts;
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
using Engine.Sandbox.Server;
using Engine.Stark.Keys;
using V3Fill = Engine.Dydx.Rest.Models.Fill;
using V3FundingPayment = Engine.Dydx.Rest.Models.FundingPayment;
using V3Order = Engine.Dydx.Rest.Models.Order;

namespace Engine.Cli.Paper;

/// <summary>
/// Paper trading: the live pipeline — signer, v3 venue over REST and WebSockets, write-through journal, the same
/// strategy and order manager as in simulation — against a sandbox exchange started in-process on loopback with
/// a fresh STARK key and account. Ends (after the duration or on cancellation) the way a live run must: quoting
/// stops, every order is canceled and confirmed, then the engine's books are compared with the exchange's.
/// </summary>
public static class PaperRunner
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static async Task<PaperResult> RunAsync(PaperRequest request, CancellationToken cancellation = default)
    {
        var config = EngineConfig.Load(request.ConfigFiles);
        var settings = SimulationSettings.From(config, "hocon/engine.conf");
        var parameters = StrategyConfigReader.Read(request.StrategyFile);
        string dataDir = request.DataDir ?? settings.DataDir;
        string runId = request.RunId ?? $"paper-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        string market = parameters.Market;

        await using var sandbox = await SandboxServer.StartNewAsync(new SandboxServerOptions
        {
            Port = 0,
            SyntheticSeed = request.Seed,
            SyntheticMarket = market,
        }, cancellation);
        var starkKey = NewStarkKey();
        var account = await sandbox.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = starkKey.PublicKey.ToHex(), Collateral = settings.StartingCollateral });
        var credentials = new DydxCredentials(account.ApiKey.Key, account.ApiKey.Secret, account.ApiKey.Passphrase, starkKey.ExportHex(), account.AccountNumber);

        var systemConfig = EngineConfig.ForActorSystem(config, dataDir);
        SqliteSetup.EnableWriteAheadLog(systemConfig);
        var system = ActorSystem.Create("engine", systemConfig);
        DydxRestClient? rest = null;
        DydxStreamConnection? marketData = null, accountData = null;
        using var stopStreams = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task accountPump = Task.CompletedTask;
        try
        {
            var plan = new LivePlan(runId, parameters, new DydxVenueSettings(sandbox.Options.NetworkId, (ulong)account.PositionId, request.LimitFee),
                settings.StartingCollateral, settings.TickInterval, request.ReconcileInterval, settings.SnapshotEvery, ClientIdPrefix: 1);
            var supervisor = system.ActorOf(LiveSupervisor.Props(plan, credentials, restFactory: signer =>
                rest = new DydxRestClient(new DydxRestOptions { BaseUri = sandbox.BaseUrl }, authenticator: new SignerRequestAuthenticator(signer, TimeSpan.FromSeconds(5)))), "live");
            var actors = await supervisor.Ask<LiveActorRefs>(GetLiveActors.Instance, AskTimeout, cancellation);
            await rest!.InitializeAsync(cancellation);

            // Public market data: WebSocket → tick batches → the book, with backpressure to the socket read.
            marketData = new DydxStreamConnection(new DydxStreamOptions { Uri = sandbox.WebSocketUrl });
            marketData.Start();
            await marketData.SubscribeAsync(StreamSubscription.Markets(), cancellation);
            await marketData.SubscribeAsync(StreamSubscription.Orderbook(market), cancellation);
            await marketData.SubscribeAsync(StreamSubscription.Trades(market), cancellation);
            LiveFeedSource.Batches(marketData, new LiveBatchingOptions { TickInterval = settings.TickInterval })
                .To(Sink.ActorRefWithAck<FrameBatch>(actors.Book, StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e)))
                .Run(system.Materializer());

            // Our orders and fills: the authenticated v3_accounts stream → the venue.
            accountData = new DydxStreamConnection(new DydxStreamOptions { Uri = sandbox.WebSocketUrl }, new SignerRequestAuthenticator(actors.Signer, TimeSpan.FromSeconds(5)), rest.Clock);
            accountData.Start();
            await accountData.SubscribeAsync(StreamSubscription.Accounts(account.AccountNumber), cancellation);
            accountPump = PumpAccountStream(accountData, actors.Venue, stopStreams.Token);
            var faults = request.Faults?.Invoke(sandbox, stopStreams.Token) ?? Task.CompletedTask;

            try { await Task.Delay(request.Duration, cancellation); }
            catch (OperationCanceledException) { } // Ctrl+C: shut down properly below
            await faults;
            sandbox.Faults.Clear();

            // Shutdown: no new quotes, cancel everything, confirm, then make sure the venue holds nothing of ours.
            await supervisor.Ask<Akka.Done>(StopQuoting.Instance, AskTimeout);
            var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            var canceled = await actors.Orders.Ask<AllOrdersCanceled>(new CancelAllOrders(now), AskTimeout);
            await actors.Venue.Ask<EverythingCanceled>(new CancelEverything(market), AskTimeout);
            await actors.Venue.Ask<OrdersReconciled>(new ReconcileOrders(market), AskTimeout);

            var orders = await actors.Orders.Ask<OrderState>(GetOrderState.Instance, AskTimeout);
            var engineView = await actors.Account.Ask<AccountReport>(new GetAccountReport(market), AskTimeout);
            var venueFills = await rest.GetFillsAsync(new Engine.Dydx.Rest.Models.FillsQuery { Market = market, Limit = 100 });
            var venueOpen = await rest.GetActiveOrdersAsync(market);
            var venuePositions = await rest.GetPositionsAsync(new Engine.Dydx.Rest.Models.PositionsQuery { Market = market });
            return new PaperResult(runId, market, orders.Ledger, engineView, canceled.Count, venueFills, venueOpen.Count,
                venuePositions.FirstOrDefault(p => p.Status == Engine.Dydx.Rest.Models.PositionStatus.Open)?.Size ?? 0m,
                marketData.Counters, sandbox.Options.NetworkId);
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

    private static StarkPrivateKey NewStarkKey()
    {
        // 31 random bytes: below 2^248, so always a valid key (the curve order is about 2^251).
        Span<byte> bytes = stackalloc byte[31];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] |= 1;
        return StarkPrivateKey.ParseHex(Convert.ToHexStringLower(bytes));
    }
}

/// <summary>What `engine paper` was asked to do.</summary>
public sealed record PaperRequest(
    string StrategyFile,
    TimeSpan Duration,
    ulong Seed = 1,
    IReadOnlyList<string>? ConfigFiles = null,
    string? DataDir = null,
    string? RunId = null,
    decimal LimitFee = 0.0015m,
    TimeSpan ReconcileInterval = default)
{
    public TimeSpan ReconcileInterval { get; init; } = ReconcileInterval == default ? TimeSpan.FromSeconds(5) : ReconcileInterval;

    /// <summary>Tests: injects sandbox faults while the engine trades (dropped sockets, 5xx storms, stalls...).</summary>
    public Func<SandboxServer, CancellationToken, Task>? Faults { get; init; }
}
