using CsCheck;
using Engine.Core.Primitives;
using Engine.Recording;
using Xunit;

namespace Engine.Recording.Tests;

public sealed class FrameBatcherTests
{
    private const long Second = Timestamp.NanosPerSecond;

    [Fact]
    public void Tick_batches_hold_only_frames_at_or_before_the_tick()
    {
        var batcher = new FrameBatcher(TimeSpan.FromSeconds(1));
        var output = new List<FrameBatch>();
        batcher.Add(10 * Second + 1, "a"u8, output);  // first tick at 11 s
        batcher.Add(11 * Second, "b"u8, output);      // exactly at the tick: belongs to it
        batcher.Add(11 * Second + 1, "c"u8, output);
        batcher.Complete(output);
        Assert.Equal(2, output.Count);
        Assert.Equal(new Timestamp(11 * Second), output[0].TickAt);
        Assert.Equal(2, output[0].Count);
        Assert.Equal(new Timestamp(12 * Second), output[1].TickAt);
        Assert.Equal("c"u8.ToArray(), output[1].Frame(0).ToArray());
        Assert.Equal([0L, 1L], output.Select(b => b.Sequence));
    }

    [Fact]
    public void Quiet_periods_still_tick_but_long_gaps_are_capped()
    {
        var batcher = new FrameBatcher(TimeSpan.FromSeconds(1), maxGapTicks: 5);
        var output = new List<FrameBatch>();
        batcher.Add(0, "a"u8, output);
        batcher.Add(3 * Second + 1, "b"u8, output);
        Assert.Equal([0L, Second, 2 * Second, 3 * Second], output.Select(b => b.TickAt!.Value.Nanos));
        output.Clear();
        batcher.Add(1000 * Second, "c"u8, output);
        Assert.True(output.Count <= 6, $"{output.Count} batches for one gap");
    }

    [Fact]
    public void Full_batches_are_cut_without_a_tick()
    {
        var batcher = new FrameBatcher(TimeSpan.FromSeconds(1), maxFrames: 2);
        var output = new List<FrameBatch>();
        for (int i = 0; i < 5; i++) batcher.Add(Second / 2 + i, "x"u8, output);
        Assert.Equal(2, output.Count);
        Assert.All(output, b => Assert.Null(b.TickAt));
    }

    [Fact]
    public void Batches_preserve_every_frame_in_order() =>
        Gen.Select(Gen.Long[0, 3 * Second], Gen.Byte.Array[1, 20]).List[1, 200].Sample(raw =>
        {
            var frames = raw.OrderBy(f => f.Item1).ToList();
            var batcher = new FrameBatcher(TimeSpan.FromMilliseconds(250), maxFrames: 7);
            var output = new List<FrameBatch>();
            foreach (var (t, f) in frames) batcher.Add(t, f, output);
            batcher.Complete(output);
            var flat = output.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => (b.ReceivedAt(i).Nanos, b.Frame(i).ToArray(), b.TickAt))).ToList();
            Assert.Equal(frames.Count, flat.Count);
            for (int i = 0; i < frames.Count; i++)
            {
                Assert.Equal(frames[i].Item1, flat[i].Item1);
                Assert.Equal(frames[i].Item2, flat[i].Item2);
            }
            // A frame never lands in a batch whose tick is earlier than the frame.
            Assert.All(flat, f => Assert.True(f.TickAt is null || f.Item1 <= f.TickAt.Value.Nanos));
        });
}
