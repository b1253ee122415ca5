using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Engine.Dydx.Streaming;
using Engine.Dydx.Tests.Streaming;
using Engine.Runtime.Feed.Live;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests.LiveFeed;

/// <summary>The Akka.Streams source over a live connection: demand reaches the socket read, nothing is lost.</summary>
public sealed class LiveFeedSourceTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "live-source", output)
{
    internal static DydxStreamOptions Options(Uri uri, int capacity = 16) => new()
    {
        Uri = uri,
        FrameBufferCapacity = capacity,
        KeepAliveInterval = TimeSpan.Zero,
        KeepAliveTimeout = TimeSpan.Zero,
        SubscribesPerSecond = 100,
    };

    internal static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Stream_demand_is_what_reads_the_socket_and_every_frame_arrives_in_order()
    {
        const int total = 6000, capacity = 16;
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(Options(server.Uri, capacity));
        connection.Start();
        var side = await server.NextConnectionAsync();
        string padding = new('p', 4000);
        var sending = Task.Run(async () =>
        {
            for (int i = 0; i < total; i++) await side.SendAsync($$"""{"type":"channel_data","message_id":{{i}},"pad":"{{padding}}"}""");
        });

        // A sink that takes one element per explicit pull: nothing is pulled yet.
        var queue = LiveFeedSource.Frames(connection)
            .WithAttributes(Attributes.CreateInputBuffer(1, 1))
            .RunWith(Sink.Queue<RawFrame>().WithAttributes(Attributes.CreateInputBuffer(1, 1)), Sys.Materializer());

        for (int i = 0; i < 10; i++)
        {
            var frame = await queue.PullAsync();
            using (frame.Value) Assert.StartsWith($$"""{"type":"channel_data","message_id":{{i}},""", Encoding.UTF8.GetString(frame.Value.Span));
        }
        await Eventually(() => connection.Counters.BackpressureWaits > 0, "reader waiting for room");
        await Task.Delay(300);
        long read = connection.Counters.FramesReceived;
        Assert.InRange(read, 10, 10 + capacity + 4); // what was pulled + the connection's buffer + one element in flight per stage
        await Task.Delay(300);
        Assert.Equal(read, connection.Counters.FramesReceived);
        Assert.False(sending.IsCompleted);

        for (int i = 10; i < total; i++)
        {
            var frame = await queue.PullAsync();
            using (frame.Value) Assert.StartsWith($$"""{"type":"channel_data","message_id":{{i}},""", Encoding.UTF8.GetString(frame.Value.Span));
        }
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(total, connection.Counters.FramesReceived);
        Assert.Equal(1, connection.Counters.Connects);
    }
}
