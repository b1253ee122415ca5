using Akka.Streams;
using Akka.Streams.Stage;
using Engine.Core.Primitives;
using Engine.Dydx.Streaming;
using Engine.Recording;

namespace Engine.Runtime.Feed.Live;

/// <summary>
/// Cuts live <see cref="RawFrame"/>s into the <see cref="FrameBatch"/>es a recording yields, with the recording's own
/// <see cref="FrameBatcher"/> (so both follow one rule). A recording always has a next frame to close a tick; live
/// data can go quiet, so a timer closes a tick once the wall clock has passed it. Frames are copied into the batch
/// and disposed (their pooled buffers returned) at once. Upstream is pulled only while downstream wants batches,
/// which carries the consumer's backpressure through to the socket.
/// </summary>
internal sealed class LiveFrameBatchStage(LiveBatchingOptions options) : GraphStage<FlowShape<RawFrame, FrameBatch>>
{
    private readonly Inlet<RawFrame> _in = new("live.frames.in");
    private readonly Outlet<FrameBatch> _out = new("live.batches.out");

    public override FlowShape<RawFrame, FrameBatch> Shape => new(_in, _out);

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this, options);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string TickTimer = "tick";
        // A stalled downstream must not turn a long quiet period into an unbounded queue of empty ticks.
        private const int MaxQueuedTicks = 3600;
        private readonly LiveFrameBatchStage _stage;
        private readonly LiveBatchingOptions _options;
        private readonly FrameBatcher _batcher;
        private readonly List<FrameBatch> _ready = new(4);
        private readonly Queue<FrameBatch> _queue = new();
        private readonly long _interval;
        // The batcher's next tick, mirrored: after Add(t) it is max(previous, ceil(t)); Complete moves it one interval.
        private long _pendingTick = long.MinValue;

        public Logic(LiveFrameBatchStage stage, LiveBatchingOptions options) : base(stage.Shape)
        {
            _stage = stage;
            _options = options;
            _batcher = new FrameBatcher(options.TickInterval, options.MaxFramesPerBatch);
            _interval = options.TickInterval.Ticks * 100L;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
            SetHandler(stage._out, onPull: OnPull);
        }

        public override void PreStart() => ScheduleRepeatedly(TickTimer, _options.TimerResolution);

        private void OnPush()
        {
            using (var frame = Grab(_stage._in))
            {
                long nanos = frame.ReceivedAt.Nanos;
                _batcher.Add(nanos, frame.Span, _ready);
                long ceiling = CeilToInterval(nanos);
                if (ceiling > _pendingTick) _pendingTick = ceiling;
            }
            Enqueue();
            if (IsAvailable(_stage._out))
            {
                if (_queue.Count > 0) Push(_stage._out, _queue.Dequeue());
                else Pull(_stage._in);
            }
        }

        private void OnPull()
        {
            if (_queue.Count > 0) Push(_stage._out, _queue.Dequeue());
            else if (!HasBeenPulled(_stage._in) && !IsClosed(_stage._in)) Pull(_stage._in);
        }

        private void OnUpstreamFinish()
        {
            _batcher.Complete(_ready);
            Enqueue();
            if (_queue.Count == 0) CompleteStage();
            else EmitMultiple(_stage._out, _queue.ToArray(), CompleteStage);
            _queue.Clear();
        }

        protected override void OnTimer(object timerKey)
        {
            if (_pendingTick == long.MinValue || IsClosed(_stage._in) || _queue.Count >= MaxQueuedTicks) return;
            long now = Timestamp.FromDateTimeOffset(_options.Time.GetUtcNow()).Nanos;
            while (now >= _pendingTick && _queue.Count < MaxQueuedTicks)
            {
                // Every frame received up to the pending tick has been added, so the tick can close.
                _batcher.Complete(_ready);
                _pendingTick += _interval;
                Enqueue();
            }
            if (IsAvailable(_stage._out) && _queue.Count > 0) Push(_stage._out, _queue.Dequeue());
        }

        private void Enqueue()
        {
            foreach (var batch in _ready) _queue.Enqueue(batch);
            _ready.Clear();
        }

        private long CeilToInterval(long nanos)
        {
            long r = nanos % _interval;
            if (r < 0) r += _interval;
            return r == 0 ? nanos : nanos - r + _interval;
        }
    }
}
