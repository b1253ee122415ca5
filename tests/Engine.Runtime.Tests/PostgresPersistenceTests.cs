using Engine.Runtime.Hosting;
using Engine.Runtime.Reports;
using Engine.Runtime.Simulation;
using Engine.TestSupport;
using Npgsql;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>
/// PostgreSQL instead of SQLite by configuration alone (hocon/persistence-postgres.conf plus a connection string):
/// a run interrupted part-way resumes from the PostgreSQL journal to the report of an uninterrupted SQLite run,
/// and both journals hold the same events. `./run.sh test` starts a private server and sets ENGINE_TEST_PG.
/// </summary>
public sealed class PostgresPersistenceTests
{
    private static string Server => Environment.GetEnvironmentVariable("ENGINE_TEST_PG") is { Length: > 0 } pg ? pg
        : throw new InvalidOperationException("ENGINE_TEST_PG is not set: run the tests with ./run.sh test, which starts a private PostgreSQL server (or set it to a server's connection string)");

    [Fact]
    public async Task Interrupted_run_resumes_on_PostgreSQL_to_the_same_report_and_journal_as_on_SQLite()
    {
        string server = Server;
        string dir = TestConfigs.TempDir();
        string recording = SimulationEndToEndTests.Synthetic(dir, seed: 41, minutes: 15);
        string runId = "pg-" + Guid.NewGuid().ToString("N")[..8]; // the server outlives test runs
        string postgres = Path.Combine(dir, "postgres.conf");
        File.WriteAllText(postgres, $"""
            akka.persistence.journal.sql.connection-string = "{server}"
            akka.persistence.snapshot-store.sql.connection-string = "{server}"
            """);
        var onSqlite = await SimulationRunner.RunAsync(new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, DataDir: Path.Combine(dir, "sqlite"), RunId: runId));

        using var stop = new CancellationTokenSource();
        var request = new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, DataDir: Path.Combine(dir, "pg"), RunId: runId,
            ConfigFiles: [SharedData.Repo("hocon", "persistence-postgres.conf"), postgres]);
        await Assert.ThrowsAsync<SimulationInterruptedException>(() =>
            SimulationRunner.RunAsync(request, new ImmediateProgress(p => { if (p >= 0.4) stop.Cancel(); }), stop.Token));
        Assert.NotEmpty(Journal(server, runId));
        Assert.False(File.Exists(Path.Combine(dir, "pg", "engine.db")), "nothing went to SQLite");

        var resumed = await SimulationRunner.ResumeAsync(runId, Path.Combine(dir, "pg"));
        Assert.Equal(onSqlite.Report, resumed.Report);
        Assert.Equal(ReportWriter.FillsCsv(onSqlite.Fills), ReportWriter.FillsCsv(resumed.Fills));
        Assert.Equal(SimulationEndToEndTests.JournalOf(Path.Combine(dir, "sqlite")), Journal(server, runId));
    }

    private static List<string> Journal(string server, string runId)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT persistence_id, sequence_number, manifest, message FROM journal WHERE persistence_id LIKE @id ORDER BY persistence_id, sequence_number", connection);
        command.Parameters.AddWithValue("id", $"%-{runId}%");
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add($"{reader.GetString(0)}#{reader.GetInt64(1)} {reader.GetString(2)} {Convert.ToHexString((byte[])reader[3])}");
        return rows;
    }
}
