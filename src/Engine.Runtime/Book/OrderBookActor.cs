using Akka.Actor;
using Akka.Event;
using Engine.Core.Book;
using Engine.Core.Markets;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Runtime.Pipeline;

namespace Engine.Runtime.Book;

/// <summary>
/// Holds one market's L2 book. Applies every frame (deltas are never dropped), counts what was malformed, stale
/// or crossed, and hands the strategy a conflated snapshot at each clock tick together with the mark price.
/// Simulation: frames come from the feed actor and ticks ride the barrier. Live: frames come straight from the
/// WebSocket stream (acknowledged one batch at a time, so a slow book slows the socket read instead of queueing)
/// and ticks from a timer (<see cref="ClockTick"/>).
/// </summary>
public sealed class OrderBookActor : ReceiveActor
{
    private readonly string _market;
    private readonly IActorRef _strategy;
    private readonly IActorRef _account;
    private readonly int _depth;
    private readonly OrderBook _book;
    private readonly List<PublicTrade> _trades = new(16);
    private readonly List<MarketUpdate> _marketUpdates = new(4);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MarketUpdate? _marketState;
    private Price? _lastTrade;
    private Timestamp? _pendingTick;
    private bool _awaitingSnapshot;
    private readonly BookStatistics _stats = new();

    public OrderBookActor(string market, IActorRef strategy, IActorRef account, int depth)
    {
        _market = market;
        _strategy = strategy;
        _account = account;
        _depth = depth;
        _book = new OrderBook(market);

        Receive<MarketFrames>(m => Apply(m.Batch));
        Receive<RouteBarrier>(OnBarrier);
        Receive<Feed.StreamInit>(_ => Sender.Tell(Feed.StreamAck.Instance));
        Receive<Recording.FrameBatch>(batch =>
        {
            Apply(batch);
            Sender.Tell(Feed.StreamAck.Instance);
        });
        Receive<Feed.StreamCompleted>(_ => _log.Info("{Market}: market-data stream ended", _market));
        Receive<Feed.StreamFailed>(f => _log.Error(f.Cause, "{Market}: market-data stream failed", _market));
        Receive<BookResyncing>(r =>
        {
            // The stream lost sync (gap or a crossing the uncross rule cannot repair): what we hold may be wrong,
            // so hold nothing until the fresh snapshot the resubscription brings.
            _log.Warning("{Market}: order book resync ({Reason}); waiting for a fresh snapshot", _market, r.Reason);
            _book.Clear();
            _awaitingSnapshot = true;
            _stats.Resyncs++;
        });
        Receive<ClockTick>(t =>
        {
            _pendingTick = t.Time;
            EmitTick();
        });
        Receive<GetBook>(g => Sender.Tell(BookSnapshot.Capture(_book, _market, g.Time, g.Depth)));
        Receive<GetBookStatistics>(_ => Sender.Tell(_stats.With(_book)));
        Receive<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public static Props Props(string market, IActorRef strategy, IActorRef account, int depth = 50) =>
        Akka.Actor.Props.Create(() => new OrderBookActor(market, strategy, account, depth));

    protected override void PreRestart(Exception reason, object message)
    {
        _log.Error(reason, "Order book for {Market} crashed; rebuilding from the next snapshot", _market);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        // The book content is gone with the old instance: deltas on an empty book would be wrong, so wait for a
        // fresh snapshot (live: the feed resubscribes; recording: the next snapshot frame).
        _awaitingSnapshot = true;
        base.PostRestart(reason);
    }

    private void Apply(Recording.FrameBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            var frame = batch.Frame(i);
            _stats.Frames++;
            if (!FrameHeaderReader.TryRead(frame, out var header))
            {
                Malformed(batch, i, "unreadable envelope");
                continue;
            }
            if (header.Id is not null && header.Id != _market && header.Channel != Channel.Markets) continue;
            switch (header.Channel)
            {
                case Channel.Orderbook:
                    if (_awaitingSnapshot && header.Type != FrameType.Subscribed) { _stats.DeltasSkippedAwaitingSnapshot++; continue; }
                    long uncrossed = _book.Counters.Uncrossings;
                    var result = OrderbookCodec.Apply(header, frame, _book);
                    if (result == BookFrameResult.Malformed) Malformed(batch, i, "malformed order-book contents");
                    else if (result == BookFrameResult.Snapshot) { _awaitingSnapshot = false; _stats.Snapshots++; }
                    if (_book.Counters.Uncrossings != uncrossed)
                        _log.Warning("{Market}: crossed book uncrossed at {Time} (levels with older offsets dropped)", _market, batch.ReceivedAt(i));
                    break;
                case Channel.Trades when header.HasContents:
                    _trades.Clear();
                    if (!TradesCodec.TryRead(header.Contents(frame), _trades)) Malformed(batch, i, "malformed trades");
                    else if (_trades.Count > 0) _lastTrade = _trades[^1].Price;
                    break;
                case Channel.Markets when header.HasContents:
                    _marketUpdates.Clear();
                    if (!MarketsCodec.TryRead(header.Contents(frame), _marketUpdates, out var error)) { Malformed(batch, i, error ?? "malformed markets"); break; }
                    foreach (var update in _marketUpdates)
                        if (update.Market == _market) OnMarketUpdate(update);
                    break;
            }
        }
        if (batch.TickAt is { } tick) _pendingTick = tick;
    }

