using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Streaming.Accounts;
using Engine.Dydx.Streaming.Books;

namespace Engine.Dydx.Streaming.Sync;

/// <summary>
/// Watches one stream connection's frames as a whole: it checks message_id continuity per connection (a gap can
/// hide an update of any channel, so every tracked book and the account resync), notices a new connection (state
/// waits for the snapshots the reconnect brings), and routes v3_orderbook frames to their <see cref="OrderBookSync"/>
/// and v3_accounts frames to the <see cref="AccountStream"/>. It only decides; the owner executes the returned
/// <see cref="ResyncRequest"/>s (e.g. <see cref="DydxStreamConnection.ResubscribeAsync"/>). Pure and single-threaded.
/// </summary>
public sealed class StreamSynchronizer
{
    private readonly BookSyncOptions _bookOptions;
    private readonly MarketIds _ids;
    private readonly Dictionary<string, OrderBookSync> _books = new(StringComparer.Ordinal);
    private readonly MessageIdTracker _messageIds = new();
    private long _connection;
    private int _callStart;

    public StreamSynchronizer(BookSyncOptions? bookOptions = null, MarketIds? ids = null)
    {
        _bookOptions = bookOptions ?? new BookSyncOptions();
        _bookOptions.Validate();
        _ids = ids ?? MarketIds.Shared;
    }

    public StreamSyncCounters Counters { get; } = new();

    public IReadOnlyDictionary<string, OrderBookSync> Books => _books;

    public AccountStream? Accounts { get; private set; }

    /// <summary>The text of the last `error` frame (bad subscription, failed authentication).</summary>
    public string? LastServerError { get; private set; }

    public OrderBookSync TrackBook(string market)
    {
        if (!_books.TryGetValue(market, out var sync)) _books[market] = sync = new OrderBookSync(market, _bookOptions);
        return sync;
    }

    public AccountStream TrackAccounts(AccountStream? accounts = null) => Accounts ??= accounts ?? new AccountStream();

    /// <summary>Processes one raw frame; resync requests and account updates are appended to the lists.</summary>
    public void OnFrame(ReadOnlySpan<byte> frame, long connection, Timestamp receivedAt, List<ResyncRequest> resyncs,
        List<AccountStreamUpdate>? accountUpdates = null)
    {
        Counters.Frames++;
        _callStart = resyncs.Count;
        if (connection != _connection)
        {
            if (_connection != 0) OnConnectionLost(receivedAt);
            _connection = connection;
            _messageIds.Reset();
            Counters.Connections++;
        }
        if (!FrameHeaderReader.TryRead(frame, out var header, _ids))
        {
            Counters.UnreadableFrames++;
            // An unreadable frame is a lost one: whatever it carried is missing now.
            ResyncEverything(receivedAt, SyncAnomaly.MalformedFrame, resyncs);
            return;
        }
        if (header.MessageId >= 0)
        {
            var check = _messageIds.Observe(header.MessageId);
            if (check.Status == MessageIdStatus.Gap)
            {
                Counters.MessageGaps++;
                Counters.MessagesMissed += check.Missing;
                ResyncEverything(receivedAt, SyncAnomaly.MessageGap, resyncs);
            }
            else if (check.Status == MessageIdStatus.Repeated)
            {
                Counters.RepeatedMessageIds++;
            }
        }
        switch (header.Channel)
        {
            case Channel.Orderbook when header.Id is not null && _books.TryGetValue(header.Id, out var book):
                var anomaly = book.OnFrame(header, frame, connection, receivedAt);
                if (anomaly != SyncAnomaly.None) Add(resyncs, new ResyncRequest(Channel.Orderbook, book.Market, anomaly, book.LastResyncMode));
                break;
            case Channel.Accounts when Accounts is not null:
                if (!Accounts.OnFrame(header, frame, accountUpdates ?? []))
                {
                    Accounts.OnStreamInterrupted();
                    Add(resyncs, new ResyncRequest(Channel.Accounts, null, SyncAnomaly.MalformedFrame, ResyncMode.Resubscribe));
                }
                break;
            default:
                if (header.Type == FrameType.Error)
                {
                    Counters.ErrorFrames++;
                    LastServerError = ErrorText(frame);
                }
                break;
        }
    }

    /// <summary>Stalled channels and overdue snapshots; call periodically.</summary>
    public void CheckHealth(Timestamp now, List<ResyncRequest> resyncs)
    {
        _callStart = resyncs.Count;
        foreach (var book in _books.Values)
        {
            var anomaly = book.CheckHealth(now);
            if (anomaly != SyncAnomaly.None) Add(resyncs, new ResyncRequest(Channel.Orderbook, book.Market, anomaly, book.LastResyncMode));
        }
    }

    /// <summary>The connection dropped (from <see cref="DydxStreamConnection.StateChanged"/>): state waits for the reconnect's snapshots.</summary>
    public void OnConnectionLost(Timestamp now)
    {
        foreach (var book in _books.Values) book.OnConnectionLost(now);
        Accounts?.OnStreamInterrupted();
    }

    private void ResyncEverything(Timestamp now, SyncAnomaly reason, List<ResyncRequest> resyncs)
    {
        foreach (var book in _books.Values)
        {
            var anomaly = book.OnFramesLost(now, reason);
            Add(resyncs, new ResyncRequest(Channel.Orderbook, book.Market, anomaly, book.LastResyncMode));
        }
        if (Accounts is not null)
        {
            Accounts.OnStreamInterrupted();
            Add(resyncs, new ResyncRequest(Channel.Accounts, null, reason, ResyncMode.Resubscribe));
        }
    }

    private void Add(List<ResyncRequest> resyncs, ResyncRequest request)
    {
        // One refresh per subscription is enough even when a frame reveals two problems (a gap and a bad frame).
        for (int i = _callStart; i < resyncs.Count; i++)
            if (resyncs[i].Channel == request.Channel && resyncs[i].Id == request.Id) return;
        Counters.ResyncsRequested++;
        resyncs.Add(request);
    }

    private static string? ErrorText(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(frame);
            using var doc = System.Text.Json.JsonDocument.ParseValue(ref reader);
            return doc.RootElement.TryGetProperty("message", out var m) ? m.ToString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
