using System.IO.Compression;
using System.Text;
using CsCheck;
using Engine.Recording;
using Xunit;

namespace Engine.Recording.Tests;

public sealed class RecordingRoundTripTests
{
    private static readonly Gen<(long, string, byte[])> FrameGen =
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.String[Gen.Char['a', 'z'], 1, 12], Gen.Byte.Array[0, 600]);

    [Fact]
    public void Any_frames_come_back_byte_for_byte_even_with_newlines_and_tabs() =>
        FrameGen.List[0, 40].Sample(frames =>
        {
            var stream = new MemoryStream();
            using (var writer = new RecordingWriter(new NonClosing(stream), [new("source", "test")]))
                foreach (var (t, c, f) in frames) writer.Write(t, c, f);
            stream.Position = 0;
            using var reader = new RecordingReader(stream, "mem");
            foreach (var (t, c, f) in frames)
            {
                Assert.True(reader.TryRead(out var frame));
                Assert.Equal(t, frame.ReceivedNanos);
                Assert.Equal(c, frame.ConnectionId);
                Assert.Equal(f, frame.Payload.ToArray());
            }
            Assert.False(reader.TryRead(out _));
            Assert.Equal(0, reader.MalformedLines);
            Assert.Equal("test", reader.Metadata["source"]);
        }, iter: 200);

    [Fact]
    public void Gzip_files_are_detected_by_content()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rec-{Guid.NewGuid():N}.gz");
        try
        {
            using (var writer = RecordingWriter.Create(path, [new(RecordingFormat.SyntheticKey, "true")]))
                writer.Write(42, "c1", """{"type":"connected"}""");
            using (var file = File.OpenRead(path)) Assert.Equal(0x1f, file.ReadByte());
            using var reader = RecordingReader.Open(path);
            Assert.True(reader.IsSynthetic);
            Assert.True(reader.TryRead(out var frame));
            Assert.Equal("""{"type":"connected"}""", Encoding.UTF8.GetString(frame.Payload.Span));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Damaged_lines_are_skipped_counted_and_the_rest_is_read()
    {
        string text = RecordingFormat.Magic + "\n" +
                      "1\tc\t2\t{}\n" +
                      "oops this is not a frame line\n" +
                      "2\tc\t9\t{}\n" +            // length does not match
                      "x\tc\t2\t{}\n" +            // time is not a number
                      "3\tc\t2\t[]\n";
        using var reader = new RecordingReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "damaged.rec");
        var times = new List<long>();
        while (reader.TryRead(out var f)) times.Add(f.ReceivedNanos);
        Assert.Equal([1L, 3L], times);
        Assert.Equal(3, reader.MalformedLines);
        Assert.StartsWith("damaged.rec:3:", reader.FirstError);
    }

    [Fact]
    public void A_file_that_is_not_a_recording_is_refused_with_a_hint()
    {
        var e = Assert.Throws<RecordingFormatException>(() => new RecordingReader(new MemoryStream("""{"type":"connected"}"""u8.ToArray()), "frames.jsonl"));
        Assert.Contains("recording import", e.Message);
    }

    [Fact]
    public void Reading_a_large_recording_keeps_one_small_buffer()
    {
        var stream = new MemoryStream();
        var frame = new byte[200];
        Array.Fill(frame, (byte)'x');
        using (var writer = new RecordingWriter(new NonClosing(stream), []))
            for (int i = 0; i < 50_000; i++) writer.Write(i, "c", frame);
        stream.Position = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = new RecordingReader(stream, "big");
        long count = 0;
        while (reader.TryRead(out _)) count++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(50_000, count);
        Assert.True(allocated < 1_000_000, $"reading 10 MB allocated {allocated} bytes");
    }

    /// <summary>Lets a test read back what a writer wrote after the writer is disposed.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        protected override void Dispose(bool disposing) { }
    }
}
