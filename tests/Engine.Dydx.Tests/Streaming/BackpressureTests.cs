using System.Text;
using Engine.Dydx.Streaming;
using Xunit;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>A slow consumer slows the socket reader down; nothing is ever dropped.</summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task A_consumer_that_stops_taking_frames_stops_the_reader_and_loses_nothing()
    {
        const int total = 6000, capacity = 16;
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri) with { FrameBufferCapacity = capacity });
        connection.Start();
        var side = await server.NextConnectionAsync();

        // ~4 KB frames (24 MB in all, more than loopback TCP buffers hold), as fast as the socket takes them.
        string padding = new('p', 4000);
        var sending = Task.Run(async () =>
        {
            for (int i = 0; i < total; i++)
                await side.SendAsync($$"""{"type":"channel_data","message_id":{{i}},"pad":"{{padding}}"}""");
        });

        // Nobody reads: the reader fills the buffer and then stops reading the socket.
        await StreamTestSupport.Eventually(() => connection.Counters.FramesReceived == capacity, "buffer full");
        await Task.Delay(500);
        Assert.Equal(capacity, connection.Counters.FramesReceived);
        Assert.True(connection.Counters.BackpressureWaits >= 1);
        Assert.False(sending.IsCompleted, "the server is pushed back too once the TCP buffers are full");

        // The consumer resumes: every frame arrives, in order, on the same connection.
        for (int i = 0; i < total; i++)
        {
            using var frame = await connection.NextFrameAsync();
            string text = Encoding.UTF8.GetString(frame.Span);
            Assert.StartsWith($$"""{"type":"channel_data","message_id":{{i}},""", text);
            Assert.Equal(1, frame.Connection);
        }
        await sending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(total, connection.Counters.FramesReceived);
        Assert.Equal(1, connection.Counters.Connects);
    }
}
