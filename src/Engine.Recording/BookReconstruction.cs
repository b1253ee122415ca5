using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;

namespace Engine.Recording;

/// <summary>Rebuilds one market's book from a recording up to a time (inclusive), with the live codecs.</summary>
public static class BookReconstruction
{
    public sealed record Result(OrderBook Book, long FramesApplied, long MalformedFrames, Timestamp? LastFrameTime);

    public static Result Replay(RecordingReader reader, string market, Timestamp? at)
    {
        var book = new OrderBook(market);
        long applied = 0, malformed = 0;
        Timestamp? last = null;
        while (reader.TryRead(out var frame))
        {
            if (at is { } limit && frame.ReceivedNanos > limit.Nanos) break;
            var bytes = frame.Payload.Span;
            if (!FrameHeaderReader.TryRead(bytes, out var header)) { malformed++; continue; }
            if (header.Channel != Channel.Orderbook || header.Id != market) continue;
            var result = OrderbookCodec.Apply(header, bytes, book);
            if (result == BookFrameResult.Malformed) malformed++;
            else if (result != BookFrameResult.Ignored) { applied++; last = new Timestamp(frame.ReceivedNanos); }
        }
        return new Result(book, applied, malformed + reader.MalformedLines, last);
    }
}
