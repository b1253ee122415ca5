using Engine.Core.Primitives;
using Engine.Dydx.Streaming;
using Engine.Dydx.Streaming.Books;
using Engine.Dydx.Streaming.Sync;
using Xunit;
using static Engine.Dydx.Tests.Streaming.BookFrames;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>
/// The whole loop on loopback: frames from the server go through the synchronizer, and its resync requests make
/// the connection unsubscribe and subscribe again, which brings a fresh snapshot that makes the book usable again.
/// </summary>
public sealed class ResyncOverTheWireTests
{
    /// <summary>What an owner (later an actor) does: feed frames to the synchronizer, execute its requests.</summary>
    private static async Task PumpAsync(DydxStreamConnection connection, StreamSynchronizer sync, List<ResyncRequest> executed, CancellationToken stop)
    {
        var requests = new List<ResyncRequest>();
        try
        {
            await foreach (var frame in connection.Frames.ReadAllAsync(stop))
            {
                using (frame) sync.OnFrame(frame.Span, frame.Connection, frame.ReceivedAt, requests);
                foreach (var request in requests)
                {
                    lock (executed) executed.Add(request);
                    await connection.ResubscribeAsync(request.Channel, request.Id, stop);
                }
                requests.Clear();
            }
        }
        catch (OperationCanceledException) { }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_message_or_a_broken_crossing_makes_the_client_resubscribe_and_recover(bool crossing)
    {
        await using var server = await LoopbackWebSocketServer.StartAsync();
        await using var connection = new DydxStreamConnection(StreamTestSupport.Options(server.Uri));
        var sync = new StreamSynchronizer();
        var book = sync.TrackBook("BTC-USD");
        await connection.SubscribeAsync(StreamSubscription.Orderbook("BTC-USD"));
        connection.Start();
        var executed = new List<ResyncRequest>();
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(connection, sync, executed, stop.Token);

        var side = await server.NextConnectionAsync();
        Assert.Contains("\"subscribe\"", await side.ReceiveAsync());
        await side.SendAsync(StreamTestSupport.Connected(0));
        await side.SendAsync(System.Text.Encoding.UTF8.GetString(Snapshot("BTC-USD", 1,
            Level("99", "1", 10) + "," + Level("98", "1", 11),
            string.Join(",", Enumerable.Range(100, 8).Select(p => Level(p.ToString(), "1", 20 + p))))));
        await side.SendAsync(System.Text.Encoding.UTF8.GetString(Delta("BTC-USD", 2, 200, Pair("99", "2"), "")));
        await StreamTestSupport.Eventually(() => book.IsSynchronized && book.Counters.Deltas == 1, "book live");

        if (crossing)
            await side.SendAsync(System.Text.Encoding.UTF8.GetString(Delta("BTC-USD", 3, 300, Pair("110", "1"), ""))); // wipes out 8 asks
        else
            await side.SendAsync(System.Text.Encoding.UTF8.GetString(Delta("BTC-USD", 4, 300, Pair("99", "3"), ""))); // message 3 never came

        // The client resubscribes...
        Assert.Equal(
        [
            """{"type":"unsubscribe","channel":"v3_orderbook","id":"BTC-USD"}""",
            """{"type":"subscribe","channel":"v3_orderbook","id":"BTC-USD","includeOffsets":true}""",
        ], await side.ReceiveAsync(2));
        lock (executed) Assert.Equal(crossing ? SyncAnomaly.PersistentCrossing : SyncAnomaly.MessageGap, Assert.Single(executed).Reason);
        Assert.False(book.IsSynchronized);

        // ...and the server's fresh snapshot makes the book usable again.
        long next = crossing ? 4 : 5;
        await side.SendAsync("""{"type":"unsubscribed","channel":"v3_orderbook","id":"BTC-USD","connection_id":"c","message_id":""" + next + "}");
        await side.SendAsync(System.Text.Encoding.UTF8.GetString(Snapshot("BTC-USD", next + 1, Level("100", "4", 400), Level("101", "4", 401))));
        await StreamTestSupport.Eventually(() => book.IsSynchronized, "book live again");
        Assert.True(book.Book.TryGetBestBid(out var bid, out _));
        Assert.Equal(Price.Parse("100"), bid);
        Assert.Equal(2, book.Counters.Snapshots);
        Assert.Equal(1, book.Counters.ResyncsRequested);

        stop.Cancel();
        await pump;
    }
}
