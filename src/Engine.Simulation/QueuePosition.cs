using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Estimated place of a resting order in its price level. Ahead: visible size in front of us. TradedAtLevel: trade volume
/// at our price since the last book change there, so a model can avoid counting the same volume twice when the book
/// later shows the level shrinking by it.
/// </summary>
public readonly record struct QueuePosition(Quantity Ahead, Quantity TradedAtLevel)
{
    public static QueuePosition Behind(Quantity visible) => new(visible, Quantity.Zero);
}
