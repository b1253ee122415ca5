using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Dydx.Wire;

namespace Engine.Dydx.Feed;

/// <summary>
/// Reads v3_trades contents ({"trades":[{side,size,price,createdAt,liquidation}, ...]}, newest first) into
/// <paramref name="output"/> in chronological order. All-or-nothing: a malformed trade rejects the frame.
/// </summary>
public static class TradesCodec
{
    public static bool TryRead(ReadOnlySpan<byte> contents, List<PublicTrade> output)
    {
        int mark = output.Count;
        try
        {
            var reader = new Utf8JsonReader(contents);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (!reader.ValueTextEquals("trades"u8)) { reader.Read(); reader.TrySkip(); continue; }
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return Fail(output, mark);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TryReadTrade(ref reader, out var trade)) return Fail(output, mark);
                    output.Add(trade);
                }
            }
            output.Reverse(mark, output.Count - mark);
            return true;
        }
        catch (JsonException)
        {
            return Fail(output, mark);
        }
    }

    private static bool Fail(List<PublicTrade> output, int mark)
    {
        output.RemoveRange(mark, output.Count - mark);
        return false;
    }

    private static bool TryReadTrade(ref Utf8JsonReader reader, out PublicTrade trade)
    {
        trade = default;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        Side side = default;
        long price = 0, size = 0;
        Timestamp created = default;
        bool liquidation = false, hasSide = false, hasPrice = false, hasSize = false, hasTime = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("side"u8)) { reader.Read(); hasSide = reader.TokenType == JsonTokenType.String && SideExtensions.TryParseWire(reader.ValueSpan, out side); }
            else if (reader.ValueTextEquals("price"u8)) { reader.Read(); hasPrice = reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out price) && price > 0; }
            else if (reader.ValueTextEquals("size"u8)) { reader.Read(); hasSize = reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out size) && size > 0; }
            else if (reader.ValueTextEquals("createdAt"u8)) { reader.Read(); hasTime = reader.TokenType == JsonTokenType.String && IsoTime.TryParse(reader.ValueSpan, out created); }
            else if (reader.ValueTextEquals("liquidation"u8)) { reader.Read(); liquidation = reader.TokenType == JsonTokenType.True; }
            else { reader.Read(); reader.TrySkip(); }
            // A known key whose value is a container is malformed (unknown keys were skipped to their end token).
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return false;
        }
        if (!(hasSide && hasPrice && hasSize && hasTime)) return false;
        trade = new PublicTrade(side, new Price(price), new Quantity(size), created, liquidation);
        return true;
    }
}
