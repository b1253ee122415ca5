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
/// A run interrupted by a crash is resumed with <see cref="ResumeAsync"/>: same inputs (from its manifest), the
/// journal re-derived and checked, and the same final report as if it had never stopped.
/// </summary>
public static class SimulationRunner
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static Task<SimulationResult> RunAsync(SimulationRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        RunCoreAsync(request, resume: false, progress, cancellation);

    /// <summary>Resumes run <paramref name="runId"/> from its journal in <paramref name="dataDir"/> (default: engine.data-dir).</summary>
    public static Task<SimulationResult> ResumeAsync(string runId, string? dataDir = null, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        dataDir ??= SimulationSettings.From(EngineConfig.Load(null), "hocon/engine.conf").DataDir;
        var manifest = RunManifest.Load(dataDir, runId);
        return RunCoreAsync(manifest.ToRequest(dataDir), resume: true, progress, cancellation);
    }

    private static async Task<SimulationResult> RunCoreAsync(SimulationRequest request, bool resume, IProgress<double>? progress, CancellationToken cancellation)
    {
        var config = EngineConfig.Load(request.ConfigFiles);
        var settings = SimulationSettings.From(config, "hocon/engine.conf");
        var parameters = StrategyConfigReader.Read(request.StrategyFile);
        string runId = request.RunId ?? NewRunId();
        string dataDir = request.DataDir ?? settings.DataDir;
        settings = settings with { DataDir = dataDir };
        string outputDir = request.OutputDir ?? Path.Combine(dataDir, "runs", runId);
        if (!resume)
        {
            if (File.Exists(RunManifest.PathFor(dataDir, runId)))
                throw new ConfigurationException(RunManifest.PathFor(dataDir, runId), "run id", $"run '{runId}' already exists in {dataDir}",
                    $"resume it with `engine sim --resume {runId}`, or choose another run id");
        }

        using var reader = RecordingReader.Open(request.RecordingPath);
        // Written before the first event is journaled: whatever happens next, the run can be resumed.
        if (!resume) RunManifest.For(runId, request, outputDir).Save(dataDir);
        var systemConfig = EngineConfig.ForActorSystem(config, dataDir);
        SqliteSetup.EnableWriteAheadLog(systemConfig);

        var stopwatch = Stopwatch.StartNew();
        var system = ActorSystem.Create("engine", systemConfig);
        try
        {
            var plan = new SimulationPlan(runId, settings, parameters, StallTimeout: TimeSpan.FromSeconds(60), resume);
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
            ReportWriter.Write(outputDir, runId, report, fills, performance);
            return new SimulationResult(runId, report, fills, performance, outputDir);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped without the shutdown cancel-all: the journal holds the run up to here, so it can be resumed.
            throw new SimulationInterruptedException(runId, dataDir);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string NewRunId() => $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
}
