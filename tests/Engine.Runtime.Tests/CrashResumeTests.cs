using Akka.Actor;
using Akka.Configuration;
using Engine.Core.Orders;
using Engine.Runtime.Account;
using Engine.Runtime.Hosting;
using Engine.Runtime.Orders;
using Engine.Runtime.Persistence;
using Engine.Runtime.Reports;
using Engine.Runtime.Simulation;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>
/// A simulation whose actor system is stopped abruptly part-way (no cancel-all, no report) recovers its orders,
/// position and realized P&amp;L exactly from the SQLite journal, and a resume completes with the same report and
/// the same journal as a run that was never interrupted.
/// </summary>
public sealed class CrashResumeTests
{
    private const string Market = "BTC-USD";
    private const string RunId = "run";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("behind")]
    [InlineData("through")]
    public async Task Abrupt_stop_mid_run_recovers_exactly_and_the_resumed_run_ends_like_an_uninterrupted_one(string journalWrites)
    {
        string dir = TestConfigs.TempDir();
        // Long enough that the runner's progress reports (every 200 ms) catch the run well before its end.
        string recording = SimulationEndToEndTests.Synthetic(dir, seed: 21, minutes: 90);
        string whole = Path.Combine(dir, "whole"), crashed = Path.Combine(dir, "crashed");
        string config = Path.Combine(dir, "journal.conf");
        File.WriteAllText(config, $"engine.simulation.journal-writes = {journalWrites}\n");
        var request = new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, Seed: 3, ConfigFiles: [config], RunId: RunId);

        var uninterrupted = await SimulationRunner.RunAsync(request with { DataDir = whole, OutputDir = Path.Combine(whole, "out") });
        var wholeJournal = Journal(whole);

        // Stop the actor system once a third of the recording has gone through.
        using var stop = new CancellationTokenSource();
        var interrupted = await Assert.ThrowsAsync<SimulationInterruptedException>(() => SimulationRunner.RunAsync(
            request with { DataDir = crashed, OutputDir = Path.Combine(crashed, "out") },
            new ImmediateProgress(p => { if (p >= 0.33) stop.Cancel(); }), stop.Token));
        Assert.Equal(RunId, interrupted.RunId);

        // What the interrupted run journaled is exactly the start of the uninterrupted run's journal...
        var crashedJournal = Journal(crashed);
        var ordersId = $"orders-{RunId}-{Market}";
        var accountId = $"account-{RunId}";
        int orderEvents = crashedJournal.Count(r => r.PersistenceId == ordersId);
        int accountEvents = crashedJournal.Count(r => r.PersistenceId == accountId);
        Assert.True(orderEvents > 0 && accountEvents > 0, "the run was stopped after it had journaled orders and fills");
        Assert.True(orderEvents < wholeJournal.Count(r => r.PersistenceId == ordersId), "the run was stopped before its end");
        foreach (var id in new[] { ordersId, accountId })
            Assert.Equal(wholeJournal.Where(r => r.PersistenceId == id).Take(crashedJournal.Count(r => r.PersistenceId == id)),
                         crashedJournal.Where(r => r.PersistenceId == id));

        // ...and the actors recover from it (snapshot + events) exactly the state those events describe.
        await AssertRecoveredExactly(crashed, wholeJournal, ordersId, orderEvents, accountId, accountEvents);

        var resumed = await SimulationRunner.ResumeAsync(RunId, crashed);
        Assert.Equal(uninterrupted.Report, resumed.Report);
        Assert.Equal(ReportWriter.FillsCsv(uninterrupted.Fills), ReportWriter.FillsCsv(resumed.Fills));
        Assert.Equal(0, resumed.Report.OrdersOpenAtEnd);
        Assert.Equal(wholeJournal, Journal(crashed));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "out", "summary.json")), File.ReadAllText(Path.Combine(crashed, "out", "summary.json")));
    }

    [Fact]
    public async Task Resuming_with_a_different_recording_is_refused_with_the_divergence()
    {
        string dir = TestConfigs.TempDir();
        string recording = SimulationEndToEndTests.Synthetic(dir, seed: 22, minutes: 10);
        string other = SimulationEndToEndTests.Synthetic(dir, seed: 23, minutes: 10);
        await SimulationRunner.RunAsync(new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, DataDir: dir, RunId: RunId));

        // Point the run's manifest at another recording: the replay derives other events than the journal holds.
        string manifest = RunManifest.PathFor(dir, RunId);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(Path.GetFileName(recording), Path.GetFileName(other)));
        var failure = await Assert.ThrowsAsync<SimulationFailedException>(() => SimulationRunner.ResumeAsync(RunId, dir));
        Assert.IsType<JournalDivergedException>(failure.InnerException);
    }

    [Fact]
    public async Task A_new_run_may_not_reuse_the_id_of_an_existing_one()
    {
        string dir = TestConfigs.TempDir();
        string recording = SimulationEndToEndTests.Synthetic(dir, seed: 24, minutes: 2);
        var request = new SimulationRequest(recording, EngineConfig.DefaultStrategyFile, DataDir: dir, RunId: RunId);
        await SimulationRunner.RunAsync(request);
        var e = await Assert.ThrowsAsync<Engine.Runtime.Hosting.ConfigurationException>(() => SimulationRunner.RunAsync(request));
        Assert.Contains("--resume run", e.Message);
    }

    private static async Task AssertRecoveredExactly(string dataDir, List<JournalRow> reference, string ordersId, int orderEvents, string accountId, int accountEvents)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(EngineConfig.ForActorSystem(EngineConfig.Load(), dataDir));
        using var system = ActorSystem.Create("recovery", config);
        try
        {
            var settings = SimulationSettings.From(EngineConfig.Load(), "hocon/engine.conf");
            var expectedLedger = new OrderLedger();
            foreach (var row in reference.Where(r => r.PersistenceId == ordersId).Take(orderEvents))
                expectedLedger.Apply((OrderEvent)row.Deserialize(system));
            var expectedAccount = AccountState.Create(settings.StartingCollateral);
            foreach (var row in reference.Where(r => r.PersistenceId == accountId).Take(accountEvents))
                expectedAccount = expectedAccount.Apply(row.Deserialize(system));

            var nobody = system.DeadLetters;
            var orders = system.ActorOf(OrderManagerActor.Props(ordersId, Market, nobody, nobody, journal: settings.Journal));
            var account = system.ActorOf(AccountActor.Props(accountId, settings.StartingCollateral, settings.Journal));
            var recoveredOrders = await orders.Ask<OrderState>(GetOrderState.Instance, Timeout);
            var recoveredAccount = await account.Ask<AccountReport>(new GetAccountReport(Market), Timeout);

            var serializer = system.Serialization.FindSerializerForType(typeof(OrderLedgerSnapshot));
            Assert.Equal(serializer.ToBinary(expectedLedger.ToSnapshot()), serializer.ToBinary(recoveredOrders.Ledger));
            Assert.True(expectedLedger.All.Count > 0);
            var expected = expectedAccount.Report(Market);
            Assert.Equal(expected.Position, recoveredAccount.Position);
            Assert.Equal(expected.RealizedPnl, recoveredAccount.RealizedPnl);
            Assert.Equal(expected.Fees, recoveredAccount.Fees);
            Assert.Equal(expected.Funding, recoveredAccount.Funding);
            Assert.Equal(expected.Equity, recoveredAccount.Equity);
            Assert.Equal(expected.Fills.Select(f => f.FillId), recoveredAccount.Fills.Select(f => f.FillId));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed record JournalRow(string PersistenceId, long Sequence, string Manifest, string Hex)
    {
        public object Deserialize(ActorSystem system) => system.Serialization.Deserialize(Convert.FromHexString(Hex), EngineSerializer.Id, Manifest);
    }

    private static List<JournalRow> Journal(string dataDir)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "engine.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, manifest, message FROM journal ORDER BY persistence_id, sequence_number";
        using var reader = command.ExecuteReader();
        var rows = new List<JournalRow>();
        while (reader.Read())
            rows.Add(new JournalRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), Convert.ToHexString((byte[])reader[3])));
        return rows;
    }
}
