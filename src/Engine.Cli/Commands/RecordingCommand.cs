using System.CommandLine;
using Engine.Recording;
using Engine.Recording.Synthetic;

namespace Engine.Cli.Commands;

/// <summary>`engine recording import|synth`: make recordings from other tools' captures or from the seeded generator.</summary>
internal static class RecordingCommand
{
    public static Command Create()
    {
        var command = new Command("recording", "Create recordings");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Synth());
        return command;
    }

    private static Command Import()
    {
        var frames = new Option<string>("--frames") { Description = "Plain file: one raw v3 JSON frame per line, no timestamps", Required = true };
        var output = new Option<string>("--out") { Description = "Recording to write (.gz to compress)", Required = true };
        var start = new Option<string?>("--start") { Description = "Receive time of the first frame, ISO-8601 UTC (default: first createdAt in the file)" };
        var spacing = new Option<int>("--spacing-ms") { Description = "Receive-time spacing assigned between frames", DefaultValueFactory = _ => 100 };
        var command = new Command("import", "Turn a plain file of raw v3 WebSocket frames into a recording") { frames, output, start, spacing };
        command.SetAction((parse, _) => CliErrors.Guard(() =>
        {
            if (!CliArgs.TryTime(parse.GetValue(start), "--start", out var origin)) return Task.FromResult(CliErrors.InputError);
            int ms = parse.GetValue(spacing);
            if (ms < 0)
            {
                Console.Error.WriteLine("--spacing-ms must not be negative");
                return Task.FromResult(CliErrors.InputError);
            }
            var result = FrameImporter.Import(parse.GetValue(frames)!, parse.GetValue(output)!, origin, TimeSpan.FromMilliseconds(ms));
            Console.WriteLine($"{result.Frames} frames written to {parse.GetValue(output)}");
            if (result.SkippedLines > 0)
                Console.Error.WriteLine($"{result.SkippedLines} lines skipped (not JSON objects); first: {result.FirstSkipped}");
            return Task.FromResult(result.Frames > 0 ? 0 : CliErrors.InputError);
        }));
        return command;
    }

    private static Command Synth()
    {
        var output = new Option<string>("--out") { Description = "Recording to write (.gz to compress)", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var minutes = new Option<int>("--minutes") { Description = "Length of the feed in minutes", DefaultValueFactory = _ => 30 };
        var market = new Option<string>("--market") { Description = "Market id", DefaultValueFactory = _ => "BTC-USD" };
        var command = new Command("synth", "Generate a seeded synthetic v3 feed (labelled synthetic)") { output, seed, minutes, market };
        command.SetAction((parse, _) => CliErrors.Guard(() =>
        {
            int m = parse.GetValue(minutes);
            if (m is < 1 or > 7 * 24 * 60)
            {
                Console.Error.WriteLine("--minutes must be from 1 to 10080");
                return Task.FromResult(CliErrors.InputError);
            }
            var options = new SyntheticFeedOptions { Seed = parse.GetValue(seed), Duration = TimeSpan.FromMinutes(m), Market = parse.GetValue(market)! };
            using var writer = RecordingWriter.Create(parse.GetValue(output)!, SyntheticFeed.Metadata(options));
            long n = new SyntheticFeed(options).WriteTo(writer);
            Console.WriteLine($"{n} synthetic frames written to {parse.GetValue(output)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
