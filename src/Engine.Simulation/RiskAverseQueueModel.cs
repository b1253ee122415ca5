using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Pessimistic bound: cancellations are always behind us. Our queue only advances on trades at our price and when the
/// level shrinks below what we think is ahead (then everything left must be ahead of us).
/// </summary>
public sealed class RiskAverseQueueModel : IQueueModel
{
    public static readonly RiskAverseQueueModel Instance = new();

    public QueuePosition OnPlaced(Quantity visibleAtPrice) => QueuePosition.Behind(visibleAtPrice);

    public QueuePosition OnTradeAtPrice(QueuePosition position, Quantity tradeSize) =>
        new(Quantity.Max(position.Ahead - tradeSize, Quantity.Zero), position.TradedAtLevel + tradeSize);

    public QueuePosition OnLevelChanged(QueuePosition position, Quantity previousSize, Quantity newSize) =>
        new(Quantity.Min(position.Ahead, Quantity.Max(newSize, Quantity.Zero)), Quantity.Zero);
}
