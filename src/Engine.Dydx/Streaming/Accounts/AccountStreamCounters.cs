namespace Engine.Dydx.Streaming.Accounts;

/// <summary>Counts of what <see cref="AccountStream"/> saw.</summary>
public sealed class AccountStreamCounters
{
    public long Seeds;
    public long Reseeds;
    public long Updates;
    public long Fills;
    /// <summary>Fills dropped because their id was already seen (stream repeat or REST reconciliation overlap).</summary>
    public long DuplicateFills;
    public long FundingPayments;
    public long DuplicateFundingPayments;
    public long MalformedFrames;
    /// <summary>channel_data that arrived before any snapshot (applied, but the state was not seeded).</summary>
    public long UpdatesBeforeSeed;
}
