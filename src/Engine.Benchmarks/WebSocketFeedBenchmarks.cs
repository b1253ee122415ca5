using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest;
using Engine.Dydx.Streaming;
using Engine.Dydx.Streaming.Sync;
using Engine.Recording;
using Engine.Recording.Synthetic;
using Engine.Runtime.Feed.Live;
using Engine.Sandbox.Server;

namespace Engine.Benchmarks;

/// <summary>
/// v3_orderbook frames per second from the sandbox, over a loopback WebSocket, through the engine's client (the
/// stream connection, its Akka.Streams source with backpressure to the socket read, the stream synchronizer's
/// message-id and offset checks) into the book. The sandbox plays a synthetic v3 feed reader-paced: as fast as its
/// exchange can apply the frames and the client reads them. Mean is per frame; Op/s is frames per second.
/// Every iteration ends (untimed) by draining the rest of the feed and checking that the client's book equals the
/// sandbox's REST order book level for level, with no message gap, resync or reconnect on the way; otherwise it throws.
/// </summary>
[Config(typeof(ThroughputConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WebSocketFeedBenchmarks
{
    private const int Frames = 250_000;
    private const string Market = "BTC-USD";
    private string _recording = null!;
    private ActorSystem _system = null!;
    private IMaterializer _materializer = null!;
    private SandboxServer _server = null!;
    private DydxStreamConnection _connection = null!;
    private StreamSynchronizer _sync = null!;
    private TaskCompletionSource _reached = null!;
    private long _resyncs;

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }

    [GlobalSetup]
    public void Setup()
    {
        // About 1,000 frames per second of feed time, so 6 minutes give ~340,000 book frames: more than one iteration takes.
        var feed = new SyntheticFeedOptions { Seed = 7, Duration = TimeSpan.FromMinutes(6), MeanFrameGap = TimeSpan.FromMilliseconds(1) };
        _recording = Path.Combine(Path.GetTempPath(), $"ws-bench-{Environment.ProcessId}.rec");
        using (var writer = RecordingWriter.Create(_recording, SyntheticFeed.Metadata(feed))) new SyntheticFeed(feed).WriteTo(writer);
        _system = ActorSystem.Create("ws-bench", "akka.loglevel = WARNING");
        _materializer = _system.Materializer();
    }

    [IterationSetup]
    public void StartSandbox()
    {
        _server = SandboxServer.StartNewAsync(new SandboxServerOptions { Port = 0, FeedFile = _recording, Playback = FeedPlayback.ReaderPaced })
            .GetAwaiter().GetResult();
        _connection = new DydxStreamConnection(new DydxStreamOptions { Uri = _server.WebSocketUrl });
        _sync = new StreamSynchronizer();
        _sync.TrackBook(Market);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _resyncs = 0;
        var resyncs = new List<ResyncRequest>();
        LiveFeedSource.Frames(_connection)
            .Select(frame =>
            {
                using (frame)
                {
                    resyncs.Clear();
                    _sync.OnFrame(frame.Span, frame.Connection, frame.ReceivedAt, resyncs);
                    _resyncs += resyncs.Count;
                    if (_sync.Books[Market].Counters.Deltas == Frames) _reached.TrySetResult();
                }
                return Akka.NotUsed.Instance;
            })
            .RunWith(Sink.Ignore<Akka.NotUsed>(), _materializer);
    }

    [Benchmark(OperationsPerInvoke = Frames, Description = "sandbox → WebSocket → client → book, per frame")]
    public void StreamBook()
    {
        _connection.Start();
        _connection.SubscribeAsync(StreamSubscription.Orderbook(Market)).GetAwaiter().GetResult();
        if (!_reached.Task.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException($"{Frames} book frames did not arrive within 2 minutes");
    }

    [IterationCleanup]
    public void CheckAndStop()
    {
        try
        {
            using var rest = new DydxRestClient(new DydxRestOptions { BaseUri = _server.BaseUrl });
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!_server.FeedCompleted || _server.WebSocketConnections == 0 || !SameBook(rest))
            {
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException("the client's book never matched the sandbox's after the feed ended");
                Thread.Sleep(50);
            }
            var counters = _sync.Counters;
            if (counters.MessageGaps != 0 || _resyncs != 0 || counters.Connections != 1)
                throw new InvalidOperationException($"unclean stream: {counters.MessageGaps} gaps, {_resyncs} resyncs, {counters.Connections} connections");
        }
        finally
        {
            _connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The client's book against GET /v3/orderbook, level for level. Read from this thread while the stream may still
    /// be applying the last frames: a torn read only fails the comparison, which is retried until the stream is quiet.
    /// </summary>
    private bool SameBook(DydxRestClient rest)
    {
        var venue = rest.GetOrderbookAsync(Market).GetAwaiter().GetResult();
        var book = _sync.Books[Market].Book;
        try
        {
            return Same(book, Side.Buy, venue.Bids) && Same(book, Side.Sell, venue.Asks);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false; // the stream was still applying frames: look again
        }
    }

    private static bool Same(Core.Book.OrderBook book, Side side, IReadOnlyList<Dydx.Rest.Models.OrderbookLevel> levels)
    {
        if (book.LevelCount(side) != levels.Count) return false;
        for (int i = 0; i < levels.Count; i++)
        {
            book.GetLevel(side, i, out var price, out var size);
            if (price.ToDecimal() != levels[i].Price || size.ToDecimal() != levels[i].Size) return false;
        }
        return true;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        File.Delete(_recording);
    }
}
