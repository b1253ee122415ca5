using Engine.Core.Book;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Strategy;

/// <summary>The order manager's view of one of our live orders.</summary>
public sealed record WorkingOrder(string ClientId, Side Side, Price Price, Quantity RemainingSize, Timestamp CreatedAt, OrderStatus Status);

/// <summary>Everything the strategy may look at when it decides.</summary>
public sealed record QuoteContext(Timestamp Now, IBookView Book, Price? LastTradePrice, Quantity Position, IReadOnlyList<WorkingOrder> Orders);

/// <summary>One order the strategy wants (already on tick and step).</summary>
public sealed record QuoteOrder(Side Side, Price Price, Quantity Size, int Level);

/// <summary>What to cancel and what to place.</summary>
public sealed record QuoteDecision(IReadOnlyList<string> Cancels, IReadOnlyList<QuoteOrder> Places)
{
    public static readonly QuoteDecision Empty = new([], []);
}

/// <summary>The strategy's own memory: its timers and the last price it traded at. Immutable; persisted by its actor.</summary>
public sealed record MarketMakerState(Timestamp NextCreateTime, Timestamp? NextCancelTime, Price? LastOwnTradePrice)
{
    public static readonly MarketMakerState Initial = new(new Timestamp(long.MinValue), null, null);
}
