using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Engine.Runtime.Pipeline;

namespace Engine.Runtime.Persistence;

/// <summary>
/// Base of the engine's event-sourced actors (order manager, account). It owns the journaling policy so that the
/// actors only say what an event does to their state:
/// <list type="bullet">
/// <item><see cref="Record{T}"/> journals events and applies them, either after they are durable
/// (<see cref="JournalWrites.Through"/>) or at once with the journal catching up behind
/// (<see cref="JournalWrites.Behind"/>, bounded);</item>
/// <item>snapshots every N events, always taken of the state at exactly the snapshot's sequence number;</item>
/// <item>on a resume (<see cref="JournalReplay"/>), events the journal already holds are re-derived and checked
/// instead of written again.</item>
/// </list>
/// </summary>
public abstract class JournaledActor : ReceivePersistentActor
{
    private readonly JournalOptions _options;
    private readonly Queue<(long Sequence, object State)> _snapshotsDue = new();
    private long _applied;    // sequence number of the last event applied to the state
    private long _unwritten;  // write-behind: applied but not yet durable
    private bool _replaying;

    protected JournaledActor(string persistenceId, JournalOptions options, bool resume)
    {
        PersistenceId = persistenceId;
        _options = options;
        if (resume) Replay = new JournalReplay(Context.System.Serialization, persistenceId);

        Recover<SnapshotOffer>(offer => RestoreSnapshot(offer.Snapshot));
        Recover<RecoveryCompleted>(_ =>
        {
            _applied = Replay is null ? LastSequenceNr : 0;
            OnRecovered();
        });
        Recover<object>(e =>
        {
            if (Replay is not null) Replay.Journaled(e);
            else ApplyRecovered(e);
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => Context.GetLogger().Warning("{0}: snapshot failed: {1}", PersistenceId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => Context.GetLogger().Warning("{0}: old snapshots not deleted: {1}", PersistenceId, f.Cause.Message));
    }

    public sealed override string PersistenceId { get; }

    // A resume checks every journaled event, so it replays the journal from the start rather than from a snapshot.
    public sealed override Recovery Recovery => Replay is null ? base.Recovery : new Recovery(SnapshotSelectionCriteria.None);

    /// <summary>Set when resuming: the journaled events still to be re-derived.</summary>
    protected JournalReplay? Replay { get; }

    /// <summary>The state to store in a snapshot, as it is now.</summary>
    protected abstract object SnapshotState();

    protected abstract void RestoreSnapshot(object snapshot);

    /// <summary>Applies one journaled event during a normal recovery.</summary>
    protected abstract void ApplyRecovered(object e);

    protected virtual void OnRecovered() { }

    /// <summary>Journals the events in order and runs <paramref name="apply"/> for each (see the class summary for when).</summary>
    protected void Record<T>(IReadOnlyList<T> events, Action<T> apply) where T : notnull
    {
        int replayed = 0;
        for (; replayed < events.Count && Replay is { IsReplaying: true }; replayed++)
        {
            Replay.Verify(events[replayed]);
            _replaying = true;
            try { Applied(events[replayed], apply); }
            finally { _replaying = false; }
        }
        if (replayed == events.Count) return;
        var rest = replayed == 0 ? events : events.Skip(replayed).ToList();
        if (_options.Writes == JournalWrites.Through)
        {
            PersistAllAsync(rest, e => Applied(e, apply));
            return;
        }
        foreach (var e in rest) Applied(e, apply);
        _unwritten += rest.Count;
        PersistAllAsync(rest, _ => Written());
    }

    /// <summary>Runs <paramref name="action"/> once everything recorded so far has been applied.</summary>
    protected void AfterApplied(Action action)
    {
        if (_options.Writes == JournalWrites.Through) DeferAsync(action, a => a());
        else action();
    }

    /// <summary>Runs <paramref name="action"/> once everything recorded so far is durable (queries, reports).</summary>
    protected void WhenDurable(Action action) => DeferAsync(action, a => a());

    /// <summary>Passes the simulation barrier on once this actor's effects of earlier work are out; a write-behind
    /// journal that has fallen too far behind holds it, which is the backpressure on the simulation.</summary>
    protected void PassBarrier(RouteBarrier barrier)
    {
        if (_options.Writes == JournalWrites.Behind && _unwritten <= _options.MaxUnwritten) barrier.PassOn(Self);
        else DeferAsync(barrier, b => b.PassOn(Self));
    }

    private void Applied<T>(T e, Action<T> apply) where T : notnull
    {
        apply(e);
        _applied++;
        // Replayed events already have their snapshots from the interrupted run.
        if (_replaying || _applied % _options.SnapshotEvery != 0) return;
        if (_options.Writes == JournalWrites.Through) SaveSnapshot(SnapshotState());
        else _snapshotsDue.Enqueue((_applied, SnapshotState()));
    }

    private void Written()
    {
        _unwritten--;
        // A snapshot may be saved only once its event is in the journal; it records that event's sequence number.
        while (_snapshotsDue.TryPeek(out var due) && due.Sequence <= LastSequenceNr)
        {
            _snapshotsDue.Dequeue();
            if (due.Sequence == LastSequenceNr) SaveSnapshot(due.State);
        }
    }
}
