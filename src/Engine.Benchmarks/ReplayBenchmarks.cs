using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Engine.Recording;
using Engine.Recording.Synthetic;
using Engine.Runtime.Hosting;
using Engine.Runtime.Simulation;

namespace Engine.Benchmarks;

/// <summary>
/// End-to-end replay of the whole pipeline (recording stream → feed → venue + book → strategy → order manager
/// → account, SQLite journal) over a synthetic one-market recording. Reported per frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ReplayBenchmarks
{
    public const int Minutes = 60;
    private string _recording = "";
    private string _dir = "";
    private long _frames;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "engine-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        _recording = Path.Combine(_dir, "synthetic.rec");
        var options = new SyntheticFeedOptions { Seed = 11, Duration = TimeSpan.FromMinutes(Minutes), MeanFrameGap = TimeSpan.FromMilliseconds(5) };
        using var writer = RecordingWriter.Create(_recording, SyntheticFeed.Metadata(options));
        _frames = new SyntheticFeed(options).WriteTo(writer);
        Console.WriteLine($"// replay benchmark recording: {_frames:N0} frames");
    }

    [Benchmark]
    public long ReplaySyntheticHour()
    {
        var result = SimulationRunner.RunAsync(new SimulationRequest(
            _recording, EngineConfig.DefaultStrategyFile, DataDir: Path.Combine(_dir, Guid.NewGuid().ToString("N")))).GetAwaiter().GetResult();
        Console.WriteLine($"// {result.Report.Frames:N0} frames in {result.Performance.WallSeconds:0.000} s = {result.Performance.FramesPerSecond:N0} frames/s, {result.Report.Fills} fills");
        return result.Report.Fills;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);
}
