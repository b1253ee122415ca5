using Akka.Actor;
using Akka.Event;
using Engine.Recording;
using Engine.Runtime.Pipeline;

namespace Engine.Runtime.Feed;

/// <summary>
/// The sink of the recording stream for one market. For each batch it sends the frames to the simulated venue
/// (which fills our resting orders from them) and to the book (which the strategy reads), then drives a
/// <see cref="RouteBarrier"/> around venue → orders → account → book → strategy → orders → venue → orders → account
/// and acknowledges the stream only when it comes home: one batch is fully settled before the next is read,
/// which makes the run deterministic, and the stream's demand is the backpressure all the way to the file.
/// </summary>
public sealed class SimulationFeedActor : ReceiveActor
{
    private readonly string _market;
    private readonly SimulationRoute _route;
    private readonly TimeSpan _stallTimeout;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _stream;
    private bool _barrierOut, _streamCompleted;
    private long _batches, _frames;
    private Core.Primitives.Timestamp? _firstTime, _lastTime;

    public SimulationFeedActor(string market, SimulationRoute route, TimeSpan stallTimeout)
    {
        _market = market;
        _route = route;
        _stallTimeout = stallTimeout;

        Receive<StreamInit>(_ => Sender.Tell(StreamAck.Instance));
        Receive<FrameBatch>(OnBatch);
        Receive<RouteBarrier>(OnBarrierHome);
        Receive<ReceiveTimeout>(_ => throw new SimulationStalledException(
            $"no progress for {_stallTimeout.TotalSeconds:0} s after batch {_batches} of {_market}: an actor on the barrier route is stuck"));
        // The ack sink may signal completion while the last batch's barrier is still travelling; the feed is
        // complete only when that batch has settled too.
        Receive<StreamCompleted>(_ =>
        {
            _streamCompleted = true;
            if (!_barrierOut) Complete();
        });
        Receive<StreamFailed>(f =>
        {
            SetReceiveTimeout(null);
            Context.Parent.Tell(new FeedFailed(_market, f.Cause));
        });
        Receive<GetFeedProgress>(_ => Sender.Tell(new FeedProgress(_market, _batches, _frames)));
        Receive<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public static Props Props(string market, SimulationRoute route, TimeSpan stallTimeout) =>
        Akka.Actor.Props.Create(() => new SimulationFeedActor(market, route, stallTimeout));

    private void OnBatch(FrameBatch batch)
    {
        _stream = Sender;
        if (batch.Count > 0) _firstTime ??= batch.ReceivedAt(0);
        if (batch.TickAt is { } tick) _lastTime = tick;
        else if (batch.Count > 0) _lastTime = batch.ReceivedAt(batch.Count - 1);
        var frames = new MarketFrames(_market, batch);
        if (batch.Count > 0)
        {
            _route.Venue.Tell(frames);
            _route.Book.Tell(frames);
        }
        else if (batch.TickAt is not null)
        {
            _route.Book.Tell(frames);
        }
        SetReceiveTimeout(_stallTimeout);
        _barrierOut = true;
        RouteBarrier.Create(batch.Sequence,
            _route.Venue, _route.Orders, _route.Account,
            _route.Book, _route.Strategy, _route.Orders, _route.Venue, _route.Orders, _route.Account,
            Self).PassOn(Self);
        _frames += batch.Count;
    }

    private void OnBarrierHome(RouteBarrier barrier)
    {
        _batches++;
        _barrierOut = false;
        SetReceiveTimeout(null);
        if (_streamCompleted) Complete();
        else _stream?.Tell(StreamAck.Instance);
    }

    private void Complete()
    {
        SetReceiveTimeout(null);
        Context.Parent.Tell(new FeedCompleted(_market, _batches, _frames, _firstTime, _lastTime));
    }
}

/// <summary>The actors a simulated batch visits, in order.</summary>
public sealed record SimulationRoute(IActorRef Venue, IActorRef Orders, IActorRef Account, IActorRef Book, IActorRef Strategy);

/// <summary>Stream protocol for Sink.ActorRefWithAck.</summary>
public sealed record StreamInit { public static readonly StreamInit Instance = new(); }
public sealed record StreamAck { public static readonly StreamAck Instance = new(); }
public sealed record StreamCompleted { public static readonly StreamCompleted Instance = new(); }
public sealed record StreamFailed(Exception Cause);

/// <summary>Feed → parent.</summary>
public sealed record FeedCompleted(string Market, long Batches, long Frames, Core.Primitives.Timestamp? FirstTime, Core.Primitives.Timestamp? LastTime);
public sealed record FeedFailed(string Market, Exception Cause);

public sealed record GetFeedProgress { public static readonly GetFeedProgress Instance = new(); }
public sealed record FeedProgress(string Market, long Batches, long Frames);

/// <summary>A barrier did not come home in time: something on the route crashed or hangs.</summary>
public sealed class SimulationStalledException(string message) : Exception(message);
