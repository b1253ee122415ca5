using Akka.Configuration;
using Engine.Runtime.Persistence;

namespace Engine.Runtime.Hosting;

/// <summary>The engine.* keys a simulation needs, validated at start-up.</summary>
public sealed record SimulationSettings(
    string DataDir,
    TimeSpan TickInterval,
    int MaxBatchFrames,
    int StreamBuffer,
    decimal MakerFee,
    decimal TakerFee,
    decimal StartingCollateral,
    string QueueModel,
    int QueuePower,
    JournalOptions Journal)
{
    public int SnapshotEvery => Journal.SnapshotEvery;

    public static SimulationSettings From(Config config, string file)
    {
        var engine = new HoconReader(config, file, "engine");
        var sim = engine.Section("simulation");
        var venue = sim.Section("venue");
        return new SimulationSettings(
            DataDir: Environment.GetEnvironmentVariable("ENGINE_DATA_DIR") is { Length: > 0 } env ? env : engine.String("data-dir"),
            TickInterval: sim.Duration("tick-interval", TimeSpan.FromMilliseconds(1)),
            MaxBatchFrames: sim.Int("max-batch-frames", 1, 1_000_000),
            StreamBuffer: sim.Int("stream-buffer", 1, 1_000_000),
            MakerFee: venue.Decimal("maker-fee", -0.01m, 0.1m),
            TakerFee: venue.Decimal("taker-fee", -0.01m, 0.1m),
            StartingCollateral: venue.Decimal("starting-collateral", 0m, 1_000_000_000_000m),
            QueueModel: venue.Enum("queue-model", new Dictionary<string, string> { ["probabilistic"] = "probabilistic", ["risk-averse"] = "risk-averse" }),
            QueuePower: venue.Int("queue-power", 1, 10),
            Journal: new JournalOptions(
                sim.Enum("journal-writes", new Dictionary<string, JournalWrites> { ["behind"] = JournalWrites.Behind, ["through"] = JournalWrites.Through }),
                sim.Int("snapshot-every-events", 1, 10_000_000),
                sim.Int("max-unwritten-events", 1, 10_000_000)));
    }
}
