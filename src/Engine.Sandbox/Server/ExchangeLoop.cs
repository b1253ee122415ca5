using System.Threading.Channels;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Feed;
using Engine.Sandbox.Server.WebSockets;

namespace Engine.Sandbox.Server;

/// <summary>
/// The one thread that touches the <see cref="SandboxExchange"/>. Requests arrive as work items over a channel and
/// run in arrival order at the exchange clock's current time; after each item the exchange's events are drained and
/// fanned out to WebSocket subscribers, so a subscription's snapshot and its updates can never interleave wrongly.
/// Between items (and at least every loop interval) the feed is advanced to the exchange clock, the matcher runs
/// over everything accepted, and held (stalled) messages are released. Nothing here blocks on a client.
/// The feed advances in bounded steps, so requests and fan-out keep flowing while a fast feed is being caught up.
/// </summary>
internal sealed class ExchangeLoop : IDisposable
{
    /// <summary>Frames applied between two looks at the work queue and the subscribers.</summary>
    private const int FeedStep = 256;

    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ManualResetEventSlim _signal = new(false);
    private readonly SandboxClock _clock;
    private readonly TimeSpan _interval;
    private readonly FeedPlayback _playback;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile bool _feedCompleted;
    private long _iterations;

    public ExchangeLoop(SandboxExchange exchange, FeedDriver? feed, WsHub hub, SandboxClock clock, TimeSpan interval,
        FeedPlayback playback = FeedPlayback.Clock)
    {
        _playback = playback;
        Exchange = exchange;
        Feed = feed;
        Hub = hub;
        _clock = clock;
        _interval = interval <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "sandbox-exchange" };
    }

    public SandboxExchange Exchange { get; }
    public FeedDriver? Feed { get; }
    public WsHub Hub { get; }

    /// <summary>The last exception the feed or the matcher threw (the loop keeps running).</summary>
    public Exception? LastError { get; private set; }

    public long Iterations => Interlocked.Read(ref _iterations);

    /// <summary>The background feed has played every frame (or there is none).</summary>
    public bool FeedCompleted => _feedCompleted || Feed is null;

    public void Start() => _thread.Start();

    /// <summary>Runs <paramref name="work"/> on the exchange thread at the exchange time; the task completes off that thread.</summary>
    public Task<T> InvokeAsync<T>(Func<Timestamp, T> work)
    {
        var item = new WorkItem<T>(work);
        if (_stopping || !_work.Writer.TryWrite(item)) return Task.FromException<T>(new ObjectDisposedException(nameof(SandboxServer)));
        _signal.Set();
        return item.Task;
    }

    /// <summary>Fire-and-forget variant (WebSocket bookkeeping).</summary>
    public void Post(Action<Timestamp> work) => InvokeAsync(now =>
    {
        work(now);
        return true;
    }).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    private void Run()
    {
        var wait = _interval;
        while (!_stopping)
        {
            if (wait > TimeSpan.Zero) _signal.Wait(wait);
            _signal.Reset();
            if (_stopping) break;
            Interlocked.Increment(ref _iterations);
            while (_work.Reader.TryRead(out var item))
            {
                item.Run(EffectiveNow());
                Publish();
            }
            wait = _interval;
            try
            {
                if (Feed is not null) wait = AdvanceFeed(_clock.ExchangeNow());
                Exchange.ProcessPending(EffectiveNow());
            }
            catch (Exception e)
            {
                LastError = e;
            }
            Publish();
            Hub.Tick(_clock.WallNow());
        }
        while (_work.Reader.TryRead(out var left)) left.Fail(new ObjectDisposedException(nameof(SandboxServer)));
    }

    /// <summary>
    /// The time requests and the matcher run at: the exchange clock, except while the feed is behind it, when the
    /// exchange lives at the feed's time (just before its next frame). Otherwise a request served between two steps
    /// would move the clock past the backlog and every frame of it would act late, at the request's time.
    /// </summary>
    private Timestamp EffectiveNow()
    {
        var now = _clock.ExchangeNow();
        if (Feed is null || _feedCompleted) return now;
        try
        {
            return Feed.NextFrameAt is { } next && next <= now ? next.AddNanos(-1) : now;
        }
        catch (Exception e)
        {
            LastError = e; // a broken source: serve at the clock's time
            return now;
        }
    }

    /// <summary>Plays one bounded step of the feed; returns how long the loop may sleep before the next one.</summary>
    private TimeSpan AdvanceFeed(Timestamp now)
    {
        var feed = Feed!;
        if (_feedCompleted = feed.Completed) return _interval;
        if (_playback == FeedPlayback.ReaderPaced)
        {
            // No reader yet, or one is half full: look again soon (a millisecond holds far less than half a queue).
            int budget = Hub.PacedFrameBudget(FeedStep);
            if (budget == 0) return TimeSpan.FromMilliseconds(1);
            feed.AdvanceBy(budget);
            return TimeSpan.Zero;
        }
        feed.AdvanceTo(now, FeedStep);
        return feed.HasFrameDueBy(now) ? TimeSpan.Zero : _interval;
    }

    private void Publish()
    {
        try
        {
            var events = Exchange.DrainEvents();
            if (events.Count > 0) Hub.Publish(events, _clock.WallNow());
        }
        catch (Exception e)
        {
            LastError = e;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _work.Writer.TryComplete();
        _signal.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(5));
        while (_work.Reader.TryRead(out var left)) left.Fail(new ObjectDisposedException(nameof(SandboxServer)));
        // The signal is not disposed: a late InvokeAsync may still Set it (it holds no kernel handle).
    }

    private abstract class WorkItem
    {
        public abstract void Run(Timestamp now);
        public abstract void Fail(Exception e);
    }

    private sealed class WorkItem<T>(Func<Timestamp, T> work) : WorkItem
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override void Run(Timestamp now)
        {
            try
            {
                _done.TrySetResult(work(now));
            }
            catch (Exception e)
            {
                _done.TrySetException(e);
            }
        }

        public override void Fail(Exception e) => _done.TrySetException(e);
    }
}
