using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Recording;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Feed;
using Engine.Runtime.Hosting;
using Engine.Runtime.Orders;
using Engine.Runtime.Reports;

namespace Engine.Runtime.Simulation;

/// <summary>
/// Runs one simulation through the real actor pipeline: loads and validates configuration, opens the recording
/// as an Akka.Streams source with backpressure, waits for the feed to finish, cancels every order (as on a live
/// shutdown), then gathers the report. The actor system is always terminated, also on failure.
/// </summary>
public static class SimulationRunner
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static async Task<SimulationResult> RunAsync(SimulationRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var config = EngineConfig.Load(request.ConfigFiles);
        var settings = SimulationSettings.From(config, "hocon/engine.conf");
        var parameters = StrategyConfigReader.Read(request.StrategyFile);
        string runId = request.RunId ?? NewRunId();
        string dataDir = request.DataDir ?? settings.DataDir;
        settings = settings with { DataDir = dataDir };

        using var reader = RecordingReader.Open(request.RecordingPath);
        var systemConfig = EngineConfig.ForActorSystem(config, dataDir);
        SqliteSetup.EnableWriteAheadLog(systemConfig);

        var stopwatch = Stopwatch.StartNew();
        var system = ActorSystem.Create("engine", systemConfig);
        try
        {
            var plan = new SimulationPlan(runId, settings, parameters, StallTimeout: TimeSpan.FromSeconds(60));
            var simulation = system.ActorOf(SimulationSupervisor.Props(plan), "simulation");
            var market = await simulation.Ask<MarketActorRefs>(GetMarketActors.Instance, AskTimeout, cancellation);
            var account = await simulation.Ask<IActorRef>(GetAccountRef.Instance, AskTimeout, cancellation);
            var completion = simulation.Ask<object>(AwaitCompletion.Instance, TimeSpan.FromDays(30), cancellation);

            Source.From(RecordingBatches.Read(reader, settings.TickInterval, settings.MaxBatchFrames))
                .WithAttributes(ActorAttributes.CreateDispatcher("akka.actor.default-blocking-io-dispatcher"))
                .Async()
                .Buffer(settings.StreamBuffer, OverflowStrategy.Backpressure)
                .To(Sink.ActorRefWithAck<FrameBatch>(market.Feed, StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e)))
                .Run(system.Materializer());

            using var progressTimer = progress is null ? null : new Timer(_ => progress.Report(reader.Progress), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
            var outcome = await completion;
            if (outcome is FeedFailed failed)
                throw new SimulationFailedException($"simulation of {failed.Market} failed: {failed.Cause.Message}", failed.Cause);
            var done = (FeedCompleted)outcome;
            progress?.Report(1.0);
            var end = done.LastTime ?? new Timestamp(0);

            // Shutdown as a live engine would: nothing may be left resting at the venue.
            await market.Orders.Ask<AllOrdersCanceled>(new CancelAllOrders(end), AskTimeout, cancellation);

            var orders = await market.Orders.Ask<OrderState>(GetOrderState.Instance, AskTimeout, cancellation);
            var accountReport = await account.Ask<AccountReport>(new GetAccountReport(parameters.Market), AskTimeout, cancellation);
            var book = await market.Book.Ask<BookStatistics>(GetBookStatistics.Instance, AskTimeout, cancellation);
            stopwatch.Stop();

            if (reader.MalformedLines > 0)
                system.Log.Warning("{0}: {1} damaged recording lines skipped; first: {2}", request.RecordingPath, reader.MalformedLines, reader.FirstError);

            var report = ReportBuilder.Build(parameters.Market, request, reader.IsSynthetic, done, orders.Ledger, accountReport, book, reader.MalformedLines);
            var performance = new RunPerformance(stopwatch.Elapsed.TotalSeconds, done.Frames / Math.Max(1e-9, stopwatch.Elapsed.TotalSeconds));
            var fills = accountReport.Fills;
            string outputDir = request.OutputDir ?? Path.Combine(dataDir, "runs", runId);
            ReportWriter.Write(outputDir, runId, report, fills, performance);
            return new SimulationResult(runId, report, fills, performance, outputDir);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string NewRunId() => $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
}
