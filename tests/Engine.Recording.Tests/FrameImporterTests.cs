using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.TestSupport;
using Xunit;

namespace Engine.Recording.Tests;

public sealed class FrameImporterTests
{
    [Fact]
    public void Plain_frames_become_a_recording_with_assigned_times()
    {
        string input = Path.GetTempFileName();
        string output = Path.Combine(Path.GetTempPath(), $"imp-{Guid.NewGuid():N}.rec");
        try
        {
            File.WriteAllLines(input,
            [
                """{"type":"connected","connection_id":"c","message_id":0}""",
                "",
                "not json",
                """{"type":"channel_data","channel":"v3_trades","id":"ETH-USD","contents":{"trades":[{"side":"BUY","size":"1","price":"2","createdAt":"2021-10-21T08:47:40.085Z"}]}}""",
            ]);
            var result = FrameImporter.Import(input, output, start: null, TimeSpan.FromMilliseconds(100));
            Assert.Equal(2, result.Frames);
            Assert.Equal(1, result.SkippedLines);
            Assert.Contains(":3:", result.FirstSkipped);
            using var reader = RecordingReader.Open(output);
            Assert.False(reader.IsSynthetic);
            Assert.Contains("assigned", reader.Metadata["receive-times"]);
            Assert.True(reader.TryRead(out var first));
            Assert.True(reader.TryRead(out var second));
            Assert.Equal("2021-10-21T08:47:40.085Z", new Timestamp(first.ReceivedNanos).ToIso()); // first createdAt in the file
            Assert.Equal(100 * Timestamp.NanosPerMillisecond, second.ReceivedNanos - first.ReceivedNanos);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public void Bundled_sample_is_the_real_capture_imported()
    {
        using var reader = RecordingReader.Open(SharedData.Repo("src", "Engine.Cli", "samples", "btc-usd-2022-05.rec.gz"));
        long frames = 0, books = 0;
        while (reader.TryRead(out var f))
        {
            frames++;
            Assert.True(FrameHeaderReader.TryRead(f.Payload.Span, out var h));
            if (h.Channel == Channel.Orderbook) books++;
        }
        Assert.Equal(1097, frames);      // markets frame + snapshot + 1,095 deltas
        Assert.Equal(1096, books);
        Assert.False(reader.IsSynthetic);
        Assert.Equal(0, reader.MalformedLines);
    }
}