    private void OnMarketUpdate(MarketUpdate update)
    {
        bool hadRules = _marketState?.TryGetRules(out _) == true;
        _marketState = _marketState is null ? update : _marketState.Merge(update);
        if (_marketState.TryGetRules(out MarketRules rules) && (!hadRules || update.TickSize is not null || update.StepSize is not null || update.MinOrderSize is not null))
            _strategy.Tell(new MarketRulesUpdated(rules));
    }

    private void OnBarrier(RouteBarrier barrier)
    {
        EmitTick();
        barrier.PassOn(Self);
    }

    private void EmitTick()
    {
        if (_pendingTick is not { } tick) return;
        _pendingTick = null;
        var snapshot = BookSnapshot.Capture(_book, _market, tick, _depth);
        if (MarkPrice(snapshot) is { } mark) _account.Tell(new MarkPrice(_market, mark, tick));
        _strategy.Tell(new StrategyTick(tick, snapshot, _lastTrade));
    }

    private Price? MarkPrice(BookSnapshot snapshot)
    {
        if (_marketState?.OraclePrice is { } oracle) return oracle;
        if (snapshot.TryGetBestBid(out var bid, out _) && snapshot.TryGetBestAsk(out var ask, out _))
            return new Price((bid.Units + ask.Units) / 2);
        return _lastTrade;
    }

    private void Malformed(Recording.FrameBatch batch, int index, string why)
    {
        _stats.MalformedFrames++;
        if (_stats.MalformedFrames <= 10 || _stats.MalformedFrames % 1000 == 0)
            _log.Warning("{Market}: skipped frame received at {Time}: {Why} (malformed so far: {Count})", _market, batch.ReceivedAt(index), why, _stats.MalformedFrames);
    }
}

/// <summary>Asks for a copy of the book's top levels.</summary>
public sealed record GetBook(Timestamp Time, int Depth = 50);

/// <summary>Asks for the book actor's counters.</summary>
public sealed record GetBookStatistics
{
    public static readonly GetBookStatistics Instance = new();
}

/// <summary>Market rules became known or changed (from the markets channel).</summary>
public sealed record MarketRulesUpdated(MarketRules Rules);

/// <summary>The strategy's clock tick: conflated book state at that time and the last public trade price.</summary>
public sealed record StrategyTick(Timestamp Time, BookSnapshot Book, Price? LastTradePrice);

/// <summary>Live: the market-data stream is resubscribing this market's book; drop it until the new snapshot.</summary>
public sealed record BookResyncing(string Market, string Reason);

/// <summary>Live trading's strategy clock: a timer tells the book the time every tick interval.</summary>
public sealed record ClockTick(Timestamp Time);

/// <summary>The price positions are marked at (oracle price when known, else mid).</summary>
public sealed record MarkPrice(string Market, Price Price, Timestamp Time);
