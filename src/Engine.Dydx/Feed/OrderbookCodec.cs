using System.Text.Json;
using Engine.Core.Book;
using Engine.Core.Primitives;

namespace Engine.Dydx.Feed;

/// <summary>
/// Applies v3_orderbook frames straight into an <see cref="OrderBook"/> without allocating. Accepts every shape
/// seen on the wire: levels as ["price","size"] arrays or {"price","size","offset"} objects in any key order,
/// offsets as strings or numbers, the message offset before or after the levels. A delta is validated
/// completely before any level is applied, so a malformed frame never leaves the book half-updated.
/// </summary>
public static class OrderbookCodec
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static BookFrameResult Apply(in FrameHeader header, ReadOnlySpan<byte> frame, OrderBook book)
    {
        if (header.Channel != Channel.Orderbook || !header.HasContents) return BookFrameResult.Ignored;
        var contents = header.Contents(frame);
        try
        {
            switch (header.Type)
            {
                case FrameType.Subscribed:
                    if (!Validate(contents, out long snapshotOffset, out _)) return BookFrameResult.Malformed;
                    book.Clear();
                    ApplyLevels(contents, book, snapshotOffset, perLevelOffsets: true);
                    book.Uncross();
                    return BookFrameResult.Snapshot;
                case FrameType.ChannelData:
                    return ApplyDelta(contents, book) ? BookFrameResult.Applied : BookFrameResult.Malformed;
                case FrameType.ChannelBatchData:
                    return ApplyBatch(contents, book);
                default:
                    return BookFrameResult.Ignored;
            }
        }
        catch (JsonException)
        {
            return BookFrameResult.Malformed;
        }
    }

    private static BookFrameResult ApplyBatch(ReadOnlySpan<byte> contents, OrderBook book)
    {
        // Validate every element first: a batch is one frame and is applied all or nothing.
        var reader = new Utf8JsonReader(contents, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return BookFrameResult.Malformed;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return BookFrameResult.Malformed;
            int start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip()) return BookFrameResult.Malformed;
            if (!Validate(contents[start..(int)reader.BytesConsumed], out _, out bool hasOffset) || !hasOffset)
                return BookFrameResult.Malformed;
        }
        reader = new Utf8JsonReader(contents, Options);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int start = (int)reader.TokenStartIndex;
            reader.TrySkip();
            var element = contents[start..(int)reader.BytesConsumed];
            Validate(element, out long offset, out _);
            ApplyLevels(element, book, offset, perLevelOffsets: false);
            book.Uncross();
        }
        return BookFrameResult.Applied;
    }

    /// <summary>Levels a delta may carry and still be applied from what validation read (one parse instead of two).</summary>
    private const int CapturedLevels = 32;

    private struct CapturedLevel
    {
        public Side Side;
        public Price Price;
        public Quantity Size;
    }

    private static bool ApplyDelta(ReadOnlySpan<byte> contents, OrderBook book)
    {
        Span<CapturedLevel> levels = stackalloc CapturedLevel[CapturedLevels];
        if (!Validate(contents, out long offset, out bool hasOffset, levels, out int count) || !hasOffset) return false;
        if (count <= CapturedLevels)
        {
            for (int i = 0; i < count; i++) book.Apply(levels[i].Side, levels[i].Price, levels[i].Size, offset);
        }
        else
        {
            ApplyLevels(contents, book, offset, perLevelOffsets: false);
        }
        book.Uncross();
        return true;
    }

    private static bool Validate(ReadOnlySpan<byte> contents, out long offset, out bool hasOffset) =>
        Validate(contents, out offset, out hasOffset, [], out _);

    /// <summary>
    /// Checks the whole contents object and finds the message offset (0 when absent). The levels read are copied,
    /// in document order, into <paramref name="capture"/> as far as it reaches; <paramref name="levelCount"/> counts them all.
    /// </summary>
    private static bool Validate(ReadOnlySpan<byte> contents, out long offset, out bool hasOffset, Span<CapturedLevel> capture, out int levelCount)
    {
        offset = 0;
        hasOffset = false;
        levelCount = 0;
        var reader = new Utf8JsonReader(contents, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("offset"u8))
            {
                reader.Read();
                if (!TryReadOffset(ref reader, out offset)) return false;
                hasOffset = true;
            }
            else if (reader.ValueTextEquals("bids"u8) is var bids && (bids || reader.ValueTextEquals("asks"u8)))
            {
                var side = bids ? Side.Buy : Side.Sell;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return false;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!ReadLevel(ref reader, out var price, out var size, out _, out _)) return false;
                    if (levelCount < capture.Length) capture[levelCount] = new CapturedLevel { Side = side, Price = price, Size = size };
                    levelCount++;
                }
            }
            else
            {
                reader.Read();
                if (!reader.TrySkip()) return false;
            }
        }
        return true;
    }

    private static void ApplyLevels(ReadOnlySpan<byte> contents, OrderBook book, long messageOffset, bool perLevelOffsets)
    {
        var reader = new Utf8JsonReader(contents, Options);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            Side side;
            if (reader.ValueTextEquals("bids"u8)) side = Side.Buy;
            else if (reader.ValueTextEquals("asks"u8)) side = Side.Sell;
            else { reader.Read(); reader.TrySkip(); continue; }
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ReadLevel(ref reader, out var price, out var size, out long levelOffset, out bool hasLevelOffset);
                long offset = perLevelOffsets && hasLevelOffset ? levelOffset : messageOffset;
                book.Apply(side, price, size, offset);
            }
        }
    }

    /// <summary>Reads one level at the reader's current token (array or object) and leaves the reader on its end token.</summary>
    private static bool ReadLevel(ref Utf8JsonReader reader, out Price price, out Quantity size, out long offset, out bool hasOffset)
    {
        price = default;
        size = default;
        offset = 0;
        hasOffset = false;
        bool hasPrice = false, hasSize = false;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            if (!reader.Read() || !TryReadNumber(ref reader, out long p)) return false;
            if (!reader.Read() || !TryReadNumber(ref reader, out long s)) return false;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
            price = new Price(p);
            size = new Quantity(s);
            return p > 0 && s >= 0;
        }
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("price"u8))
            {
                reader.Read();
                if (!TryReadNumber(ref reader, out long p)) return false;
                price = new Price(p);
                hasPrice = true;
            }
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                if (!TryReadNumber(ref reader, out long s)) return false;
                size = new Quantity(s);
                hasSize = true;
            }
            else if (reader.ValueTextEquals("offset"u8))
            {
                reader.Read();
                if (!TryReadOffset(ref reader, out offset)) return false;
                hasOffset = true;
            }
            else
            {
                reader.Read();
                if (!reader.TrySkip()) return false;
            }
        }
        return hasPrice && hasSize && price.Units > 0 && size.Units >= 0;
    }

    private static bool TryReadNumber(ref Utf8JsonReader reader, out long units)
    {
        units = 0;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped) return false;
        return FixedPoint.TryParse(reader.ValueSpan, out units);
    }

    private static bool TryReadOffset(ref Utf8JsonReader reader, out long offset)
    {
        offset = 0;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetInt64(out offset) && offset >= 0;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        return System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out offset, out int consumed)
               && consumed == reader.ValueSpan.Length && offset >= 0;
    }
}
