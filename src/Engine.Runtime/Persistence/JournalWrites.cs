namespace Engine.Runtime.Persistence;

/// <summary>When an event-sourced actor acts on an event relative to its journal write.</summary>
public enum JournalWrites
{
    /// <summary>Act only once the event is durable: intent is journaled before the venue hears of an order.
    /// What live trading needs.</summary>
    Through,

    /// <summary>Act at once and let the journal catch up in order, with at most a bounded number of events
    /// unwritten. The journal is always an ordered prefix of the run, which is all a simulation needs: a resume
    /// re-derives everything after it from the recording.</summary>
    Behind,
}

/// <summary>How an event-sourced actor journals: write mode, snapshot interval and the write-behind bound.</summary>
public sealed record JournalOptions(JournalWrites Writes, int SnapshotEvery, int MaxUnwritten = 4096)
{
    public static readonly JournalOptions WriteThrough = new(JournalWrites.Through, 500);
}
