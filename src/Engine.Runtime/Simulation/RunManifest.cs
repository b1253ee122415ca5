using System.Security.Cryptography;
using System.Text.Json;
using Engine.Runtime.Hosting;

namespace Engine.Runtime.Simulation;

/// <summary>
/// What a run was started with, written to &lt;data-dir&gt;/runs/&lt;run-id&gt;/run.json before its first event is
/// journaled, so an interrupted run can be resumed with exactly the same inputs (`engine sim --resume RUN-ID`).
/// The strategy file's hash guards against resuming with an edited strategy.
/// </summary>
public sealed record RunManifest(
    string RunId,
    string RecordingPath,
    string StrategyFile,
    string StrategySha256,
    ulong Seed,
    IReadOnlyList<string> ConfigFiles,
    string OutputDir)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string PathFor(string dataDir, string runId) => Path.Combine(dataDir, "runs", runId, "run.json");

    public static RunManifest For(string runId, SimulationRequest request, string outputDir) => new(
        runId,
        Path.GetFullPath(request.RecordingPath),
        Path.GetFullPath(request.StrategyFile),
        Sha256Of(request.StrategyFile),
        request.Seed,
        [.. (request.ConfigFiles ?? []).Select(Path.GetFullPath)],
        Path.GetFullPath(outputDir));

    public void Save(string dataDir)
    {
        string path = PathFor(dataDir, RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static RunManifest Load(string dataDir, string runId)
    {
        string path = PathFor(dataDir, runId);
        if (!File.Exists(path))
            throw new ConfigurationException(path, "--resume", $"there is no run '{runId}' in data folder {dataDir}", "give a run id from <data-dir>/runs and the --data-dir the run used");
        var manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
            ?? throw new ConfigurationException(path, "run.json", "the run manifest is empty", "start a new run");
        if (!File.Exists(manifest.StrategyFile))
            throw new ConfigurationException(manifest.StrategyFile, "strategy", $"the strategy file of run '{runId}' is gone", "restore it, or start a new run");
        if (Sha256Of(manifest.StrategyFile) != manifest.StrategySha256)
            throw new ConfigurationException(manifest.StrategyFile, "strategy", $"the file changed since run '{runId}' began", "restore the original file, or start a new run");
        return manifest;
    }

    public SimulationRequest ToRequest(string dataDir) =>
        new(RecordingPath, StrategyFile, Seed, OutputDir, ConfigFiles, dataDir, RunId);

    private static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
}
