using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Streaming.Books;
using Engine.Dydx.Streaming.Sync;
using Xunit;
using static Engine.Dydx.Tests.Streaming.BookFrames;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>The book stays in step with its feed, and every way it can fall out of step is detected and counted.</summary>
public sealed class OrderBookSyncTests
{
    private static readonly Timestamp T0 = new(1_651_492_800_000_000_000);

    private static Timestamp At(double seconds) => T0.AddSeconds(seconds);

    private static string Snap(long messageId = 1) => System.Text.Encoding.UTF8.GetString(Snapshot("BTC-USD", messageId,
        Level("99", "2", 100) + "," + Level("100", "1", 101) + "," + Level("98", "0", 90),
        Level("101", "1", 102) + "," + Level("102", "3", 95)));

    private sealed class Harness
    {
        public readonly StreamSynchronizer Sync = new(new BookSyncOptions { StaleAfter = TimeSpan.FromSeconds(5), SnapshotTimeout = TimeSpan.FromSeconds(3) });
        public readonly List<ResyncRequest> Resyncs = [];
        public readonly OrderBookSync Book;
        public Harness() => Book = Sync.TrackBook("BTC-USD");
        public void Feed(byte[] frame, double at = 0, long connection = 1) => Sync.OnFrame(frame, connection, At(at), Resyncs);
        public void Feed(string frame, double at = 0, long connection = 1) => Feed(System.Text.Encoding.UTF8.GetBytes(frame), at, connection);
    }

    [Fact]
    public void The_real_capture_replays_without_a_single_anomaly_and_matches_a_direct_replay()
    {
        var frames = RealSession();
        var h = new Harness();
        var direct = new OrderBook("BTC-USD");
        for (int i = 0; i < frames.Count; i++)
        {
            h.Feed(frames[i], at: i * 0.01);
            Assert.True(FrameHeaderReader.TryRead(frames[i], out var header));
            OrderbookCodec.Apply(header, frames[i], direct);
        }
        Assert.Empty(h.Resyncs);
        Assert.Equal(BookSyncState.Live, h.Book.State);
        Assert.Equal(1, h.Book.Counters.Snapshots);
        Assert.Equal(1095, h.Book.Counters.Deltas);
        Assert.Equal(0, h.Book.Counters.Crossings);
        Assert.Equal(0, h.Sync.Counters.MessageGaps);
        Assert.True(h.Book.Book.TryGetBestBid(out var bid, out var bidSize));
        Assert.True(h.Book.Book.TryGetBestAsk(out var ask, out var askSize));
        Assert.True(direct.TryGetBestBid(out var directBid, out var directBidSize));
        Assert.True(direct.TryGetBestAsk(out var directAsk, out var directAskSize));
        Assert.Equal((directBid, directBidSize, directAsk, directAskSize), (bid, bidSize, ask, askSize));
        Assert.True(bid < ask);
    }

    [Fact]
    public void A_message_id_gap_resyncs_the_book_and_its_deltas_are_discarded_until_the_new_snapshot()
    {
        var frames = RealSession();
        var h = new Harness();
        for (int i = 0; i < 500; i++) h.Feed(frames[i]);
        // message 501 is lost on the way.
        h.Feed(frames[501]);
        var resync = Assert.Single(h.Resyncs);
        Assert.Equal(new ResyncRequest(Channel.Orderbook, "BTC-USD", SyncAnomaly.MessageGap, ResyncMode.Resubscribe), resync);
        Assert.Equal(1, h.Sync.Counters.MessageGaps);
        Assert.Equal(1, h.Sync.Counters.MessagesMissed);
        Assert.Equal(1, h.Book.Counters.MessageGaps);
        Assert.Equal(BookSyncState.Resyncing, h.Book.State);
        Assert.False(h.Book.IsSynchronized);

        long discardedBefore = h.Book.Counters.DeltasDiscarded;
        for (int i = 502; i < 510; i++) h.Feed(frames[i]);
        Assert.Equal(discardedBefore + 8, h.Book.Counters.DeltasDiscarded);

        h.Feed(Snap(messageId: 510));
        Assert.Equal(BookSyncState.Live, h.Book.State);
        h.Feed(Delta("BTC-USD", 511, 200, Pair("100", "5"), ""));
        Assert.Equal(Quantity.Parse("5"), h.Book.Book.SizeAt(Side.Buy, Price.Parse("100")));
    }

