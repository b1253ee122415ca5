using System.Text.Json;

namespace Engine.Dydx.Feed;

/// <summary>
/// Reads the envelope of a v3 WebSocket frame ({"type","channel","id","message_id","contents",...} in any key
/// order, unknown keys ignored) without allocating. Malformed JSON yields false, never an exception.
/// </summary>
public static class FrameHeaderReader
{
    public static bool TryRead(ReadOnlySpan<byte> frame, out FrameHeader header, MarketIds? ids = null)
    {
        header = default;
        ids ??= MarketIds.Shared;
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;

            FrameType type = FrameType.Unknown;
            Channel channel = Channel.None;
            string? id = null;
            long messageId = -1;
            int contentsStart = 0, contentsLength = 0;

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) break;
                if (reader.TokenType != JsonTokenType.PropertyName) return false;
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? ParseType(reader.ValueSpan) : FrameType.Unknown;
                }
                else if (reader.ValueTextEquals("channel"u8))
                {
                    reader.Read();
                    channel = reader.TokenType == JsonTokenType.String ? ParseChannel(reader.ValueSpan) : Channel.Unknown;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped) id = ids.Intern(reader.ValueSpan);
                    else if (reader.TokenType == JsonTokenType.String) id = reader.GetString();
                }
                else if (reader.ValueTextEquals("message_id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long m)) messageId = m;
                }
                else if (reader.ValueTextEquals("contents"u8))
                {
                    reader.Read();
                    contentsStart = (int)reader.TokenStartIndex;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        if (!reader.TrySkip()) return false;
                    }
                    contentsLength = (int)reader.BytesConsumed - contentsStart;
                }
                else
                {
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return false;
                }
            }
            header = new FrameHeader(type, channel, id, messageId, contentsStart, contentsLength);
            return type != FrameType.Unknown;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static FrameType ParseType(ReadOnlySpan<byte> s) => s switch
    {
        _ when s.SequenceEqual("channel_data"u8) => FrameType.ChannelData,
        _ when s.SequenceEqual("channel_batch_data"u8) => FrameType.ChannelBatchData,
        _ when s.SequenceEqual("subscribed"u8) => FrameType.Subscribed,
        _ when s.SequenceEqual("connected"u8) => FrameType.Connected,
        _ when s.SequenceEqual("unsubscribed"u8) => FrameType.Unsubscribed,
        _ when s.SequenceEqual("error"u8) => FrameType.Error,
        _ when s.SequenceEqual("pong"u8) => FrameType.Pong,
        _ => FrameType.Unknown,
    };

    private static Channel ParseChannel(ReadOnlySpan<byte> s) => s switch
    {
        _ when s.SequenceEqual("v3_orderbook"u8) => Channel.Orderbook,
        _ when s.SequenceEqual("v3_trades"u8) => Channel.Trades,
        _ when s.SequenceEqual("v3_markets"u8) => Channel.Markets,
        _ when s.SequenceEqual("v3_accounts"u8) => Channel.Accounts,
        _ => Channel.Unknown,
    };
}
