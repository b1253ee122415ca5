using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Dydx.Rest.Models;

/// <summary>
/// The one serializer configuration of the v3 wire: decimals travel as strings and are parsed as decimal (never
/// double), integers are accepted as strings or numbers (accountNumber is a string in REST and a number on the
/// WebSocket), enums use the wire's UPPER_SNAKE names and reject unknown values, times are ISO-8601 UTC with
/// milliseconds, null fields are omitted from request bodies. Bodies are written compactly and with only the
/// escaping JSON.stringify does, so the server's compact re-serialisation of what we sent equals the signed bytes.
/// </summary>
public static class DydxJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.Converters.Add(new IsoMillisecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes "2021-10-17T14:39:29.506Z" (what v3 sends and expects); reads any ISO-8601 time.</summary>
    private sealed class IsoMillisecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
                ? value
                : throw new JsonException("expected an ISO-8601 time string");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Auth.ServerClock.FormatIso(value));
    }
}