    [Fact]
    public void A_repeated_message_id_is_counted_but_is_not_a_gap()
    {
        var h = new Harness();
        h.Feed(Snap(1));
        h.Feed(Delta("BTC-USD", 2, 110, Pair("99", "3"), ""));
        h.Feed(Delta("BTC-USD", 2, 110, Pair("99", "3"), ""));
        Assert.Empty(h.Resyncs);
        Assert.Equal(1, h.Sync.Counters.RepeatedMessageIds);
    }

    [Fact]
    public void A_crossed_snapshot_is_not_trusted()
    {
        var h = new Harness();
        h.Feed(Snapshot("BTC-USD", 1, Level("101", "1", 100), Level("100", "1", 99)));
        Assert.Equal(SyncAnomaly.CrossedSnapshot, Assert.Single(h.Resyncs).Reason);
        Assert.Equal(1, h.Book.Counters.CrossedSnapshots);
        Assert.Equal(BookSyncState.Resyncing, h.Book.State);
    }

    [Fact]
    public void An_occasional_late_delta_that_crosses_is_repaired_by_uncrossing_without_a_resync()
    {
        var h = new Harness();
        h.Feed(Snap());
        // A bid at 101 with a newer offset than the ask at 101: the ask is stale and is removed.
        h.Feed(Delta("BTC-USD", 2, 150, Pair("101", "1"), ""));
        Assert.Empty(h.Resyncs);
        Assert.Equal(1, h.Book.Counters.Crossings);
        Assert.True(h.Book.IsSynchronized);
        Assert.False(h.Book.Book.IsCrossed);
    }

    [Fact]
    public void A_crossing_that_wipes_out_many_levels_means_lost_updates_and_resyncs()
    {
        var h = new Harness();
        h.Feed(Snapshot("BTC-USD", 1, Level("99", "1", 10),
            string.Join(",", Enumerable.Range(100, 8).Select(p => Level(p.ToString(), "1", 20 + p)))));
        h.Feed(Delta("BTC-USD", 2, 500, Pair("110", "1"), ""));
        var resync = Assert.Single(h.Resyncs);
        Assert.Equal(SyncAnomaly.PersistentCrossing, resync.Reason);
        Assert.Equal(1, h.Book.Counters.PersistentCrossings);
    }

    [Fact]
    public void Crossings_that_keep_coming_within_the_window_resync()
    {
        var h = new Harness();
        h.Feed(Snap());
        long offset = 200;
        int id = 2;
        for (int i = 0; i < 6; i++)
        {
            // Each delta puts an ask under the best bid: one level is removed each time.
            h.Feed(Delta("BTC-USD", id++, offset++, Pair("100", "1"), ""), at: i);
            h.Feed(Delta("BTC-USD", id++, offset++, "", Pair("100", "1")), at: i + 0.5);
        }
        Assert.Contains(h.Resyncs, r => r.Reason == SyncAnomaly.PersistentCrossing);
    }

    [Fact]
    public void A_stalled_channel_is_resynced_and_an_overdue_snapshot_is_requested_again()
    {
        var h = new Harness();
        h.Feed(Snap(), at: 0);
        h.Sync.CheckHealth(At(4.9), h.Resyncs);
        Assert.Empty(h.Resyncs);
        h.Sync.CheckHealth(At(5.1), h.Resyncs);
        Assert.Equal(SyncAnomaly.Stalled, Assert.Single(h.Resyncs).Reason);
        Assert.Equal(1, h.Book.Counters.Stalls);

        h.Sync.CheckHealth(At(7.0), h.Resyncs);
        Assert.Single(h.Resyncs); // the snapshot is not overdue yet
        h.Sync.CheckHealth(At(8.2), h.Resyncs);
        Assert.Equal(SyncAnomaly.SnapshotTimeout, h.Resyncs[^1].Reason);
        Assert.Equal(1, h.Book.Counters.SnapshotTimeouts);
    }

    [Fact]
    public void A_book_that_never_gets_its_first_snapshot_is_requested_again()
    {
        var h = new Harness();
        h.Sync.CheckHealth(At(0), h.Resyncs);
        h.Sync.CheckHealth(At(3.5), h.Resyncs);
        Assert.Equal(SyncAnomaly.SnapshotTimeout, Assert.Single(h.Resyncs).Reason);
    }

