using System.Text.Json;
using Engine.Dydx.Markets;

namespace Engine.Sandbox.Exchange.Markets;

/// <summary>
/// Reads a GET /v3/markets payload ({"markets":{"BTC-USD":{...}}}) into market configs. The numeric and rule fields
/// go through the engine's <see cref="MarketsCodec"/>; the descriptive strings the codec skips (baseAsset,
/// quoteAsset, assetResolution, syntheticAssetId) are picked up here so the server can echo them.
/// </summary>
public static class MarketsPayload
{
    public static IReadOnlyList<MarketConfig> Parse(ReadOnlySpan<byte> json)
    {
        var updates = new List<MarketUpdate>();
        if (!MarketsCodec.TryRead(json, updates, out string? error))
            throw new FormatException($"markets payload: {error}");

        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement.TryGetProperty("markets", out var m) && m.ValueKind == JsonValueKind.Object ? m : doc.RootElement;
        var configs = new List<MarketConfig>(updates.Count);
        foreach (var update in updates)
        {
            var config = MarketConfig.FromUpdate(update, out string? problem) ?? throw new FormatException($"markets payload: {problem}");
            var fields = root.GetProperty(update.Market);
            config = config with
            {
                BaseAsset = Text(fields, "baseAsset"),
                QuoteAsset = Text(fields, "quoteAsset") ?? "USD",
                AssetResolution = Text(fields, "assetResolution"),
                SyntheticAssetId = Text(fields, "syntheticAssetId"),
            };
            if (config.Problem() is { } invalid) throw new FormatException($"markets payload: {invalid}");
            configs.Add(config);
        }
        return configs;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;
}
