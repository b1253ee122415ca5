using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;

namespace Engine.Stark.Cli;

/// <summary>
/// Reads one order line of `engine dydx sign-order`:
/// {"networkId":1,"starkPrivateKey":"…","positionId":"12345","market":"BTC-USD","side":"SELL","size":"0.0123",
///  "price":"43251.7","limitFee":"0.0005","clientId":"mm-000001","expiration":"2024-05-01T12:30:00.000Z"}.
/// Amounts may be JSON strings or numbers (both are read from their exact text); other fields, such as the rest
/// of a POST /v3/orders body, are ignored. Errors name the field and never echo the private key.
/// </summary>
public static class OrderLineParser
{
    private const string Fields = "networkId, starkPrivateKey, positionId, market, side, size, price, limitFee, clientId, expiration";

    public static bool TryParse(ReadOnlySpan<byte> utf8Line, [NotNullWhen(true)] out StarkOrder? order, [NotNullWhen(true)] out StarkPrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        order = null;
        key = null;
        try
        {
            return TryParseCore(utf8Line, out order, out key, out error);
        }
        catch (JsonException e)
        {
            error = $"invalid JSON: {e.Message}";
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> utf8Line, out StarkOrder? order, out StarkPrivateKey? key, out string? error)
    {
        order = null;
        key = null;
        var reader = new Utf8JsonReader(utf8Line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fail("a line must be one JSON object with the fields " + Fields, out error);

        int? networkId = null;
        ulong? positionId = null;
        string? market = null, clientId = null;
        StarkOrderSide? side = null;
        ExactDecimal? size = null, price = null, limitFee = null;
        DateTimeOffset? expiration = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (reader.Read()) return Fail("unexpected content after the JSON object", out error);
                break;
            }
            string name = reader.GetString()!;
            if (!reader.Read()) return Fail("truncated JSON", out error);
            if (!IsKnown(name))
            {
                reader.Skip();
                continue;
            }
            if (!seen.Add(name)) return Fail($"field '{name}' appears twice", out error);
            switch (name)
            {
                case "networkId":
                    if (!TryInteger(ref reader, out ulong network) || network > int.MaxValue) return Fail("networkId must be an integer such as 1 or 11155111", out error);
                    networkId = (int)network;
                    break;
                case "starkPrivateKey":
                    if (reader.TokenType != JsonTokenType.String || !StarkPrivateKey.TryParseHex(reader.GetString(), out key))
                        return Fail("starkPrivateKey must be 1 to 64 hex digits with a value in [1, n)", out error);
                    break;
                case "positionId":
                    if (!TryInteger(ref reader, out ulong position)) return Fail("positionId must be a decimal integer below 2^64", out error);
                    positionId = position;
                    break;
                case "market":
                    market = StringValue(ref reader);
                    if (market is null) return Fail("market must be a string such as \"BTC-USD\"", out error);
                    break;
                case "side":
                    side = StringValue(ref reader)?.ToUpperInvariant() switch { "BUY" => StarkOrderSide.Buy, "SELL" => StarkOrderSide.Sell, _ => null };
                    if (side is null) return Fail("side must be \"BUY\" or \"SELL\"", out error);
                    break;
                case "size":
                case "price":
                case "limitFee":
                    if (!TryDecimal(ref reader, out var amount)) return Fail($"{name} must be a decimal number (string or JSON number)", out error);
                    if (name == "size") size = amount;
                    else if (name == "price") price = amount;
                    else limitFee = amount;
                    break;
                case "clientId":
                    clientId = StringValue(ref reader);
                    if (clientId is null) return Fail("clientId must be a string", out error);
                    break;
                case "expiration":
                    var text = StringValue(ref reader);
                    if (text is null || !TryParseExpiration(text, out var when))
                        return Fail("expiration must be an ISO-8601 time with an offset, e.g. 2024-05-01T12:30:00.000Z", out error);
                    expiration = when;
                    break;
            }
        }

        var missing = new[]
        {
            (networkId is null, "networkId"), (key is null, "starkPrivateKey"), (positionId is null, "positionId"),
            (market is null, "market"), (side is null, "side"), (size is null, "size"), (price is null, "price"),
            (limitFee is null, "limitFee"), (clientId is null, "clientId"), (expiration is null, "expiration"),
        }.Where(f => f.Item1).Select(f => f.Item2).ToArray();
        if (missing.Length > 0) return Fail($"missing field{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)}", out error);

        order = new StarkOrder(networkId!.Value, positionId!.Value, market!, side!.Value, size!.Value, price!.Value, limitFee!.Value, clientId!, expiration!.Value);
        error = null;
        return true;
    }

    private static bool IsKnown(string name) => name is "networkId" or "starkPrivateKey" or "positionId" or "market" or "side"
        or "size" or "price" or "limitFee" or "clientId" or "expiration";

    private static string? StringValue(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <summary>A non-negative integer given as a JSON number or a string of digits.</summary>
    private static bool TryInteger(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetUInt64(out value);
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        var span = reader.ValueSpan;
        return span.Length > 0 && span.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && Utf8Parser.TryParse(span, out value, out int consumed) && consumed == span.Length;
    }

    /// <summary>Exact value from the token's own text: a JSON number is not converted through double.</summary>
    private static bool TryDecimal(ref Utf8JsonReader reader, out ExactDecimal value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.Number) return ExactDecimal.TryParse(reader.ValueSpan, out value);
        if (reader.TokenType != JsonTokenType.String) return false;
        return ExactDecimal.TryParse(reader.GetString(), out value);
    }

    /// <summary>ISO-8601 with an explicit offset: a time without one would be read as local time by JavaScript.</summary>
    public static bool TryParseExpiration(string text, out DateTimeOffset expiration)
    {
        expiration = default;
        int t = text.IndexOf('T');
        bool hasOffset = text.EndsWith('Z') || (t > 0 && text.LastIndexOfAny(['+', '-']) > t);
        if (!hasOffset) return false;
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out expiration);
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

}
