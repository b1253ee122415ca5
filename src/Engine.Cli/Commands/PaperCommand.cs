using System.CommandLine;
using System.Globalization;
using Engine.Cli.Paper;
using Engine.Core.Orders;
using Engine.Runtime.Live;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>`engine paper`: the live pipeline against an in-process v3 sandbox, then a reconciled report.</summary>
internal static class PaperCommand
{
    public static Command Create()
    {
        var strategy = new Option<string>("--strategy") { Description = "Strategy HOCON file, e.g. hocon/strategies/default.conf", Required = true };
        var duration = new Option<TimeSpan>("--duration") { Description = "How long to trade (e.g. 00:01:00); Ctrl+C ends earlier, cleanly", DefaultValueFactory = _ => TimeSpan.FromMinutes(1) };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sandbox's synthetic market", DefaultValueFactory = _ => 1 };
        var config = new Option<string[]>("--config") { Description = "Extra HOCON files over hocon/engine.conf (later wins)", AllowMultipleArgumentsPerToken = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the journal (default: engine.data-dir)" };

        var command = new Command("paper",
            "Paper-trade the strategy through the live pipeline (STARK-signed orders, REST and WebSockets) against a local v3 sandbox; " +
            "on exit every order is canceled and the engine's fills and position are checked against the exchange's")
        { strategy, duration, seed, config, dataDir };
        command.SetAction((parse, cancellation) => CliErrors.Guard(async () =>
        {
            var request = new PaperRequest(parse.GetValue(strategy)!, parse.GetValue(duration), parse.GetValue(seed),
                parse.GetValue(config) ?? [], parse.GetValue(dataDir));
            Console.WriteLine($"paper trading for {request.Duration} against a local v3 sandbox (Ctrl+C stops cleanly)...");
            var result = await PaperRunner.RunAsync(request, cancellation);
            Print(result);
            return result.Reconciled && result.VenueOpenOrders == 0 ? 0 : CliErrors.RunFailed;
        }));
        return command;
    }

    internal static void Print(PaperResult r)
    {
        static string D(decimal v) => v.ToString(CultureInfo.InvariantCulture);
        var e = r.Engine;
        var table = new Table().Title($"paper run {r.RunId} — {r.Market} (network {r.NetworkId})").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("orders submitted", r.Ledger.OrdersSubmitted.ToString(CultureInfo.InvariantCulture));
        Row("orders rejected", r.Ledger.Orders.Count(o => o.Status == OrderStatus.Rejected).ToString(CultureInfo.InvariantCulture));
        Row("fills (engine / exchange)", $"{e.FillCount} / {r.VenueFills.Count}");
        Row("fees paid (engine / exchange)", $"{D(e.Fees)} / {D(r.VenueFills.Sum(f => f.Fee))} USD");
        Row("position (engine / exchange)", $"{e.Position} / {D(r.VenuePosition)}");
        Row("realized P&L", $"{D(e.RealizedPnl)} USD");
        Row("unrealized P&L", $"{D(e.UnrealizedPnl)} USD");
        Row("canceled at shutdown", r.CanceledAtShutdown.ToString(CultureInfo.InvariantCulture));
        Row("orders left open at the exchange", r.VenueOpenOrders.ToString(CultureInfo.InvariantCulture));
        Row("market-data frames / reconnects", $"{r.MarketData.FramesReceived:N0} / {Math.Max(0, r.MarketData.Connects - 1)}");
        Row("engine and exchange agree", r.Reconciled ? "yes" : "NO");
        AnsiConsole.Write(table);
    }
}
