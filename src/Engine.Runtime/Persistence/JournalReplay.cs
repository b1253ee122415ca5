using Akka.Serialization;

namespace Engine.Runtime.Persistence;

/// <summary>
/// Resuming an interrupted simulation the way deterministic trading systems recover (replay the input, check the
/// output): the recording is fed again from the start, and every event an actor derives is compared with the
/// event its journal already holds at that position instead of being written a second time. When the journal's
/// end is reached the actor writes again, so the finished journal is exactly that of an uninterrupted run.
/// A difference means the recording, configuration or engine changed since the run began, and the resume stops
/// with that error rather than mixing two different runs in one journal.
/// </summary>
public sealed class JournalReplay(Serialization serialization, string persistenceId)
{
    private readonly Queue<object> _journaled = new();
    private long _position;

    /// <summary>Journaled events not yet derived again.</summary>
    public int Pending => _journaled.Count;

    public bool IsReplaying => _journaled.Count > 0;

    /// <summary>Recovery hands over the journal, in sequence order.</summary>
    public void Journaled(object e) => _journaled.Enqueue(e);

    /// <summary>Consumes the next journaled event, which must be the one just derived (same manifest and bytes).</summary>
    public void Verify(object derived)
    {
        var journaled = _journaled.Dequeue();
        _position++;
        if (!SameBytes(journaled, derived))
            throw new JournalDivergedException(
                $"{persistenceId}: event {_position} derived on resume ({Describe(derived)}) differs from the journaled one ({Describe(journaled)}); " +
                "the recording, strategy, configuration or engine changed since the run began, so it cannot be resumed");
    }

    /// <summary>The error to report if the journal still holds events the resumed run never produced.</summary>
    public JournalDivergedException? Unfinished() => _journaled.Count == 0 ? null :
        new JournalDivergedException($"{persistenceId}: the journal holds {_journaled.Count} events after position {_position} that the resumed run did not produce");

    private bool SameBytes(object a, object b)
    {
        var serializer = serialization.FindSerializerFor(a);
        if (!ReferenceEquals(serializer, serialization.FindSerializerFor(b))) return false;
        if (Serialization.ManifestFor(serializer, a) != Serialization.ManifestFor(serializer, b)) return false;
        return serializer.ToBinary(a).AsSpan().SequenceEqual(serializer.ToBinary(b));
    }

    private string Describe(object e) => $"{Serialization.ManifestFor(serialization.FindSerializerFor(e), e)}";
}

/// <summary>A resumed run derived an event different from the one in its journal.</summary>
public sealed class JournalDivergedException(string message) : Exception(message);
