using System.CommandLine;
using Engine.Sandbox.Server;

namespace Engine.Cli.Commands;

/// <summary>`engine sandbox`: the local dYdX v3 exchange (REST + WebSocket on 127.0.0.1) until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 8080 };
        var feed = new Option<string?>("--feed") { Description = "Recording to replay as background market flow" };
        var synthetic = new Option<ulong?>("--synthetic") { Description = "Seed of a synthetic background feed (when no --feed)" };
        var speed = new Option<double>("--speed") { Description = "Exchange time runs this many times faster than the wall clock", DefaultValueFactory = _ => 1.0 };
        var readerPaced = new Option<bool>("--reader-paced")
        {
            Description = "Play the feed as fast as WebSocket subscribers read it (throughput runs) instead of at its recorded times",
        };
        var networkId = new Option<int>("--network-id") { Description = "STARK network the order signatures are checked for", DefaultValueFactory = _ => 1 };

        var command = new Command("sandbox",
            "Run the local dYdX v3 sandbox exchange: the real v3 REST and WebSocket API, signature-checked, with background flow " +
            "from a recording or a synthetic feed. Create an account with POST /sandbox/accounts (see src/Engine.Sandbox/Server/README.md).")
        { port, feed, synthetic, speed, readerPaced, networkId };
        command.Validators.Add(r =>
        {
            if (r.GetValue(port) is < 0 or > 65535) r.AddError("--port must be from 0 to 65535");
            if (r.GetValue(speed) <= 0) r.AddError("--speed must be positive");
            if (r.GetValue(feed) is { } f && !File.Exists(f)) r.AddError($"--feed: {f} does not exist");
        });
        command.SetAction((parse, cancellation) => CliErrors.Guard(async () =>
        {
            var options = new SandboxServerOptions
            {
                Port = parse.GetValue(port),
                FeedFile = parse.GetValue(feed),
                SyntheticSeed = parse.GetValue(feed) is null ? parse.GetValue(synthetic) ?? 1 : null,
                Speed = parse.GetValue(speed),
                Playback = parse.GetValue(readerPaced) ? FeedPlayback.ReaderPaced : FeedPlayback.Clock,
                NetworkId = parse.GetValue(networkId),
            };
            await using var server = await SandboxServer.StartNewAsync(options, cancellation);
            Console.WriteLine($"sandbox listening on {server.BaseUrl} (WebSocket {server.WebSocketUrl}); Ctrl+C stops it");
            try { await Task.Delay(Timeout.Infinite, cancellation); }
            catch (OperationCanceledException) { }
            Console.WriteLine("sandbox stopped");
            return 0;
        }));
        return command;
    }
}
