using Engine.Core.Primitives;

namespace Engine.Recording.Synthetic;

/// <summary>Shape of a synthetic v3 feed. Defaults resemble BTC-USD on v3 in 2022 (tick 1, step 0.0001, min 0.001).</summary>
public sealed record SyntheticFeedOptions
{
    public ulong Seed { get; init; } = 1;
    public string Market { get; init; } = "BTC-USD";
    public Timestamp Start { get; init; } = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 2, 0, 0, 0, TimeSpan.Zero));
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);
    public Price StartPrice { get; init; } = Price.Parse("30000");
    public Price TickSize { get; init; } = Price.Parse("1");
    public Quantity StepSize { get; init; } = Quantity.Parse("0.0001");
    public Quantity MinOrderSize { get; init; } = Quantity.Parse("0.001");
    public int Depth { get; init; } = 40;

    /// <summary>Mean gap between frames; gaps are drawn uniformly in [0, 2 × mean].</summary>
    public TimeSpan MeanFrameGap { get; init; } = TimeSpan.FromMilliseconds(20);
}
