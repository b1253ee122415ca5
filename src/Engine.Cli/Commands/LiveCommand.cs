using System.CommandLine;
using Engine.Cli.Live;
using Engine.Runtime.Hosting;
using Engine.Runtime.Signing;

namespace Engine.Cli.Commands;

/// <summary>`engine live`: trade the strategy on the configured v3 venue with the configured credentials.</summary>
internal static class LiveCommand
{
    private const string ConfigFile = "hocon/engine.conf";

    public static Command Create()
    {
        var strategy = new Option<string>("--strategy") { Description = "Strategy HOCON file", Required = true };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (default: until Ctrl+C)" };
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files over hocon/engine.conf (later wins), e.g. the venue URLs", AllowMultipleArgumentsPerToken = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the journal (default: engine.data-dir)" };

        var command = new Command("live",
            "Trade the strategy on the v3 venue of engine.dydx.rest-url / ws-url with the configured credentials; " +
            "Ctrl+C stops quoting, cancels every order and reconciles")
        { strategy, duration, config, dataDir };
        command.SetAction((parse, cancellation) => CliErrors.Guard(async () =>
        {
            var engineConfig = EngineConfig.Load(parse.GetValue(config) ?? []);
            var settings = SimulationSettings.From(engineConfig, ConfigFile);
            var dydx = new HoconReader(engineConfig, ConfigFile, "engine.dydx");
            var endpoints = new LiveEndpoints(Url(dydx, "rest-url", "http", "https"), Url(dydx, "ws-url", "ws", "wss"), dydx.Int("network-id", 1, int.MaxValue));
            var credentials = CredentialsLoader.Load(engineConfig, ConfigFile);
            var parameters = StrategyConfigReader.Read(parse.GetValue(strategy)!);
            var request = new LiveRequest($"live-{DateTime.UtcNow:yyyyMMddTHHmmss}", parameters, settings, engineConfig,
                parse.GetValue(dataDir) ?? settings.DataDir, parse.GetValue(duration) ?? Timeout.InfiniteTimeSpan,
                dydx.Decimal("limit-fee", 0m, 0.1m), dydx.Duration("reconcile-interval", TimeSpan.FromMilliseconds(100))).WithTuning(dydx);
            Console.WriteLine($"trading {parameters.Market} on {endpoints.Rest} (network {endpoints.NetworkId}); Ctrl+C stops cleanly");
            var result = await LiveRunner.RunAsync(request, endpoints, credentials, cancellation);
            PaperCommand.Print(result);
            return result.Reconciled && result.VenueOpenOrders == 0 ? 0 : CliErrors.RunFailed;
        }));
        return command;
    }

    private static Uri Url(HoconReader reader, string key, params string[] schemes)
    {
        string text = reader.String(key);
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) return uri;
        throw new ConfigurationException(reader.File, $"engine.dydx.{key}", $"'{text}' is not a {string.Join(" or ", schemes)} URL", $"write e.g. {schemes[^1]}://api.dydx.exchange");
    }
}
