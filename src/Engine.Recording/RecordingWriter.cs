using System.Buffers.Text;
using System.IO.Compression;
using System.Text;

namespace Engine.Recording;

/// <summary>Writes the v1 recording format (see <see cref="RecordingFormat"/>); gzip when the path ends in ".gz".</summary>
public sealed class RecordingWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _prefix = new byte[128];

    public RecordingWriter(Stream stream, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        _stream = stream;
        WriteText(RecordingFormat.Magic + "\n");
        foreach (var (key, value) in metadata)
        {
            if (key.Contains(':') || key.Contains('\n') || value.Contains('\n'))
                throw new ArgumentException($"metadata '{key}' must not contain ':' in the key or newlines");
            WriteText($"#{key}: {value}\n");
        }
    }

    public static RecordingWriter Create(string path, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionLevel.Optimal);
        return new RecordingWriter(stream, metadata);
    }

    public long FramesWritten { get; private set; }

    public void Write(long receivedNanos, string connectionId, ReadOnlySpan<byte> frame)
    {
        if (frame.Length > RecordingFormat.MaxFrameBytes) throw new ArgumentException($"frame of {frame.Length} bytes exceeds {RecordingFormat.MaxFrameBytes}");
        if (connectionId.Contains('\t') || connectionId.Contains('\n')) throw new ArgumentException("connection id must not contain tabs or newlines");
        int pos = 0;
        Utf8Formatter.TryFormat(receivedNanos, _prefix, out int n); pos += n;
        _prefix[pos++] = (byte)'\t';
        pos += Encoding.UTF8.GetBytes(connectionId, _prefix.AsSpan(pos));
        _prefix[pos++] = (byte)'\t';
        Utf8Formatter.TryFormat(frame.Length, _prefix.AsSpan(pos), out n); pos += n;
        _prefix[pos++] = (byte)'\t';
        _stream.Write(_prefix, 0, pos);
        _stream.Write(frame);
        _stream.WriteByte((byte)'\n');
        FramesWritten++;
    }

    public void Write(long receivedNanos, string connectionId, string frame) =>
        Write(receivedNanos, connectionId, Encoding.UTF8.GetBytes(frame));

    private void WriteText(string text) => _stream.Write(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        _stream.Flush();
        _stream.Dispose();
    }
}
