using System.Text;

namespace Engine.Dydx.Feed;

/// <summary>
/// Interns market ids seen on the wire so that per-frame header parsing allocates nothing once a market has
/// been seen. Thread-safe for concurrent readers; new ids are added under a lock (rare).
/// </summary>
public sealed class MarketIds
{
    public static readonly MarketIds Shared = new();

    private volatile Entry[] _entries = [];
    private readonly object _gate = new();

    private sealed record Entry(byte[] Utf8, string Name);

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        foreach (var entry in _entries)
            if (utf8.SequenceEqual(entry.Utf8)) return entry.Name;
        lock (_gate)
        {
            foreach (var entry in _entries)
                if (utf8.SequenceEqual(entry.Utf8)) return entry.Name;
            // Bound the table: ids are markets or account ids; anything beyond that is junk input.
            string name = Encoding.UTF8.GetString(utf8);
            if (_entries.Length >= 1024) return name;
            _entries = [.. _entries, new Entry(utf8.ToArray(), name)];
            return name;
        }
    }
}
