using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Streaming.Sync;

namespace Engine.Dydx.Streaming.Books;

/// <summary>
/// Keeps one market's <see cref="OrderBook"/> in step with its v3_orderbook subscription and says when it cannot:
/// frames are applied with the engine's <see cref="OrderbookCodec"/> (per-level offsets, uncrossing), and every
/// anomaly — lost messages, a crossed snapshot, crossings the uncrossing rule only papers over, a stalled channel,
/// a snapshot that never comes, an unreadable frame — is counted, moves the book to <see cref="BookSyncState.Resyncing"/>
/// and returns the anomaly so the owner refreshes the subscription. Until the fresh snapshot arrives deltas are
/// discarded and <see cref="IsSynchronized"/> is false (quotes must not be based on the book then).
/// Pure and single-threaded: times come from the caller.
/// </summary>
public sealed class OrderBookSync
{
    private readonly BookSyncOptions _options;
    private readonly Queue<long> _crossingTimes = new();
    private readonly List<(byte[] Frame, long Connection, Timestamp ReceivedAt)> _buffered = [];
    private Timestamp _waitingSince;
    private long _connection;
    private bool _buffering;
    // After a REST snapshot (one offset, no tombstones) whole deltas at or below its offset are older than it.
    private long _offsetFloor = long.MinValue;

    public OrderBookSync(string market, BookSyncOptions? options = null, OrderBook? book = null)
    {
        Market = market ?? throw new ArgumentNullException(nameof(market));
        _options = options ?? new BookSyncOptions();
        _options.Validate();
        Book = book ?? new OrderBook(market);
        if (Book.Market != market) throw new ArgumentException($"book of {Book.Market} given for {market}", nameof(book));
    }

    public string Market { get; }

    public OrderBook Book { get; }

    public BookSyncState State { get; private set; } = BookSyncState.AwaitingSnapshot;

    public bool IsSynchronized => State == BookSyncState.Live;

    public BookSyncCounters Counters { get; } = new();

    public SyncAnomaly LastAnomaly { get; private set; }

    /// <summary>How the last requested resync is to be done.</summary>
    public ResyncMode LastResyncMode { get; private set; }

    public Timestamp? LastFrameAt { get; private set; }

    public Timestamp? LastSnapshotAt { get; private set; }

    /// <summary>Applies one v3_orderbook frame of this market; returns the anomaly it revealed (None normally).</summary>
    public SyncAnomaly OnFrame(in FrameHeader header, ReadOnlySpan<byte> frame, long connection, Timestamp receivedAt)
    {
        if (header.Channel != Channel.Orderbook || header.Id != Market) return SyncAnomaly.None;
        switch (header.Type)
        {
            case FrameType.Subscribed:
                return OnSnapshot(header, frame, connection, receivedAt);
            case FrameType.ChannelData:
            case FrameType.ChannelBatchData:
                LastFrameAt = receivedAt;
                if (_buffering && connection == _connection)
                {
                    if (_buffered.Count >= _options.MaxBufferedDeltas)
                    {
                        _buffered.Clear();
                        _buffering = false;
                        return RequestResync(SyncAnomaly.SnapshotTimeout, receivedAt, ResyncMode.Resubscribe);
                    }
                    _buffered.Add((frame.ToArray(), connection, receivedAt));
                    return SyncAnomaly.None;
                }
                if (State != BookSyncState.Live || connection != _connection)
                {
                    Counters.DeltasDiscarded++;
                    return SyncAnomaly.None;
                }
                return ApplyDelta(header, frame, receivedAt);
            default:
                return SyncAnomaly.None;
        }
    }

    /// <summary>
    /// The connection lost frames (a message_id gap, or a frame too damaged to tell its channel): this book may have
    /// missed an update.
    /// </summary>
    public SyncAnomaly OnFramesLost(Timestamp now, SyncAnomaly reason = SyncAnomaly.MessageGap)
    {
        if (reason == SyncAnomaly.MessageGap) Counters.MessageGaps++;
        else Counters.MalformedFrames++;
        return RequestResync(reason, now, _options.Mode);
    }

    /// <summary>The connection dropped: the reconnect resubscribes by itself, so only wait for the new snapshot.</summary>
    public void OnConnectionLost(Timestamp now)
    {
        Counters.ConnectionLosses++;
        State = BookSyncState.AwaitingSnapshot;
        _waitingSince = now;
        _buffering = false;
        _buffered.Clear();
    }

    /// <summary>Finds stalls and overdue snapshots; call it periodically (e.g. every second).</summary>
    public SyncAnomaly CheckHealth(Timestamp now)
    {
        if (State == BookSyncState.Live)
        {
            var last = LastFrameAt ?? LastSnapshotAt ?? now;
            if (now.Nanos - last.Nanos > _options.StaleAfter.Ticks * 100L)
            {
                Counters.Stalls++;
                return RequestResync(SyncAnomaly.Stalled, now, ResyncMode.Resubscribe);
            }
            return SyncAnomaly.None;
        }
        // The first check after construction starts the clock of the initial snapshot.
        if (_waitingSince == default) _waitingSince = now;
        if (now.Nanos - _waitingSince.Nanos > _options.SnapshotTimeout.Ticks * 100L)
        {
            Counters.SnapshotTimeouts++;
            // A REST fetch that did not come back is abandoned for the stream's own snapshot.
            return RequestResync(SyncAnomaly.SnapshotTimeout, now, ResyncMode.Resubscribe);
        }
        return SyncAnomaly.None;
    }

