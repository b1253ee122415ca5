using System.Text;
using System.Text.Json;
using Engine.Core.Primitives;

namespace Engine.Recording;

/// <summary>
/// Turns a plain file of raw v3 frames (one JSON frame per line, no timestamps — how other tools capture them)
/// into a recording. Receive times are not in such files, so they are assigned: a fixed spacing from a start
/// time; the start is the caller's or the first "createdAt" seen in the file. The metadata says so.
/// </summary>
public static class FrameImporter
{
    public sealed record Result(long Frames, long SkippedLines, string? FirstSkipped);

    public static Result Import(string framesPath, string outputPath, Timestamp? start, TimeSpan spacing, string connectionId = "imported")
    {
        if (!File.Exists(framesPath)) throw new RecordingFormatException($"{framesPath}: file not found");
        Timestamp origin = start ?? FirstCreatedAt(framesPath) ?? new Timestamp(0);
        long spacingNanos = spacing.Ticks * 100L;
        var metadata = new Dictionary<string, string>
        {
            [RecordingFormat.SourceKey] = $"imported from {Path.GetFileName(framesPath)}",
            [RecordingFormat.SyntheticKey] = "false",
            ["receive-times"] = $"assigned: start {origin.ToIso()}, spacing {spacing.TotalMilliseconds} ms (source had none)",
        };
        long frames = 0, skipped = 0, lineNo = 0;
        string? firstSkipped = null;
        using var writer = RecordingWriter.Create(outputPath, metadata);
        foreach (var raw in File.ReadLines(framesPath))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0) continue;
            if (!IsJsonObject(line))
            {
                skipped++;
                firstSkipped ??= $"{framesPath}:{lineNo}: not a JSON object";
                continue;
            }
            writer.Write(origin.Nanos + frames * spacingNanos, connectionId, Encoding.UTF8.GetBytes(line));
            frames++;
        }
        return new Result(frames, skipped, firstSkipped);
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Timestamp? FirstCreatedAt(string path)
    {
        const string key = "\"createdAt\":\"";
        foreach (var line in File.ReadLines(path))
        {
            string compact = line.Replace(" ", "", StringComparison.Ordinal);
            int i = compact.IndexOf(key, StringComparison.Ordinal);
            if (i < 0) continue;
            int s = i + key.Length, e = compact.IndexOf('"', s);
            if (e > s && DateTimeOffset.TryParse(compact[s..e], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
                return Timestamp.FromDateTimeOffset(t);
        }
        return null;
    }
}
