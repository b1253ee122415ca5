using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// hftbacktest-style probabilistic queue: a decrease of the level (net of trade volume already seen there) is split
/// between the orders ahead and behind us, the ahead share weighted f(back)/(f(back)+f(front)) with f(x)=x^n. A share
/// larger than the back can hold spills to the front. Computed in decimal on sizes normalised to [0, 1] (no overflow for
/// any power), the new ahead rounded up to a whole unit (pessimistic) — deterministic, no randomness.
/// </summary>
public sealed class ProbabilisticQueueModel : IQueueModel
{
    public const int MaxPower = 10;

    public ProbabilisticQueueModel(int power = 2)
    {
        if (power < 1 || power > MaxPower)
            throw new ArgumentOutOfRangeException(nameof(power), power, $"power must be between 1 and {MaxPower}");
        Power = power;
    }

    public int Power { get; }

    public QueuePosition OnPlaced(Quantity visibleAtPrice) => QueuePosition.Behind(visibleAtPrice);

    public QueuePosition OnTradeAtPrice(QueuePosition position, Quantity tradeSize) =>
        new(Quantity.Max(position.Ahead - tradeSize, Quantity.Zero), position.TradedAtLevel + tradeSize);

    public QueuePosition OnLevelChanged(QueuePosition position, Quantity previousSize, Quantity newSize)
    {
        Quantity floor = Quantity.Max(newSize, Quantity.Zero);
        long change = previousSize.Units - newSize.Units - position.TradedAtLevel.Units;
        if (change <= 0)
            return new(Quantity.Min(position.Ahead, floor), Quantity.Zero); // growth joins behind us

        long front = position.Ahead.Units;
        long back = Math.Max(previousSize.Units - front, 0L);
        decimal aheadShare = AheadShare(front, back);
        decimal fromFront = change * aheadShare;
        decimal fromBack = change - fromFront;
        decimal spill = Math.Max(fromBack - back, 0m);
        decimal estimate = Math.Max(front - fromFront - spill, 0m);
        // Drop the last-digit noise of the normalised division before rounding up, so exact shares stay exact.
        long ahead = (long)decimal.Ceiling(Math.Round(estimate, 6, MidpointRounding.ToEven));
        return new(Quantity.Min(new Quantity(ahead), floor), Quantity.Zero);
    }

    /// <summary>f(back)/(f(back)+f(front)); an empty level gives the whole change to the front.</summary>
    public decimal AheadShare(long front, long back)
    {
        long max = Math.Max(front, back);
        if (max <= 0) return 1m;
        decimal fb = Pow((decimal)back / max);
        decimal ff = Pow((decimal)front / max);
        return fb / (fb + ff); // one of the two normalised sizes is 1, so the sum is never zero
    }

    private decimal Pow(decimal x)
    {
        decimal result = x;
        for (int i = 1; i < Power; i++) result *= x;
        return result;
    }
}
