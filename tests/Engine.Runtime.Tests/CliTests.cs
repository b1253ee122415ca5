using System.Diagnostics;
using System.Text.Json;
using Engine.TestSupport;
using Xunit;

namespace Engine.Runtime.Tests;

/// <summary>The engine command as a user runs it: real process, exit codes, stdout/stderr.</summary>
public sealed class CliTests
{
    private static string EngineDll => Path.Combine(AppContext.BaseDirectory, "engine.dll");
    private static string Sample => SharedData.Repo("src", "Engine.Cli", "samples", "btc-usd-2022-05.rec.gz");

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(EngineDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunWith(null, null, args);

    private static (int Exit, string Out, string Err) RunWith(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(EngineDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "engine did not exit");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Book_json_prints_the_reconstructed_book_best_first()
    {
        var (exit, stdout, stderr) = Run("book", "--recording", Sample, "--market", "BTC-USD", "--depth", "3", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var bids = doc.RootElement.GetProperty("bids").EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!)).ToList();
        var asks = doc.RootElement.GetProperty("asks").EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!)).ToList();
        Assert.Equal(3, bids.Count);
        Assert.Equal(bids.OrderDescending(), bids);
        Assert.Equal(asks.Order(), asks);
        // The end of the real capture, as the independent replay in the book tests found it.
        Assert.Equal(30302m, bids[0]);
        Assert.Equal(30343m, asks[0]);
    }

    [Fact]
    public void Bad_strategy_configuration_names_the_file_and_key_and_exits_non_zero()
    {
        string strategy = Path.Combine(TestConfigs.TempDir(), "bad.conf");
        File.WriteAllText(strategy, File.ReadAllText(SharedData.Repo("hocon", "strategies", "default.conf")).Replace("order-levels = 2", "order-levels = zero"));
        var (exit, _, stderr) = Run("sim", "--recording", Sample, "--strategy", strategy, "--quiet", "--data-dir", TestConfigs.TempDir());
        Assert.Equal(2, exit);
        Assert.Contains("strategy.order-levels", stderr);
        Assert.Contains("bad.conf", stderr);
    }

    [Fact]
    public void A_plain_frames_file_is_refused_as_a_recording_with_a_hint()
    {
        var (exit, _, stderr) = Run("book", "--recording", SharedData.Repo("src", "Engine.Cli", "samples", "btc-usd-2022-05.frames.jsonl"), "--market", "BTC-USD");
        Assert.Equal(2, exit);
        Assert.Contains("recording import", stderr);
    }

    [Fact]
    public async Task A_killed_simulation_resumes_to_the_report_of_an_uninterrupted_run()
    {
        string dir = TestConfigs.TempDir();
        string recording = Path.Combine(dir, "feed.rec.gz");
        string strategy = SharedData.Repo("hocon", "strategies", "default.conf");
        Assert.Equal(0, Run("recording", "synth", "--out", recording, "--seed", "31", "--minutes", "30").Exit);
        string whole = Path.Combine(dir, "whole"), killed = Path.Combine(dir, "killed");

        var (exit, _, stderr) = Run("sim", "--recording", recording, "--strategy", strategy, "--run-id", "r1", "--data-dir", whole, "--quiet");
        Assert.True(exit == 0, stderr);

        // SIGKILL once the run has journaled a few hundred events: no shutdown code runs at all.
        using (var victim = Start("sim", "--recording", recording, "--strategy", strategy, "--run-id", "r1", "--data-dir", killed, "--quiet"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (JournalRows(killed) < 300 && !victim.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.False(victim.HasExited, "the run ended before it could be killed");
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync();
        }
        Assert.False(File.Exists(Path.Combine(killed, "runs", "r1", "summary.json")));

        (exit, var stdout, stderr) = Run("sim", "--resume", "r1", "--data-dir", killed, "--quiet");
        Assert.True(exit == 0, stderr);
        Assert.Contains("net P&L", stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "runs", "r1", "summary.json")), File.ReadAllText(Path.Combine(killed, "runs", "r1", "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "runs", "r1", "fills.csv")), File.ReadAllText(Path.Combine(killed, "runs", "r1", "fills.csv")));
    }

    [Fact]
    public void Sim_needs_a_recording_and_strategy_or_a_run_to_resume()
    {
        var (exit, _, stderr) = Run("sim", "--quiet");
        Assert.NotEqual(0, exit);
        Assert.Contains("--resume", stderr);
        (exit, _, stderr) = Run("sim", "--resume", "nope", "--data-dir", TestConfigs.TempDir());
        Assert.Equal(2, exit);
        Assert.Contains("no run 'nope'", stderr);
    }

    private static long JournalRows(string dataDir)
    {
        string db = Path.Combine(dataDir, "engine.db");
        if (!File.Exists(db)) return 0;
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM journal";
            return (long)command.ExecuteScalar()!;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // not created yet
        }
    }

    [Fact]
    public void Dydx_sign_order_reproduces_every_published_order_vector_in_input_order()
    {
        using var kat = JsonDocument.Parse(File.ReadAllText(SharedData.Shared("data", "dydx-v3", "kat.json")));
        var lines = new List<string>();
        var expected = new List<string>();
        foreach (var vector in kat.RootElement.GetProperty("order").EnumerateArray())
        {
            var i = vector.GetProperty("input");
            lines.Add(JsonSerializer.Serialize(new
            {
                networkId = i.GetProperty("networkId").GetInt32(),
                starkPrivateKey = i.GetProperty("starkPrivateKey").GetString(),
                positionId = i.GetProperty("positionId").GetString(),
                market = i.GetProperty("market").GetString(),
                side = i.GetProperty("side").GetString(),
                size = i.GetProperty("humanSize").GetString(),
                price = i.GetProperty("humanPrice").GetString(),
                limitFee = i.GetProperty("limitFee").GetString(),
                clientId = i.GetProperty("clientId").GetString(),
                expiration = i.GetProperty("expirationIsoTimestamp").GetString(),
            }));
            expected.Add(vector.GetProperty("expected").GetProperty("signature").GetString()!);
        }
        // An order whose size is finer than the market's quantum cannot be represented.
        lines.Insert(2, lines[0].Replace("\"145.0005\"", "\"0.0000000001\""));
        var (exit, stdout, stderr) = RunWith(string.Join('\n', lines) + "\n", null, "dydx", "sign-order");

        Assert.Equal(1, exit);
        Assert.Contains("1 order(s) could not be signed", stderr);
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(lines.Count, results.Count);
        Assert.True(results[2].TryGetProperty("error", out _));
        results.RemoveAt(2);
        Assert.Equal(expected, results.Select(r => r.GetProperty("signature").GetString()));
    }

    [Fact]
    public void Dydx_public_key_prints_the_key_of_the_configured_secret_and_never_the_secret()
    {
        const string privateKey = "58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3";
        var environment = new Dictionary<string, string>
        {
            ["DYDX_API_KEY"] = "key-id",
            ["DYDX_API_SECRET"] = "qnjyWWTHMY5SFqmNpJga_fXL-3lwOqUIpmz2izlV",
            ["DYDX_API_PASSPHRASE"] = "pass-phrase",
            ["DYDX_STARK_PRIVATE_KEY"] = privateKey,
        };
        var (exit, stdout, stderr) = RunWith(null, environment, "dydx", "public-key");
        Assert.True(exit == 0, stderr);
        Assert.Equal("03b865a18323b8d147a12c556bfb1d502516c325b1477a23ba6c77af31f020fd", stdout.Trim()); // 64 digits, as the account's starkKey
        Assert.DoesNotContain(privateKey, stdout + stderr);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [System.Runtime.Versioning.SupportedOSPlatform("macos")]
    public void A_credentials_file_others_can_read_is_refused_with_the_fix()
    {
        string dir = TestConfigs.TempDir();
        string secrets = Path.Combine(dir, "dydx.conf");
        File.WriteAllText(secrets, "api-key = k\napi-secret = \"qnjyWWTHMY5SFqmNpJga\"\npassphrase = p\nstark-private-key = \"58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3\"\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var environment = new Dictionary<string, string> { ["DYDX_CREDENTIALS_FILE"] = secrets };
        var (exit, _, stderr) = RunWith(null, environment, "dydx", "public-key");
        Assert.Equal(2, exit);
        Assert.Contains($"chmod 600 {secrets}", stderr);

        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (exit, var stdout, stderr) = RunWith(null, environment, "dydx", "public-key");
        Assert.True(exit == 0, stderr);
        Assert.Equal("03b865a18323b8d147a12c556bfb1d502516c325b1477a23ba6c77af31f020fd", stdout.Trim()); // 64 digits, as the account's starkKey
    }

    [Fact]
    public async Task Engine_live_trades_a_v3_host_named_only_by_configuration_and_never_prints_a_secret()
    {
        const string starkKey = "65b7bb244e019b45a521ef990fb8a002f76695d1fc6c1e31911680f2ed78b84";
        await using var sandbox = await Engine.Sandbox.Server.SandboxServer.StartNewAsync(new Engine.Sandbox.Server.SandboxServerOptions { Port = 0, SyntheticSeed = 9 });
        var account = await sandbox.CreateAccountAsync(new Engine.Sandbox.Server.SandboxAccountSpec
        {
            StarkPublicKey = Engine.Stark.Keys.StarkPrivateKey.ParseHex(starkKey).PublicKey.ToHex(),
            Collateral = 100_000m,
        });
        string dir = TestConfigs.TempDir();
        string venue = Path.Combine(dir, "venue.conf");
        File.WriteAllText(venue, $"engine.dydx {{ rest-url = \"{sandbox.BaseUrl.ToString().TrimEnd('/')}\", ws-url = \"{sandbox.WebSocketUrl}\", reconcile-interval = 1s }}\n");
        var environment = new Dictionary<string, string>
        {
            ["DYDX_API_KEY"] = account.ApiKey.Key,
            ["DYDX_API_SECRET"] = account.ApiKey.Secret,
            ["DYDX_API_PASSPHRASE"] = account.ApiKey.Passphrase,
            ["DYDX_STARK_PRIVATE_KEY"] = starkKey,
        };

        var (exit, stdout, stderr) = await Task.Run(() => RunWith(null, environment, "live", "--strategy", SharedData.Repo("hocon", "strategies", "default.conf"),
            "--duration", "00:00:06", "--config", venue, "--data-dir", dir));

        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"engine and exchange agree\s*│\s*yes", stdout);
        var submitted = System.Text.RegularExpressions.Regex.Match(stdout, @"orders submitted\s*│\s*(\d+)");
        Assert.True(submitted.Success && int.Parse(submitted.Groups[1].Value) > 0, stdout);
        Assert.Empty((await sandbox.InvokeAsync((exchange, _) => exchange.GetActiveOrders(account.AccountId, "BTC-USD", null, null))).Value!);
        foreach (string secret in new[] { account.ApiKey.Secret, account.ApiKey.Passphrase, starkKey, starkKey.TrimStart('0') })
            Assert.DoesNotContain(secret, stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }
}
