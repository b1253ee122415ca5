using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Engine.Core.Primitives;
using Engine.Dydx.Streaming;
using Engine.Dydx.Tests.Streaming;
using Engine.Recording;
using Engine.Runtime.Feed;
using Engine.Runtime.Feed.Live;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests.LiveFeed;

/// <summary>Live frames become the same tick batches a recording yields, and flow through the simulation's graph shape.</summary>
public sealed class LiveFrameBatchingTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "live-batching", output)
{
    /// <summary>A wall clock stopped before every frame: the idle timer never closes a tick, only frames do.</summary>
    private sealed class StoppedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    private static readonly DateTimeOffset Start = new(2022, 5, 2, 12, 0, 0, TimeSpan.Zero);

    private static (long Nanos, byte[] Payload)[] Frames() =>
    [
        .. new[] { 0, 30, 99, 100, 101, 250, 1200, 1210, 5000 }.Select((ms, i) =>
            (Timestamp.FromDateTimeOffset(Start.AddMilliseconds(ms)).Nanos, Encoding.UTF8.GetBytes($$"""{"type":"channel_data","message_id":{{i}}}"""))),
    ];

    private static IEnumerable<string> Describe(IEnumerable<FrameBatch> batches) => batches.Select(b =>
        $"{b.Sequence}@{b.TickAt?.Nanos}:" + string.Join("|", Enumerable.Range(0, b.Count).Select(i => $"{b.ReceivedAt(i).Nanos}={Encoding.UTF8.GetString(b.Frame(i))}")));

    [Fact]
    public async Task Live_frames_are_cut_exactly_as_the_recording_batcher_cuts_them()
    {
        var frames = Frames();
        var expected = new List<FrameBatch>();
        var batcher = new FrameBatcher(TimeSpan.FromMilliseconds(100), maxFrames: 3);
        foreach (var (nanos, payload) in frames) batcher.Add(nanos, payload, expected);
        batcher.Complete(expected);

        var options = new LiveBatchingOptions { TickInterval = TimeSpan.FromMilliseconds(100), MaxFramesPerBatch = 3, Time = new StoppedClock(Start.AddDays(-1)) };
        var raw = frames.Select(f => RawFrame.Copy(f.Payload, new Timestamp(f.Nanos), 1)).ToList();
        var actual = await Source.From(raw).Via(LiveFeedSource.Batching(options)).RunWith(Sink.Seq<FrameBatch>(), Sys.Materializer());

        Assert.Equal(Describe(expected), Describe(actual));
        // The stage copied the bytes and gave every pooled buffer back.
        Assert.All(raw, f => Assert.Throws<ObjectDisposedException>(() => f.Span.Length));
    }

    [Fact]
    public async Task Quiet_periods_still_produce_ticks_and_batches_reach_an_ack_sink_like_the_simulations()
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(LiveFeedSourceTests.Options(server.Uri));
        connection.Start();
        var side = await server.NextConnectionAsync();

        // The simulation's graph shape: source → buffer → Sink.ActorRefWithAck into the feed actor (a probe here).
        var feed = CreateTestProbe();
        var tick = TimeSpan.FromMilliseconds(100);
        LiveFeedSource.Batches(connection, new LiveBatchingOptions { TickInterval = tick })
            .Buffer(4, OverflowStrategy.Backpressure)
            .To(Sink.ActorRefWithAck<FrameBatch>(feed.Ref, StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e)))
            .Run(Sys.Materializer());
        feed.ExpectMsg<StreamInit>();
        feed.Reply(StreamAck.Instance);

        for (int i = 0; i < 3; i++) await side.SendAsync($$"""{"type":"channel_data","message_id":{{i}}}""");
        await Task.Delay(600); // quiet: the timer must keep ticking
        for (int i = 3; i < 5; i++) await side.SendAsync($$"""{"type":"channel_data","message_id":{{i}}}""");

        var batches = new List<FrameBatch>();
        while (batches.Sum(b => b.Count) < 5 || batches.Count(b => b.Count == 0) < 3)
        {
            var batch = feed.ExpectMsg<FrameBatch>(TimeSpan.FromSeconds(5));
            batches.Add(batch);
            feed.Reply(StreamAck.Instance);
        }

        Assert.Equal(Enumerable.Range(0, batches.Count).Select(i => (long)i), batches.Select(b => b.Sequence));
        var texts = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => Encoding.UTF8.GetString(b.Frame(i)))).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $$"""{"type":"channel_data","message_id":{{i}}}"""), texts);
        var ticks = batches.Where(b => b.TickAt is not null).Select(b => b.TickAt!.Value.Nanos).ToList();
        Assert.True(ticks.Count >= 4);
        long interval = tick.Ticks * 100;
        Assert.All(ticks, t => Assert.Equal(0, t % interval));               // aligned like a recording's ticks
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(interval, p.Item2 - p.Item1)); // one per interval, none skipped
        foreach (var b in batches.Where(b => b.TickAt is not null))
            for (int i = 0; i < b.Count; i++)
                Assert.True(b.ReceivedAt(i) <= b.TickAt!.Value); // a tick batch never holds a later frame
        Assert.True(batches.Count(b => b.Count == 0) >= 3, "the quiet 600 ms produced empty tick batches");
    }
}
