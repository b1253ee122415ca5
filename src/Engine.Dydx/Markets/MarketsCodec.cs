using System.Globalization;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Dydx.Wire;

namespace Engine.Dydx.Markets;

/// <summary>
/// Reads v3 markets payloads: {"markets":{"BTC-USD":{...}}} (REST and the v3_markets snapshot) and the
/// v3_markets update form {"BTC-USD":{"oraclePrice":"..."}}. Low rate, so it uses JsonDocument. Unknown fields
/// are ignored; a field that is present but unparseable makes the payload malformed (reported, not guessed).
/// </summary>
public static class MarketsCodec
{
    public static bool TryRead(ReadOnlySpan<byte> json, List<MarketUpdate> output, out string? error)
    {
        error = null;
        int mark = output.Count;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "markets payload is not an object"; return false; }
            if (root.TryGetProperty("markets", out var markets) && markets.ValueKind == JsonValueKind.Object) root = markets;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object) continue;
                if (!TryReadMarket(property.Name, property.Value, out var update, out error))
                {
                    output.RemoveRange(mark, output.Count - mark);
                    return false;
                }
                output.Add(update);
            }
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            output.RemoveRange(mark, output.Count - mark);
            return false;
        }
    }

    private static bool TryReadMarket(string market, JsonElement e, out MarketUpdate update, out string? error)
    {
        error = null;
        update = new MarketUpdate(market);
        try
        {
            update = update with
            {
                Status = Str(e, "status"),
                TickSize = Px(e, "tickSize"),
                StepSize = Qty(e, "stepSize"),
                MinOrderSize = Qty(e, "minOrderSize"),
                InitialMarginFraction = Dec(e, "initialMarginFraction"),
                MaintenanceMarginFraction = Dec(e, "maintenanceMarginFraction"),
                BaselinePositionSize = Qty(e, "baselinePositionSize"),
                IncrementalPositionSize = Qty(e, "incrementalPositionSize"),
                IncrementalInitialMarginFraction = Dec(e, "incrementalInitialMarginFraction"),
                MaxPositionSize = Qty(e, "maxPositionSize"),
                OraclePrice = Px(e, "oraclePrice"),
                IndexPrice = Px(e, "indexPrice"),
                NextFundingRate = Dec(e, "nextFundingRate"),
                NextFundingAt = Time(e, "nextFundingAt"),
            };
            return true;
        }
        catch (FormatException ex)
        {
            error = $"market {market}: {ex.Message}";
            return false;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Raw(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new FormatException($"{name} must be a decimal string"),
        };
    }

    private static Price? Px(JsonElement e, string name) => Raw(e, name) is { } s
        ? FixedPoint.TryParse(s.AsSpan(), out long u) ? new Price(u) : throw new FormatException($"{name} '{s}' is not an exact decimal")
        : null;

    private static Quantity? Qty(JsonElement e, string name) => Raw(e, name) is { } s
        ? FixedPoint.TryParse(s.AsSpan(), out long u) ? new Quantity(u) : throw new FormatException($"{name} '{s}' is not an exact decimal")
        : null;

    private static decimal? Dec(JsonElement e, string name) => Raw(e, name) is { } s
        ? decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"{name} '{s}' is not a decimal")
        : null;

    private static Timestamp? Time(JsonElement e, string name) => Str(e, name) is { } s
        ? IsoTime.TryParse(s, out var t) ? t : throw new FormatException($"{name} '{s}' is not an ISO-8601 time")
        : null;
}
