namespace Engine.Sandbox.Server;

/// <summary>
/// Fault injection for a running <see cref="SandboxServer"/>, thread-safe and changeable at any time (also over
/// REST: GET/POST/DELETE /sandbox/faults). Standing faults (delay, skew, stalls) last until changed; counted ones
/// (storms, skipped offsets) until used up; one-shot actions (dropping sockets, a crossed book) happen at once.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _skipOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reorder = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Id), DateTimeOffset> _stalls = new();
    private TimeSpan _responseDelay;
    private TimeSpan _clockSkew;
    private int _failRequests;
    private int _failStatus = 503;
    private int _rateLimitRequests;

    /// <summary>The server's wall clock (stall deadlines are measured on it).</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Raised for one-shot actions; the server carries them out.</summary>
    internal event Action<FaultAction>? ActionRequested;

    /// <summary>Every v3 REST request (not /sandbox) is processed at once, but its answer waits this long (and is lost if the client gives up first).</summary>
    public TimeSpan ResponseDelay
    {
        get { lock (_lock) return _responseDelay; }
        set { lock (_lock) _responseDelay = value < TimeSpan.Zero ? TimeSpan.Zero : value; }
    }

    /// <summary>Added to the server clock: GET /v3/time reports it, and request timestamps are checked against it.</summary>
    public TimeSpan ClockSkew
    {
        get { lock (_lock) return _clockSkew; }
        set { lock (_lock) _clockSkew = value; }
    }

    /// <summary>The next <paramref name="count"/> REST requests fail with <paramref name="status"/> (a 5xx storm).</summary>
    public void FailNextRequests(int count, int status = 503)
    {
        if (status is < 500 or > 599) throw new ArgumentOutOfRangeException(nameof(status), "a 5xx status");
        lock (_lock)
        {
            _failRequests = Math.Max(0, count);
            _failStatus = status;
        }
    }

    /// <summary>The next <paramref name="count"/> REST requests get 429 with rate-limit headers (a 429 storm).</summary>
    public void RateLimitNextRequests(int count)
    {
        lock (_lock) _rateLimitRequests = Math.Max(0, count);
    }

    /// <summary>
    /// The next <paramref name="count"/> v3_orderbook updates of <paramref name="market"/> are lost in transit: not sent,
    /// but each takes its message_id, so subscribers see a message_id gap (and a jump in the book's offsets).
    /// </summary>
    public void SkipOrderbookOffsets(string market, int count)
    {
        lock (_lock)
        {
            if (count <= 0) _skipOffsets.Remove(market);
            else _skipOffsets[market] = count;
        }
    }

    /// <summary>
    /// Out-of-order delivery (v3 warned updates may arrive out of order): the next <paramref name="pairs"/> times, an
    /// orderbook update of <paramref name="market"/> is held back and sent right after the update that follows it, so
    /// clients see a lower offset after a higher one. A held update with no successor goes out after half a second.
    /// </summary>
    public void ReorderOrderbook(string market, int pairs)
    {
        lock (_lock)
        {
            if (pairs <= 0) _reorder.Remove(market);
            else _reorder[market] = pairs;
        }
    }

    /// <summary>
    /// Messages of a channel (one id, or every id when null; v3_markets has none) are held back until
    /// <paramref name="duration"/> has passed, then delivered in order.
    /// </summary>
    public void StallChannel(string channel, string? id, TimeSpan duration)
    {
        var until = Time.GetUtcNow() + duration;
        lock (_lock) _stalls[(channel, id ?? "")] = until;
    }

    /// <summary>Ends all stalls now (held messages go out on the next loop turn).</summary>
    public void ClearStalls()
    {
        lock (_lock) _stalls.Clear();
    }

    /// <summary>Aborts every WebSocket connection, or the one with that connection_id.</summary>
    public void DropWebSockets(string? connectionId = null) => ActionRequested?.Invoke(new DropWebSocketsAction(connectionId));

    /// <summary>
    /// Sends v3_orderbook subscribers of <paramref name="market"/> one update that crosses the book: a bid one tick
    /// above the best ask (or an ask below the best bid when there are no asks), under a fresh offset. The next real
    /// update of that level supersedes it.
    /// </summary>
    public void SendCrossedBook(string market) => ActionRequested?.Invoke(new CrossedBookAction(market));

    /// <summary>Removes every standing and counted fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _responseDelay = TimeSpan.Zero;
            _clockSkew = TimeSpan.Zero;
            _failRequests = 0;
            _rateLimitRequests = 0;
            _skipOffsets.Clear();
            _reorder.Clear();
            _stalls.Clear();
        }
    }

    public SandboxFaultsSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new SandboxFaultsSnapshot(_responseDelay, _clockSkew, _failRequests, _failStatus, _rateLimitRequests,
                new Dictionary<string, int>(_skipOffsets), new Dictionary<string, int>(_reorder),
                _stalls.Select(s => new StalledChannel(s.Key.Channel, s.Key.Id.Length == 0 ? null : s.Key.Id, s.Value)).ToList());
        }
    }

    /// <summary>Takes one request of a storm: a 5xx status, 429, or null for none.</summary>
    internal int? TakeRequestFault()
    {
        lock (_lock)
        {
            if (_failRequests > 0)
            {
                _failRequests--;
                return _failStatus;
            }
            if (_rateLimitRequests > 0)
            {
                _rateLimitRequests--;
                return 429;
            }
            return null;
        }
    }

    /// <summary>True when this orderbook update of <paramref name="market"/> is to be swallowed (and counts it).</summary>
    internal bool TakeOrderbookSkip(string market)
    {
        lock (_lock)
        {
            if (!_skipOffsets.TryGetValue(market, out int left)) return false;
            if (left <= 1) _skipOffsets.Remove(market);
            else _skipOffsets[market] = left - 1;
            return true;
        }
    }

    /// <summary>True when this orderbook update of <paramref name="market"/> is to be held behind the next one (and counts it).</summary>
    internal bool TakeOrderbookReorder(string market)
    {
        lock (_lock)
        {
            if (!_reorder.TryGetValue(market, out int left)) return false;
            if (left <= 1) _reorder.Remove(market);
            else _reorder[market] = left - 1;
            return true;
        }
    }

    internal bool HasReorder
    {
        get { lock (_lock) return _reorder.Count > 0; }
    }

    internal bool HasStalls
    {
        get { lock (_lock) return _stalls.Count > 0; }
    }

    /// <summary>Whether messages of (channel, id) are held at <paramref name="now"/>; expired stalls are forgotten.</summary>
    internal bool IsStalled(string channel, string? id, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_stalls.Count == 0) return false;
            return Stalled((channel, id ?? ""), now) || (id is not null && Stalled((channel, ""), now));
        }
    }

    private bool Stalled((string, string) key, DateTimeOffset now)
    {
        if (!_stalls.TryGetValue(key, out var until)) return false;
        if (until > now) return true;
        _stalls.Remove(key);
        return false;
    }
}

/// <summary>The faults in force (GET /sandbox/faults).</summary>
public sealed record SandboxFaultsSnapshot(
    TimeSpan ResponseDelay,
    TimeSpan ClockSkew,
    int FailRequestsLeft,
    int FailStatus,
    int RateLimitRequestsLeft,
    IReadOnlyDictionary<string, int> SkipOrderbookOffsets,
    IReadOnlyDictionary<string, int> ReorderOrderbook,
    IReadOnlyList<StalledChannel> Stalls);

public sealed record StalledChannel(string Channel, string? Id, DateTimeOffset Until);

internal abstract record FaultAction;

internal sealed record DropWebSocketsAction(string? ConnectionId) : FaultAction;

internal sealed record CrossedBookAction(string Market) : FaultAction;
