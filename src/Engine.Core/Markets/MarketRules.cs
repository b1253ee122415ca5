using Engine.Core.Primitives;

namespace Engine.Core.Markets;

/// <summary>Trading rules of one perpetual market, as published by GET /v3/markets.</summary>
public sealed record MarketRules(
    string Market,
    Price TickSize,
    Quantity StepSize,
    Quantity MinOrderSize,
    decimal InitialMarginFraction,
    decimal MaintenanceMarginFraction,
    Quantity BaselinePositionSize,
    Quantity IncrementalPositionSize,
    decimal IncrementalInitialMarginFraction,
    Quantity MaxPositionSize)
{
    public Price FloorToTick(Price price) => new(FloorTo(price.Units, TickSize.Units));
    public Price CeilToTick(Price price) => new(CeilTo(price.Units, TickSize.Units));
    public Quantity FloorToStep(Quantity size) => new(FloorTo(size.Units, StepSize.Units));

    public bool IsValidPrice(Price price) => price.Units > 0 && price.Units % TickSize.Units == 0;

    public bool IsValidSize(Quantity size) =>
        size.Units > 0 && size.Units % StepSize.Units == 0 && size >= MinOrderSize;

    /// <summary>
    /// Initial margin fraction for a position of this size: IMF grows by the incremental fraction for each
    /// started increment above the baseline (dYdX v3 perpetual contract rules).
    /// </summary>
    public decimal EffectiveInitialMarginFraction(Quantity position)
    {
        long excess = Math.Abs(position.Units) - BaselinePositionSize.Units;
        if (excess <= 0 || IncrementalPositionSize.Units <= 0) return InitialMarginFraction;
        long steps = (excess + IncrementalPositionSize.Units - 1) / IncrementalPositionSize.Units;
        return InitialMarginFraction + steps * IncrementalInitialMarginFraction;
    }

    private static long FloorTo(long value, long increment)
    {
        long r = value % increment;
        if (r < 0) r += increment;
        return value - r;
    }

    private static long CeilTo(long value, long increment)
    {
        long floor = FloorTo(value, increment);
        return floor == value ? value : floor + increment;
    }
}
