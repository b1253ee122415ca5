namespace Engine.Sandbox.Exchange.Queries;

/// <summary>The most recent public trades of one market, oldest first, bounded so a long feed does not grow memory.</summary>
internal sealed class TradeTape(int capacity)
{
    private readonly Queue<PublicTradeView> _trades = new();

    public void Add(PublicTradeView trade)
    {
        _trades.Enqueue(trade);
        while (_trades.Count > capacity) _trades.Dequeue();
    }

    /// <summary>Newest first, at or before <paramref name="startingBeforeOrAt"/> when given.</summary>
    public IReadOnlyList<PublicTradeView> Newest(int limit, Engine.Core.Primitives.Timestamp? startingBeforeOrAt) =>
        _trades.Reverse().Where(t => startingBeforeOrAt is not { } at || t.CreatedAt <= at).Take(limit).ToList();
}
