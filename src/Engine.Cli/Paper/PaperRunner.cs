using System.Security.Cryptography;
using Engine.Cli.Live;
using Engine.Runtime.Hosting;
using Engine.Runtime.Live;
using Engine.Runtime.Signing;
using Engine.Sandbox.Server;
using Engine.Stark.Keys;

namespace Engine.Cli.Paper;

/// <summary>
/// Paper trading: the live pipeline — signer, v3 venue over REST and WebSockets, write-through journal, the same
/// strategy and order manager as in simulation — against a sandbox exchange started in-process on loopback with
/// a fresh STARK key and account. Ends (after the duration or on cancellation) the way a live run must: quoting
/// stops, every order is canceled and confirmed, then the engine's books are compared with the exchange's.
/// </summary>
public static class PaperRunner
{
    public static async Task<PaperResult> RunAsync(PaperRequest request, CancellationToken cancellation = default)
    {
        var config = EngineConfig.Load(request.ConfigFiles);
        var settings = SimulationSettings.From(config, "hocon/engine.conf");
        var parameters = StrategyConfigReader.Read(request.StrategyFile);
        string dataDir = request.DataDir ?? settings.DataDir;
        string runId = request.RunId ?? $"paper-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        string market = parameters.Market;

        await using var sandbox = await SandboxServer.StartNewAsync(new SandboxServerOptions
        {
            Port = 0,
            SyntheticSeed = request.Seed,
            SyntheticMarket = market,
        }, cancellation);
        var starkKey = NewStarkKey();
        var account = await sandbox.CreateAccountAsync(new SandboxAccountSpec { StarkPublicKey = starkKey.PublicKey.ToHex(), Collateral = settings.StartingCollateral });
        var credentials = new DydxCredentials(account.ApiKey.Key, account.ApiKey.Secret, account.ApiKey.Passphrase, starkKey.ExportHex(), account.AccountNumber);
        var endpoints = new LiveEndpoints(sandbox.BaseUrl, sandbox.WebSocketUrl, sandbox.Options.NetworkId);
        if (request.BeforeStart is { } prepare) await prepare(new PaperVenue(sandbox, account, starkKey), cancellation);
        var live = new LiveRequest(runId, parameters, settings, config, dataDir, request.Duration, request.LimitFee, request.ReconcileInterval)
            .WithTuning(new HoconReader(config, "hocon/engine.conf", "engine.dydx")) with
        {
            DuringRun = request.Faults is null ? null : cancel => request.Faults(sandbox, cancel),
            AfterRun = () => sandbox.Faults.Clear(),
        };
        return await LiveRunner.RunAsync(live, endpoints, credentials, cancellation);
    }

    private static StarkPrivateKey NewStarkKey()
    {
        // 31 random bytes: below 2^248, so always a valid key (the curve order is about 2^251).
        Span<byte> bytes = stackalloc byte[31];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] |= 1;
        return StarkPrivateKey.ParseHex(Convert.ToHexStringLower(bytes));
    }
}

/// <summary>What `engine paper` was asked to do.</summary>
public sealed record PaperRequest(
    string StrategyFile,
    TimeSpan Duration,
    ulong Seed = 1,
    IReadOnlyList<string>? ConfigFiles = null,
    string? DataDir = null,
    string? RunId = null,
    decimal LimitFee = 0.0015m,
    TimeSpan ReconcileInterval = default)
{
    public TimeSpan ReconcileInterval { get; init; } = ReconcileInterval == default ? TimeSpan.FromSeconds(5) : ReconcileInterval;

    /// <summary>Tests: injects sandbox faults while the engine trades (dropped sockets, 5xx storms, stalls...).</summary>
    public Func<SandboxServer, CancellationToken, Task>? Faults { get; init; }

    /// <summary>Tests: acts on the account before the engine starts (e.g. leaves orders and a position, as a crashed run would).</summary>
    public Func<PaperVenue, CancellationToken, Task>? BeforeStart { get; init; }
}

/// <summary>The sandbox of a paper run, its account and the account's STARK key.</summary>
public sealed record PaperVenue(SandboxServer Sandbox, SandboxAccountCredentials Account, StarkPrivateKey StarkKey);

