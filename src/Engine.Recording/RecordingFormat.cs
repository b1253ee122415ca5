namespace Engine.Recording;

/// <summary>
/// The engine's recording format, version 1. Text, one frame per line, optionally gzip-compressed:
/// <code>
/// #engine-recording v1
/// #key: value                 (metadata, e.g. "#synthetic: true", "#source: ...")
/// &lt;receive-ns&gt;\t&lt;connection-id&gt;\t&lt;byte-length&gt;\t&lt;frame bytes exactly as received&gt;\n
/// </code>
/// The explicit byte length keeps the frame verbatim (even one containing a newline) while the file stays
/// greppable. Receive time is the local wall clock in nanoseconds since the Unix epoch.
/// </summary>
public static class RecordingFormat
{
    public const string Magic = "#engine-recording v1";
    public const string SyntheticKey = "synthetic";
    public const string SourceKey = "source";
    public const int MaxFrameBytes = 16 * 1024 * 1024;
}
