using System.Globalization;
using Engine.Runtime.Reports;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>The end-of-run report on screen.</summary>
internal static class ReportView
{
    public static void Print(SimulationReport r, RunPerformance p, string outputDir)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]Simulation report — {Markup.Escape(r.Market)}[/]");
        table.AddColumn("");
        table.AddColumn(new TableColumn("").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        static string Usd(decimal v) => v.ToString("#,0.00####", CultureInfo.InvariantCulture) + " USD";

        Row("recording", r.Recording + (r.SyntheticData ? " (SYNTHETIC data)" : ""));
        Row("period", $"{r.RecordingStart} → {r.RecordingEnd}");
        Row("frames / batches", $"{r.Frames:N0} / {r.Batches:N0}");
        Row("orders submitted / canceled / rejected", $"{r.OrdersSubmitted:N0} / {r.OrdersCanceled:N0} / {r.OrdersRejected:N0}");
        Row("fills (maker / taker)", $"{r.Fills:N0} ({r.MakerFills:N0} / {r.TakerFills:N0})");
        Row("bought / sold", $"{r.BoughtSize} / {r.SoldSize}");
        Row("volume", Usd(r.Volume));
        Row("fees", Usd(r.Fees));
        Row("funding", Usd(r.Funding));
        Row("realized P&L", Usd(r.RealizedPnl));
        Row("unrealized P&L", Usd(r.UnrealizedPnl) + (r.MarkPrice is null ? "" : $" @ {r.MarkPrice}"));
        Row("net P&L (after fees and funding)", Usd(r.NetPnl));
        Row("inventory", r.Inventory + (r.EntryPrice is { } e ? $" @ {e.ToString(CultureInfo.InvariantCulture)}" : ""));
        Row("equity start → end", $"{Usd(r.StartingEquity)} → {Usd(r.FinalEquity)}");
        Row("max drawdown", Usd(r.MaxDrawdown));
        Row("malformed frames / stale updates / crossed books repaired", $"{r.MalformedFrames:N0} / {r.StaleLevelUpdates:N0} / {r.CrossedBooksRepaired:N0}");
        Row("wall time", $"{p.WallSeconds:0.00} s ({p.FramesPerSecond:N0} frames/s)");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Report files: [bold]{Markup.Escape(Path.GetFullPath(outputDir))}[/] (summary.json, fills.csv, performance.json)");
    }
}
