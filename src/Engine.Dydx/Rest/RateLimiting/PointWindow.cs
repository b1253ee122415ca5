namespace Engine.Dydx.Rest.RateLimiting;

/// <summary>
/// The state of one pool: a sliding-window log of the points we spent, plus what the server told us (a lower
/// limit, the points it says remain until its window resets, a Retry-After block). Times are monotonic offsets
/// from the limiter's start. Not thread-safe: the limiter serialises access.
/// </summary>
internal sealed class PointWindow(PoolLimit limit, TimeSpan safetyMargin)
{
    private readonly Queue<(TimeSpan At, int Points)> _log = new();
    private PoolLimit _limit = limit;
    private TimeSpan _margin = safetyMargin;
    private int _used;
    private int _serverLimit = int.MaxValue;
    private int _serverRemaining;
    private TimeSpan? _serverWindowEnd;
    private TimeSpan _blockedUntil;

    /// <summary>FIFO line of requests waiting for this pool, so a large order is not starved by a stream of small ones.</summary>
    public SemaphoreSlim Turnstile { get; } = new(1, 1);

    public int Capacity => Math.Min(_limit.MaxPoints, _serverLimit);

    private TimeSpan Span => _limit.Window + _margin;

    public void Reconfigure(PoolLimit limit, TimeSpan safetyMargin)
    {
        _limit = limit;
        _margin = safetyMargin;
    }

    public int Available(TimeSpan now)
    {
        Prune(now);
        if (now < _blockedUntil) return 0;
        int local = Math.Max(0, Capacity - _used);
        return _serverWindowEnd is { } end && now < end ? Math.Min(local, Math.Max(0, _serverRemaining)) : local;
    }

    /// <summary>How long until <paramref name="points"/> can be spent (zero = now).</summary>
    public TimeSpan WaitFor(TimeSpan now, int points)
    {
        Prune(now);
        TimeSpan wait = now < _blockedUntil ? _blockedUntil - now : TimeSpan.Zero;
        // A request larger than the whole pool waits for an empty window rather than forever.
        int need = Math.Min(points, Capacity);
        if (_used + need > Capacity)
        {
            int freed = 0;
            foreach (var (at, spent) in _log)
            {
                freed += spent;
                if (_used - freed + need <= Capacity)
                {
                    wait = Max(wait, at + Span - now);
                    break;
                }
            }
        }
        if (_serverWindowEnd is { } end && now < end && _serverRemaining < need) wait = Max(wait, end - now);
        return wait;
    }

    public void Spend(TimeSpan now, int points)
    {
        _log.Enqueue((now, points));
        _used += points;
        if (_serverWindowEnd is { } end && now < end) _serverRemaining -= points;
    }

    /// <summary>
    /// Takes in a successful answer's headers. Only ever tightens: a header can lower the limit, never raise it.
    /// Returns true when the server knows of more spending than we do.
    /// </summary>
    public bool Observe(TimeSpan now, int? limit, int? remaining, TimeSpan? resetIn)
    {
        Prune(now);
        bool tightened = false;
        if (limit is > 0 && limit.Value < _serverLimit && limit.Value < _limit.MaxPoints)
        {
            _serverLimit = limit.Value;
            tightened = true;
        }
        if (remaining is { } r && resetIn is { } reset)
        {
            bool sameWindow = _serverWindowEnd is { } current && now < current;
            // Answers can arrive out of order: within one window only a lower count is news.
            if (!sameWindow || r < _serverRemaining)
            {
                _serverRemaining = r;
                _serverWindowEnd = now + reset + _margin;
                tightened |= r < Capacity - _used;
            }
        }
        return tightened;
    }

    /// <summary>A 429: nothing more goes out of this pool for <paramref name="block"/>.</summary>
    public void Block(TimeSpan now, TimeSpan block)
    {
        var until = now + block;
        if (until > _blockedUntil) _blockedUntil = until;
        _serverRemaining = 0;
        _serverWindowEnd = _blockedUntil;
    }

    private void Prune(TimeSpan now)
    {
        while (_log.Count > 0 && _log.Peek().At + Span <= now) _used -= _log.Dequeue().Points;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
