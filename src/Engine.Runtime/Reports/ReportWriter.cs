using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Orders;

namespace Engine.Runtime.Reports;

/// <summary>Writes a run's machine-readable output: summary.json, fills.csv, performance.json.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(string outputDir, string runId, SimulationReport report, IReadOnlyList<Fill> fills, RunPerformance performance)
    {
        Directory.CreateDirectory(outputDir);
        File.WriteAllText(Path.Combine(outputDir, "summary.json"), JsonSerializer.Serialize(report, Json) + "\n");
        File.WriteAllText(Path.Combine(outputDir, "performance.json"),
            JsonSerializer.Serialize(new { runId, performance.WallSeconds, performance.FramesPerSecond }, Json) + "\n");
        File.WriteAllText(Path.Combine(outputDir, "fills.csv"), FillsCsv(fills));
    }

    public static string FillsCsv(IReadOnlyList<Fill> fills)
    {
        var sb = new StringBuilder("time,fill_id,client_id,market,side,price,size,fee,liquidity\n");
        foreach (var f in fills)
        {
            sb.Append(f.Time.ToIso()).Append(',').Append(f.FillId).Append(',').Append(f.ClientId).Append(',').Append(f.Market).Append(',')
              .Append(f.Side == Core.Primitives.Side.Buy ? "BUY" : "SELL").Append(',').Append(f.Price).Append(',').Append(f.Size).Append(',')
              .Append(f.Fee.ToString(CultureInfo.InvariantCulture)).Append(',').Append(f.Liquidity == Liquidity.Maker ? "MAKER" : "TAKER").Append('\n');
        }
        return sb.ToString();
    }
}
