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

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(EngineDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
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
}
