namespace Engine.Recording;

/// <summary>Reads a recording lazily as tick-cut <see cref="FrameBatch"/>es: pulled one at a time, constant memory.</summary>
public static class RecordingBatches
{
    public static IEnumerable<FrameBatch> Read(RecordingReader reader, TimeSpan tickInterval, int maxFrames)
    {
        var batcher = new FrameBatcher(tickInterval, maxFrames);
        var ready = new List<FrameBatch>(4);
        while (reader.TryRead(out var frame))
        {
            batcher.Add(frame.ReceivedNanos, frame.Payload.Span, ready);
            foreach (var batch in ready) yield return batch;
            ready.Clear();
        }
        batcher.Complete(ready);
        foreach (var batch in ready) yield return batch;
    }
}
