namespace Engine.Runtime.Simulation;

/// <summary>What `engine sim` was asked to do.</summary>
public sealed record SimulationRequest(
    string RecordingPath,
    string StrategyFile,
    ulong Seed = 0,
    string? OutputDir = null,
    IReadOnlyList<string>? ConfigFiles = null,
    string? DataDir = null,
    string? RunId = null);

/// <summary>A finished run: the deterministic report, its fills, the performance and where files went.</summary>
public sealed record SimulationResult(
    string RunId,
    Reports.SimulationReport Report,
    IReadOnlyList<Core.Orders.Fill> Fills,
    Reports.RunPerformance Performance,
    string OutputDir);

/// <summary>The run could not complete (feed failed, venue crashed, stalled). The message says why.</summary>
public sealed class SimulationFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The run was stopped before it finished; it can be resumed from its journal.</summary>
public sealed class SimulationInterruptedException(string runId, string dataDir)
    : Exception($"run '{runId}' interrupted; continue it with `engine sim --resume {runId} --data-dir {dataDir}`")
{
    public string RunId { get; } = runId;
}