    [Fact]
    public void A_new_connection_makes_the_book_wait_for_the_reconnects_snapshot()
    {
        var h = new Harness();
        h.Feed(Snap(1), connection: 1);
        h.Feed(StreamTestSupport.Connected(0), connection: 2);
        Assert.Equal(BookSyncState.AwaitingSnapshot, h.Book.State);
        Assert.Equal(1, h.Book.Counters.ConnectionLosses);
        Assert.Empty(h.Resyncs); // the reconnect resubscribes by itself; message ids restart without a gap
        h.Feed(Delta("BTC-USD", 1, 300, Pair("99", "9"), ""), connection: 2);
        Assert.Equal(1, h.Book.Counters.DeltasDiscarded);
        h.Feed(Snap(2), connection: 2);
        Assert.True(h.Book.IsSynchronized);
    }

    [Fact]
    public void A_malformed_delta_is_an_update_lost_and_resyncs()
    {
        var h = new Harness();
        h.Feed(Snap());
        h.Feed("""{"type":"channel_data","channel":"v3_orderbook","message_id":2,"id":"BTC-USD","contents":{"offset":"200","bids":[["100","x"]],"asks":[]}}""");
        Assert.Equal(SyncAnomaly.MalformedFrame, Assert.Single(h.Resyncs).Reason);
        Assert.Equal(1, h.Book.Counters.MalformedFrames);
    }

    [Fact]
    public void An_unreadable_frame_resyncs_everything_tracked()
    {
        var h = new Harness();
        h.Sync.TrackAccounts();
        h.Feed(Snap());
        h.Feed("{not json");
        Assert.Equal(1, h.Sync.Counters.UnreadableFrames);
        Assert.Equal([Channel.Orderbook, Channel.Accounts], h.Resyncs.Select(r => r.Channel));
    }

    [Fact]
    public void Error_frames_are_counted_with_their_text()
    {
        var h = new Harness();
        h.Feed("""{"type":"error","message":"Invalid subscription id for channel: v3_orderbook","connection_id":"c","message_id":1}""");
        Assert.Equal(1, h.Sync.Counters.ErrorFrames);
        Assert.Equal("Invalid subscription id for channel: v3_orderbook", h.Sync.LastServerError);
    }

    [Fact]
    public void A_rest_snapshot_with_an_offset_is_merged_with_the_deltas_that_arrived_meanwhile()
    {
        var sync = new StreamSynchronizer(new BookSyncOptions { Mode = ResyncMode.RestSnapshot });
        var resyncs = new List<ResyncRequest>();
        var book = sync.TrackBook("BTC-USD");
        sync.OnFrame(Snapshot("BTC-USD", 1, Level("99", "2", 100), Level("101", "1", 100)), 1, At(0), resyncs);
        sync.OnFrame(Delta("BTC-USD", 3, 120, Pair("99", "4"), ""), 1, At(1), resyncs); // message 2 lost
        Assert.Equal(ResyncMode.RestSnapshot, Assert.Single(resyncs).Mode);
        // While the REST call runs, deltas keep coming: one older than the REST snapshot, one newer.
        sync.OnFrame(Delta("BTC-USD", 4, 125, Pair("98", "7"), ""), 1, At(2), resyncs);
        sync.OnFrame(Delta("BTC-USD", 5, 140, Pair("99", "6"), ""), 1, At(3), resyncs);
        Assert.False(book.IsSynchronized);

        var rest = new OrderbookSnapshot
        {
            Offset = 130,
            Bids = [new OrderbookLevel { Price = 99m, Size = 5m }, new OrderbookLevel { Price = 97m, Size = 1m }],
            Asks = [new OrderbookLevel { Price = 101m, Size = 2m }],
        };
        Assert.True(book.ApplyRestSnapshot(rest, At(4)));
        Assert.True(book.IsSynchronized);
        Assert.Equal(Quantity.Parse("6"), book.Book.SizeAt(Side.Buy, Price.Parse("99")));  // newer delta replayed on top
        Assert.Equal(Quantity.Zero, book.Book.SizeAt(Side.Buy, Price.Parse("98")));        // offset 125 < 130: older than the snapshot, dropped
        Assert.Equal(2, book.Counters.DeltasOlderThanSnapshot); // 120 (the frame that revealed the gap) and 125
        Assert.Equal(Quantity.Parse("1"), book.Book.SizeAt(Side.Buy, Price.Parse("97")));
        Assert.Equal(1, book.Counters.RestSnapshots);
    }

    [Fact]
    public void A_rest_snapshot_without_offsets_cannot_be_ordered_against_the_stream_and_is_refused()
    {
        var book = new OrderBookSync("BTC-USD");
        var rest = new OrderbookSnapshot { Bids = [new OrderbookLevel { Price = 99m, Size = 5m }], Asks = [] };
        Assert.False(book.ApplyRestSnapshot(rest, At(0)));
        Assert.False(book.IsSynchronized);
    }
}
