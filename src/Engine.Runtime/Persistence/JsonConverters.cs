using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Core.Primitives;

namespace Engine.Runtime.Persistence;

/// <summary>Prices and sizes are stored as exact decimal strings, timestamps as integer nanoseconds.</summary>
internal sealed class PriceConverter : JsonConverter<Price>
{
    public override Price Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out long u) ? new Price(u) : throw new JsonException("price must be an exact decimal string");
    public override void Write(Utf8JsonWriter writer, Price value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class QuantityConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out long u) ? new Quantity(u) : throw new JsonException("size must be an exact decimal string");
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class TimestampConverter : JsonConverter<Timestamp>
{
    public override Timestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());
    public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Nanos);
}
