using System.CommandLine;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Recording;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>`engine book`: the book reconstructed from a recording, at its end or at a given receive time.</summary>
internal static class BookCommand
{
    public static Command Create()
    {
        var recording = new Option<string>("--recording") { Description = "Recording file", Required = true };
        var market = new Option<string>("--market") { Description = "Market id, e.g. BTC-USD", Required = true };
        var at = new Option<string?>("--at") { Description = "ISO-8601 UTC receive time (default: end of the recording)" };
        var depth = new Option<int>("--depth") { Description = "Levels per side", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "JSON: bids and asks as arrays of [price, size] strings, best first" };

        var command = new Command("book", "Print the order book reconstructed from a recording") { recording, market, at, depth, json };
        command.SetAction((parse, _) => CliErrors.Guard(() =>
        {
            if (!CliArgs.TryTime(parse.GetValue(at), "--at", out var time)) return Task.FromResult(CliErrors.InputError);
            int levels = parse.GetValue(depth);
            if (levels < 1)
            {
                Console.Error.WriteLine("--depth must be at least 1");
                return Task.FromResult(CliErrors.InputError);
            }
            string m = parse.GetValue(market)!;
            using var reader = RecordingReader.Open(parse.GetValue(recording)!);
            var result = BookReconstruction.Replay(reader, m, time);
            if (result.FramesApplied == 0)
            {
                Console.Error.WriteLine($"no v3_orderbook frames for {m} in {parse.GetValue(recording)}{(time is null ? "" : " before " + time.Value.ToIso())}");
                return Task.FromResult(CliErrors.InputError);
            }
            if (parse.GetValue(json)) PrintJson(result, m, levels);
            else PrintTable(result, m, levels);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static List<string[]> Levels(Engine.Core.Book.OrderBook book, Side side, int depth)
    {
        var list = new List<string[]>();
        for (int i = 0; i < Math.Min(depth, book.LevelCount(side)); i++)
        {
            book.GetLevel(side, i, out var p, out var s);
            list.Add([p.ToString(), s.ToString()]);
        }
        return list;
    }

    private static void PrintJson(BookReconstruction.Result r, string market, int depth)
    {
        var payload = new
        {
            market,
            time = r.LastFrameTime?.ToIso(),
            bids = Levels(r.Book, Side.Buy, depth),
            asks = Levels(r.Book, Side.Sell, depth),
        };
        Console.WriteLine(JsonSerializer.Serialize(payload));
    }

    private static void PrintTable(BookReconstruction.Result r, string market, int depth)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"{Markup.Escape(market)} at {r.LastFrameTime?.ToIso()}");
        table.AddColumn(new TableColumn("bid size").RightAligned());
        table.AddColumn(new TableColumn("bid").RightAligned());
        table.AddColumn("ask");
        table.AddColumn("ask size");
        var bids = Levels(r.Book, Side.Buy, depth);
        var asks = Levels(r.Book, Side.Sell, depth);
        for (int i = 0; i < Math.Max(bids.Count, asks.Count); i++)
        {
            table.AddRow(
                i < bids.Count ? bids[i][1] : "", i < bids.Count ? $"[green]{bids[i][0]}[/]" : "",
                i < asks.Count ? $"[red]{asks[i][0]}[/]" : "", i < asks.Count ? asks[i][1] : "");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{r.FramesApplied:N0} order-book frames applied, {r.MalformedFrames:N0} malformed skipped");
    }
}
