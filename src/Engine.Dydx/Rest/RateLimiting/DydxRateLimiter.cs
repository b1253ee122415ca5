using Engine.Core.Orders;
using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Rest.RateLimiting;

/// <summary>
/// Keeps the client under v3's limits so that 429s do not happen: a request first awaits capacity in every pool it
/// charges (asynchronously, cancellable, first come first served per pool), then spends its points atomically
/// across those pools. Server headers tighten pools (another process sharing the key or IP, a lower live limit);
/// a 429 blocks its pool for the Retry-After time. Thread-safe.
/// </summary>
public sealed class DydxRateLimiter
{
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly object _gate = new();
    private readonly Dictionary<string, PointWindow> _windows = new(StringComparer.Ordinal);
    private RateLimitOptions _options;

    public DydxRateLimiter(RateLimitOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? new RateLimitOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
    }

    public RateLimitOptions Options { get { lock (_gate) return _options; } }

    public RateLimiterCounters Counters { get; } = new();

    /// <summary>Replaces the limits (e.g. with GET /v3/config values). Points already spent stay counted.</summary>
    public void Configure(RateLimitOptions options)
    {
        options.Validate();
        lock (_gate)
        {
            _options = options;
            foreach (var (key, window) in _windows) window.Reconfigure(options.For(PoolOf(key)), options.SafetyMargin);
        }
    }

    public void ApplyExchangeConfig(ExchangeConfig config) => Configure(Options.WithExchangeConfig(config));

    public int PlaceOrderPoints(DydxOrderType type, TimeInForce timeInForce, decimal size, decimal price) =>
        Options.OrderCosts.PointsFor(type, timeInForce, size, price);

    /// <summary>Points that could be spent from the charge's pool right now.</summary>
    public int Available(RateLimitCharge charge)
    {
        lock (_gate) return Window(charge).Available(Now);
    }

    /// <summary>Waits until every charge fits, then spends them all at once.</summary>
    public async ValueTask AcquireAsync(IReadOnlyList<RateLimitCharge> charges, CancellationToken cancellation = default)
    {
        if (charges.Count == 0) return;
        foreach (var c in charges)
            if (c.Points <= 0) throw new ArgumentException($"a rate-limit charge must be positive ({c})", nameof(charges));
        PointWindow[] windows;
        lock (_gate) windows = charges.Select(Window).ToArray();
        // Turnstiles are taken in key order so two multi-pool requests can never deadlock.
        var order = Enumerable.Range(0, charges.Count).OrderBy(i => charges[i].Key, StringComparer.Ordinal).ToArray();
        int entered = 0;
        var started = _time.GetTimestamp();
        bool waited = false;
        try
        {
            foreach (int i in order)
            {
                var turn = windows[i].Turnstile.WaitAsync(cancellation);
                if (!turn.IsCompleted) waited = true; // queued behind earlier requests of the pool
                await turn.ConfigureAwait(false);
                entered++;
            }
            while (true)
            {
                TimeSpan wait = TimeSpan.Zero;
                lock (_gate)
                {
                    var now = Now;
                    for (int i = 0; i < windows.Length; i++)
                    {
                        var w = windows[i].WaitFor(now, charges[i].Points);
                        if (w > wait) wait = w;
                    }
                    if (wait == TimeSpan.Zero)
                    {
                        for (int i = 0; i < windows.Length; i++) windows[i].Spend(now, charges[i].Points);
                        Interlocked.Increment(ref Counters.AcquiredCount);
                        if (waited)
                        {
                            Interlocked.Increment(ref Counters.WaitedCount);
                            Interlocked.Add(ref Counters.WaitTicks, _time.GetElapsedTime(started).Ticks);
                        }
                        return;
                    }
                }
                waited = true;
                await Task.Delay(wait, _time, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            for (int k = entered - 1; k >= 0; k--) windows[order[k]].Turnstile.Release();
        }
    }

    /// <summary>Takes in the RateLimit-* headers of an answer to a request that spent <paramref name="charge"/>.</summary>
    /// <param name="serverNow">Server-corrected now, to turn RateLimit-Reset (server epoch) into a local deadline.</param>
    public void Observe(RateLimitCharge charge, RateLimitHeaders headers, DateTimeOffset serverNow)
    {
        if (headers.IsEmpty) return;
        lock (_gate)
        {
            if (Window(charge).Observe(Now, headers.Limit, headers.Remaining, ResetIn(headers, serverNow)))
                Interlocked.Increment(ref Counters.ServerAdjustmentCount);
        }
    }

    /// <summary>
    /// A 429 for a request that spent <paramref name="charge"/>: its pool is closed for Retry-After (or until
    /// RateLimit-Reset, or one window when the answer says neither), capped at <see cref="RateLimitOptions.MaxServerBlock"/>.
    /// </summary>
    public TimeSpan OnRejected(RateLimitCharge charge, RateLimitHeaders headers, DateTimeOffset serverNow)
    {
        Interlocked.Increment(ref Counters.RejectionCount);
        lock (_gate)
        {
            var block = headers.RetryAfter ?? ResetIn(headers, serverNow) ?? _options.For(charge.Pool).Window;
            if (block > _options.MaxServerBlock) block = _options.MaxServerBlock;
            if (block < TimeSpan.Zero) block = TimeSpan.Zero;
            Window(charge).Block(Now, block);
            return block;
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    private TimeSpan? ResetIn(RateLimitHeaders headers, DateTimeOffset serverNow)
    {
        if (headers.ResetAt is not { } reset) return null;
        var span = reset - serverNow;
        return span < TimeSpan.Zero ? TimeSpan.Zero : span > _options.MaxServerBlock ? _options.MaxServerBlock : span;
    }

    private PointWindow Window(RateLimitCharge charge)
    {
        string key = charge.Key;
        if (!_windows.TryGetValue(key, out var window))
        {
            window = new PointWindow(_options.For(charge.Pool), _options.SafetyMargin);
            _windows[key] = window;
        }
        return window;
    }

    private static RateLimitPool PoolOf(string key)
    {
        int colon = key.IndexOf(':');
        return Enum.Parse<RateLimitPool>(colon < 0 ? key : key[..colon]);
    }
}
