using System.Buffers.Text;
using System.IO.Compression;
using System.Text;

namespace Engine.Recording;

/// <summary>
/// Streams a recording in constant memory (one refillable buffer). A damaged frame line is skipped, counted in
/// <see cref="MalformedLines"/> and described in <see cref="FirstError"/>; the reader resynchronises at the next
/// newline, so one bad line never loses the rest of the file.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly Stream _stream;
    private readonly string _name;
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _eof;
    private long _line;
    private byte[] _lastConnection = [];
    private string _lastConnectionName = "";
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    private FileStream? _file;

    public RecordingReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
        ReadHeader();
    }

    public static RecordingReader Open(string path)
    {
        if (!File.Exists(path)) throw new RecordingFormatException($"{path}: recording not found");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Stream stream = file;
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) stream = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return new RecordingReader(stream, path) { _file = file };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public IReadOnlyDictionary<string, string> Metadata => _metadata;
    public bool IsSynthetic => _metadata.TryGetValue(RecordingFormat.SyntheticKey, out var v) && v == "true";
    public long MalformedLines { get; private set; }
    public string? FirstError { get; private set; }
    public long FramesRead { get; private set; }

    /// <summary>Fraction of the file consumed (compressed bytes for gzip), for progress display; 0 for non-file streams.</summary>
    public double Progress => _file is { Length: > 0 } f ? (double)f.Position / f.Length : 0;

    public bool TryRead(out RecordedFrame frame)
    {
        while (true)
        {
            frame = default;
            if (!TryReadLine(out int lineStart, out int lineEnd)) return false;
            _line++;
            var line = _buffer.AsSpan(lineStart, lineEnd - lineStart);
            if (line.IsEmpty) continue;
            if (line[0] == (byte)'#') { ReadMetadata(line); continue; }
            if (TryParseFrame(lineStart, lineEnd, out frame)) { FramesRead++; return true; }
        }
    }

    private bool TryParseFrame(int lineStart, int lineEnd, out RecordedFrame frame)
    {
        frame = default;
        var line = _buffer.AsSpan(lineStart, lineEnd - lineStart);
        int t1 = line.IndexOf((byte)'\t');
        int t2 = t1 < 0 ? -1 : line[(t1 + 1)..].IndexOf((byte)'\t') + t1 + 1;
        int t3 = t2 <= t1 ? -1 : line[(t2 + 1)..].IndexOf((byte)'\t') + t2 + 1;
        if (t1 <= 0 || t2 <= t1 || t3 <= t2)
            return Malformed("expected <receive-ns>\\t<connection-id>\\t<length>\\t<frame>");
        if (!Utf8Parser.TryParse(line[..t1], out long nanos, out int c1) || c1 != t1)
            return Malformed("receive time is not an integer number of nanoseconds");
        if (!Utf8Parser.TryParse(line[(t2 + 1)..t3], out int length, out int c3) || c3 != t3 - t2 - 1 || length < 0)
            return Malformed("frame length is not a non-negative integer");
        int payloadLength = line.Length - t3 - 1;
        if (payloadLength != length)
            return Malformed($"frame length {length} does not match the {payloadLength} bytes on the line");
        frame = new RecordedFrame(nanos, Connection(line[(t1 + 1)..t2]), _buffer.AsMemory(lineStart + t3 + 1, length), _line);
        return true;
    }

    private bool Malformed(string why)
    {
        MalformedLines++;
        FirstError ??= $"{_name}:{_line}: {why}";
        return false;
    }

    private string Connection(ReadOnlySpan<byte> utf8)
    {
        if (!utf8.SequenceEqual(_lastConnection))
        {
            _lastConnection = utf8.ToArray();
            _lastConnectionName = Encoding.UTF8.GetString(utf8);
        }
        return _lastConnectionName;
    }

    private void ReadHeader()
    {
        if (!TryReadLine(out int s, out int e)) throw new RecordingFormatException($"{_name}: empty file, expected '{RecordingFormat.Magic}' on line 1");
        _line = 1;
        if (!_buffer.AsSpan(s, e - s).TrimEnd((byte)'\r').SequenceEqual(Encoding.ASCII.GetBytes(RecordingFormat.Magic)))
            throw new RecordingFormatException($"{_name}:1: not an engine recording (expected '{RecordingFormat.Magic}'); use 'engine recording import' to convert a plain file of frames");
        // Metadata lines follow the magic line; read them now so IsSynthetic and friends are known up front.
        while (TryReadLine(out s, out e))
        {
            if (e > s && _buffer[s] == (byte)'#')
            {
                _line++;
                ReadMetadata(_buffer.AsSpan(s, e - s));
                continue;
            }
            _start = s; // not metadata: leave it for TryRead (still in the buffer, nothing was compacted since)
            break;
        }
    }

    private void ReadMetadata(ReadOnlySpan<byte> line)
    {
        string text = Encoding.UTF8.GetString(line[1..]).TrimEnd('\r');
        int colon = text.IndexOf(':');
        if (colon > 0) _metadata[text[..colon].Trim()] = text[(colon + 1)..].Trim();
    }

    /// <summary>Finds the next '\n'-terminated line; honours the length prefix so frames with embedded newlines survive.</summary>
    private bool TryReadLine(out int lineStart, out int lineEnd)
    {
        int scanFrom = _start;
        while (true)
        {
            int nl = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int candidateEnd = scanFrom + nl;
                int needed = DeclaredEnd(_start, candidateEnd);
                if (needed > candidateEnd && needed >= _end && !_eof)
                {
                    // The declared frame reaches past what is buffered: read more before deciding.
                    scanFrom = _start;
                }
                else if (needed > candidateEnd && needed < _end && _buffer[needed] == (byte)'\n')
                {
                    // The frame itself contains a newline and its declared length ends exactly at a line end.
                    lineStart = _start;
                    lineEnd = needed;
                    _start = needed + 1;
                    return true;
                }
                else
                {
                    lineStart = _start;
                    lineEnd = candidateEnd;
                    _start = candidateEnd + 1;
                    return true;
                }
            }
            else scanFrom = _end;

            if (_eof)
            {
                if (_start == _end) { lineStart = lineEnd = 0; return false; }
                lineStart = _start;
                lineEnd = _end;
                _start = _end;
                return true;
            }
            int consumedShift = _start;
            Refill();
            scanFrom -= consumedShift;
        }
    }

    /// <summary>Byte index where a frame line would end per its length prefix, or -1 when it has none.</summary>
    private int DeclaredEnd(int lineStart, int firstNewline)
    {
        var span = _buffer.AsSpan(lineStart, firstNewline - lineStart);
        if (span.IsEmpty || span[0] == (byte)'#') return -1;
        int tabs = 0, i = 0;
        int lengthStart = -1;
        for (; i < span.Length; i++)
        {
            if (span[i] != (byte)'\t') continue;
            tabs++;
            if (tabs == 2) lengthStart = i + 1;
            if (tabs == 3) break;
        }
        if (tabs < 3) return -1;
        if (!Utf8Parser.TryParse(span[lengthStart..i], out int length, out int consumed) || consumed != i - lengthStart || length < 0 || length > RecordingFormat.MaxFrameBytes)
            return -1;
        return lineStart + i + 1 + length;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= RecordingFormat.MaxFrameBytes * 2)
                throw new RecordingFormatException($"{_name}:{_line + 1}: line longer than {RecordingFormat.MaxFrameBytes * 2} bytes");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }

    public void Dispose() => _stream.Dispose();
}
