using Engine.Core.Orders;
using Engine.Recording;
using Engine.Recording.Synthetic;
using Engine.Runtime.Hosting;
using Engine.Runtime.Reports;
using Engine.Runtime.Simulation;
using Engine.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>The real engine, end to end: recording stream → actors → SQLite journal → report.</summary>
public sealed class SimulationEndToEndTests
{
    private static string Sample => SharedData.Repo("src", "Engine.Cli", "samples", "btc-usd-2022-05.rec.gz");

    internal static string Synthetic(string dir, ulong seed, int minutes)
    {
        string path = Path.Combine(dir, $"synthetic-{seed}.rec.gz");
        var options = new SyntheticFeedOptions { Seed = seed, Duration = TimeSpan.FromMinutes(minutes) };
        using var writer = RecordingWriter.Create(path, SyntheticFeed.Metadata(options));
        new SyntheticFeed(options).WriteTo(writer);
        return path;
    }

    [Fact]
    public async Task Bundled_real_sample_runs_through_the_pipeline_and_leaves_no_order_open()
    {
        string dir = TestConfigs.TempDir();
        var result = await SimulationRunner.RunAsync(new SimulationRequest(Sample, EngineConfig.DefaultStrategyFile, DataDir: dir, OutputDir: Path.Combine(dir, "out")));
        var r = result.Report;
        Assert.Equal(1097, r.Frames);
        Assert.False(r.SyntheticData);
        Assert.True(r.OrdersSubmitted > 0, "the strategy quoted");
        Assert.Equal(0, r.MalformedFrames);
        Assert.Equal(0, r.OrdersOpenAtEnd); // cancel-all on shutdown left nothing resting
        Assert.True(File.Exists(Path.Combine(dir, "out", "summary.json")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "fills.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "engine.db")));
    }

    [Fact]
    public async Task Synthetic_run_fills_orders_and_the_books_balance()
    {
        string dir = TestConfigs.TempDir();
        string recording = Synthetic(dir, seed: 5, minutes: 20);
        var result = await SimulationRunner.RunAsync(new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, DataDir: dir));
        var r = result.Report;
        Assert.True(r.SyntheticData);
        Assert.True(r.Fills > 0, "quotes were filled");
        Assert.True(r.MakerFills > 0);
        // Every fill is on tick and step, and the fee is exactly size × price × maker rate.
        foreach (var f in result.Fills)
        {
            Assert.Equal(0, f.Price.Units % 1_000_000_000L);
            Assert.Equal(0, f.Size.Units % 100_000L);
            if (f.Liquidity == Liquidity.Maker) Assert.Equal(f.Size.Notional(f.Price) * 0.0005m, f.Fee);
        }
        // Accounting identity: equity change = net P&L.
        Assert.Equal(r.FinalEquity - r.StartingEquity, r.NetPnl);
    }

    [Fact]
    public async Task Same_recording_config_and_seed_give_identical_reports_fills_and_journals()
    {
        string dir = TestConfigs.TempDir();
        string recording = Synthetic(dir, seed: 9, minutes: 10);
        var a = await SimulationRunner.RunAsync(new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, Seed: 1, DataDir: Path.Combine(dir, "a"), RunId: "run"));
        var b = await SimulationRunner.RunAsync(new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, Seed: 1, DataDir: Path.Combine(dir, "b"), RunId: "run"));
        Assert.Equal(a.Report, b.Report);
        Assert.Equal(ReportWriter.FillsCsv(a.Fills), ReportWriter.FillsCsv(b.Fills));
        Assert.True(a.Report.Fills > 0);
        Assert.Equal(JournalOf(Path.Combine(dir, "a")), JournalOf(Path.Combine(dir, "b")));
    }

    /// <summary>Every journaled event, in order, per persistence id: manifest and payload.</summary>
    internal static List<string> JournalOf(string dataDir)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "engine.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, manifest, message FROM journal ORDER BY persistence_id, sequence_number";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add($"{reader.GetString(0)}#{reader.GetInt64(1)} {reader.GetString(2)} {Convert.ToHexString((byte[])reader[3])}");
        Assert.NotEmpty(rows);
        return rows;
    }
}
