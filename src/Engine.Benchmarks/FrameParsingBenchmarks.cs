using System.Text;
using BenchmarkDotNet.Attributes;
using Engine.Core.Book;
using Engine.Dydx.Feed;
using Engine.Recording.Synthetic;

namespace Engine.Benchmarks;

/// <summary>
/// Wire frame → book: envelope read plus the order-book codec applying the levels, on real-shaped v3 deltas from
/// the synthetic generator (2–4 levels per frame, string offsets, array levels). Per frame; allocation must be 0.
/// </summary>
[MemoryDiagnoser]
public class FrameParsingBenchmarks
{
    private byte[][] _frames = [];
    private OrderBook _book = null!;

    [GlobalSetup]
    public void Setup()
    {
        var frames = new SyntheticFeed(new SyntheticFeedOptions { Seed = 3, Duration = TimeSpan.FromMinutes(5) }).Frames()
            .Select(f => Encoding.UTF8.GetBytes(f.Frame)).ToList();
        _book = new OrderBook("BTC-USD");
        // Snapshot first, then only deltas are measured.
        foreach (var f in frames.Take(4)) Apply(f);
        _frames = frames.Skip(4).Where(f => FrameHeaderReader.TryRead(f, out var h) && h.Channel == Channel.Orderbook).Take(4096).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 4096)]
    public int HeaderAndOrderbookDelta()
    {
        int applied = 0;
        foreach (var f in _frames) applied += (int)Apply(f);
        return applied;
    }

    [Benchmark(OperationsPerInvoke = 4096)]
    public long HeaderOnly()
    {
        long ids = 0;
        foreach (var f in _frames)
            if (FrameHeaderReader.TryRead(f, out var h)) ids += h.ContentsLength;
        return ids;
    }

    private BookFrameResult Apply(byte[] frame) =>
        FrameHeaderReader.TryRead(frame, out var h) ? OrderbookCodec.Apply(h, frame, _book) : BookFrameResult.Malformed;
}
