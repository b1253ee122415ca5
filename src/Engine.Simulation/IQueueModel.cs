using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Swappable queue-position estimator (after hftbacktest). Pure value-in/value-out so models hold no per-order state
/// and one instance can serve every order.
/// </summary>
public interface IQueueModel
{
    /// <summary>Position of an order joining a level that shows <paramref name="visibleAtPrice"/> (we go to the back).</summary>
    QueuePosition OnPlaced(Quantity visibleAtPrice);

    /// <summary>A public trade printed exactly at our price: it executes against the orders ahead of us first.</summary>
    QueuePosition OnTradeAtPrice(QueuePosition position, Quantity tradeSize);

    /// <summary>The visible size at our price changed from <paramref name="previousSize"/> to <paramref name="newSize"/>.</summary>
    QueuePosition OnLevelChanged(QueuePosition position, Quantity previousSize, Quantity newSize);
}
