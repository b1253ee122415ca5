using Akka;
using Akka.Streams.Dsl;
using Engine.Dydx.Streaming;
using Engine.Recording;

namespace Engine.Runtime.Feed.Live;

/// <summary>
/// Akka.Streams sources over a live <see cref="DydxStreamConnection"/>. Demand travels all the way to the socket:
/// the source takes a frame from the connection's bounded buffer only when downstream pulls, and the connection
/// reads the socket only when that buffer has room. Nothing is dropped anywhere.
/// </summary>
public static class LiveFeedSource
{
    /// <summary>Raw frames exactly as received, in order; the consumer disposes each one.</summary>
    public static Source<RawFrame, NotUsed> Frames(DydxStreamConnection connection) => ChannelSource.FromReader(connection.Frames);

    /// <summary>Frames cut into tick batches, the element the simulation graph carries from a recording.</summary>
    public static Source<FrameBatch, NotUsed> Batches(DydxStreamConnection connection, LiveBatchingOptions options) =>
        Frames(connection).Via(Batching(options));

    /// <summary>The batching step alone, for any source of live frames.</summary>
    public static Flow<RawFrame, FrameBatch, NotUsed> Batching(LiveBatchingOptions options)
    {
        options.Validate();
        return Flow.FromGraph(new LiveFrameBatchStage(options));
    }
}
