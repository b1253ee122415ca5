namespace Engine.Runtime.Reports;

/// <summary>
/// The result of a simulation run. Everything here is a function of recording, configuration and seed (the
/// determinism test compares it whole); wall-clock figures live in <see cref="RunPerformance"/> instead.
/// Money is decimal, sizes and prices are exact decimal strings.
/// </summary>
public sealed record SimulationReport(
    string Market,
    string Recording,
    bool SyntheticData,
    ulong Seed,
    string? RecordingStart,
    string? RecordingEnd,
    long Frames,
    long Batches,
    long OrdersSubmitted,
    long OrdersCanceled,
    long OrdersRejected,
    long OrdersOpenAtEnd,
    long Fills,
    long MakerFills,
    long TakerFills,
    string BoughtSize,
    string SoldSize,
    decimal Volume,
    decimal Fees,
    decimal Funding,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal NetPnl,
    string Inventory,
    decimal? EntryPrice,
    string? MarkPrice,
    decimal StartingEquity,
    decimal FinalEquity,
    decimal MaxDrawdown,
    long MalformedFrames,
    long StaleLevelUpdates,
    long CrossedBooksRepaired,
    long DuplicateFillsIgnored);

/// <summary>How fast the run went (varies run to run; never compared).</summary>
public sealed record RunPerformance(double WallSeconds, double FramesPerSecond);