    /// <summary>
    /// The REST resync: a GET /v3/orderbook answer that carries an offset replaces the book, then the deltas that
    /// arrived meanwhile are replayed (the per-level offsets drop the ones older than the snapshot). Without an
    /// offset a REST snapshot cannot be ordered against the stream: false, resubscribe instead.
    /// </summary>
    public bool ApplyRestSnapshot(OrderbookSnapshot snapshot, Timestamp receivedAt)
    {
        bool levelOffsets = snapshot.Bids.Concat(snapshot.Asks).All(l => l.Offset is not null);
        if (snapshot.Offset is null && !levelOffsets) return false;
        Book.Clear();
        long baseOffset = snapshot.Offset ?? 0;
        _offsetFloor = snapshot.Offset ?? long.MinValue;
        foreach (var level in snapshot.Bids) Book.Apply(Side.Buy, Price.FromDecimal(level.Price), Quantity.FromDecimal(level.Size), level.Offset ?? baseOffset);
        foreach (var level in snapshot.Asks) Book.Apply(Side.Sell, Price.FromDecimal(level.Price), Quantity.FromDecimal(level.Size), level.Offset ?? baseOffset);
        long crossingsBefore = Book.Counters.Uncrossings;
        Book.Uncross();
        Counters.RestSnapshots++;
        LastSnapshotAt = receivedAt;
        _buffering = false;
        if (Book.Counters.Uncrossings > crossingsBefore)
        {
            _buffered.Clear();
            Counters.CrossedSnapshots++;
            RequestResync(SyncAnomaly.CrossedSnapshot, receivedAt, ResyncMode.Resubscribe);
            return true;
        }
        State = BookSyncState.Live;
        var buffered = _buffered.ToArray();
        _buffered.Clear();
        foreach (var (frame, connection, at) in buffered)
        {
            if (!FrameHeaderReader.TryRead(frame, out var header)) continue;
            if (OnFrame(header, frame, connection, at) != SyncAnomaly.None) break;
        }
        return true;
    }

    private SyncAnomaly OnSnapshot(in FrameHeader header, ReadOnlySpan<byte> frame, long connection, Timestamp receivedAt)
    {
        LastFrameAt = receivedAt;
        long crossingsBefore = Book.Counters.Uncrossings;
        var result = OrderbookCodec.Apply(header, frame, Book);
        if (result == BookFrameResult.Malformed)
        {
            Counters.MalformedFrames++;
            return RequestResync(SyncAnomaly.MalformedFrame, receivedAt, ResyncMode.Resubscribe);
        }
        Counters.Snapshots++;
        LastSnapshotAt = receivedAt;
        _offsetFloor = long.MinValue; // a stream snapshot carries per-level offsets and tombstones
        _connection = connection;
        _buffering = false;
        _buffered.Clear();
        _crossingTimes.Clear();
        if (Book.Counters.Uncrossings > crossingsBefore)
        {
            Counters.CrossedSnapshots++;
            return RequestResync(SyncAnomaly.CrossedSnapshot, receivedAt, ResyncMode.Resubscribe);
        }
        State = BookSyncState.Live;
        LastAnomaly = SyncAnomaly.None;
        return SyncAnomaly.None;
    }

    private SyncAnomaly ApplyDelta(in FrameHeader header, ReadOnlySpan<byte> frame, Timestamp receivedAt)
    {
        if (_offsetFloor != long.MinValue && header.Type == FrameType.ChannelData &&
            TryReadMessageOffset(header.Contents(frame), out long offset) && offset <= _offsetFloor)
        {
            // A REST snapshot lists no removed levels, so an older delta could resurrect one: drop it whole.
            Counters.DeltasOlderThanSnapshot++;
            return SyncAnomaly.None;
        }
        long crossingsBefore = Book.Counters.Uncrossings;
        long removedBefore = Book.Counters.LevelsRemovedByUncross;
        if (OrderbookCodec.Apply(header, frame, Book) == BookFrameResult.Malformed)
        {
            Counters.MalformedFrames++;
            return RequestResync(SyncAnomaly.MalformedFrame, receivedAt, _options.Mode);
        }
        Counters.Deltas++;
        long crossings = Book.Counters.Uncrossings - crossingsBefore;
        if (crossings == 0) return SyncAnomaly.None;

        Counters.Crossings += crossings;
        long removed = Book.Counters.LevelsRemovedByUncross - removedBefore;
        long windowNanos = _options.CrossingWindow.Ticks * 100L;
        _crossingTimes.Enqueue(receivedAt.Nanos);
        while (_crossingTimes.Count > 0 && receivedAt.Nanos - _crossingTimes.Peek() > windowNanos) _crossingTimes.Dequeue();
        if (removed > _options.MaxLevelsRemovedPerCrossing || _crossingTimes.Count > _options.MaxCrossingsPerWindow)
        {
            Counters.PersistentCrossings++;
            return RequestResync(SyncAnomaly.PersistentCrossing, receivedAt, _options.Mode);
        }
        return SyncAnomaly.None;
    }

    private SyncAnomaly RequestResync(SyncAnomaly reason, Timestamp now, ResyncMode mode)
    {
        Counters.ResyncsRequested++;
        LastAnomaly = reason;
        LastResyncMode = mode;
        State = BookSyncState.Resyncing;
        _waitingSince = now;
        _crossingTimes.Clear();
        _buffered.Clear();
        // The REST path keeps this connection's deltas to replay on top of the fetched snapshot.
        _buffering = mode == ResyncMode.RestSnapshot;
        return reason;
    }

    private static bool TryReadMessageOffset(ReadOnlySpan<byte> contents, out long offset)
    {
        offset = 0;
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(contents);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                bool isOffset = reader.ValueTextEquals("offset"u8);
                reader.Read();
                if (isOffset)
                    return reader.TokenType == System.Text.Json.JsonTokenType.Number
                        ? reader.TryGetInt64(out offset)
                        : System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out offset, out int used) && used == reader.ValueSpan.Length;
                reader.TrySkip();
            }
            return false;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
