using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Exchange.Matching;

/// <summary>
/// One price on one side of a market's book: background size (other participants, from the feed) plus the users'
/// resting orders in arrival order. Each user order knows how much background is queued ahead of it, so the level
/// reads, front to back: background ahead of order 1, order 1, background between 1 and 2, order 2, ..., the rest.
/// </summary>
internal sealed class PriceLevel(Side side, Price price)
{
    public Side Side { get; } = side;
    public Price Price { get; } = price;

    /// <summary>Background size in quantity units: as the feed last set it, minus what users took since.</summary>
    public long Background { get; private set; }

    /// <summary>
    /// Background volume a background trade already took out of the queue here, which the feed has not removed yet.
    /// The feed's next decrease is attributed to it first so queue positions are not advanced twice for one trade.
    /// </summary>
    public long TradeDecreasePending { get; set; }

    public List<SandboxOrder> Orders { get; } = new();

    public long UserSize
    {
        get
        {
            long total = 0;
            foreach (var o in Orders) total += o.Remaining.Units;
            return total;
        }
    }

    public long PublicSize => Background + UserSize;

    public bool IsEmpty => Background == 0 && Orders.Count == 0;

    /// <summary>Users took background from the front of the queue: it is gone, and every order moved up by as much.</summary>
    public void ConsumeBackground(long amount)
    {
        if (amount <= 0) return;
        if (amount > Background) throw new InvalidOperationException($"consuming {amount} of {Background} background at {Price}");
        Background -= amount;
        AdvanceQueue(amount);
    }

    /// <summary>A background trade took <paramref name="amount"/> from the front of the queue (the feed removes it later).</summary>
    public void TradeAheadConsumed(long amount) => AdvanceQueue(amount);

    /// <summary>
    /// The feed set the background size here. A decrease not explained by a pending trade is taken to be cancels
    /// ahead of our orders (they move up by as much); an increase joins the back of the queue. Either way no order
    /// can have more background ahead of it than the level now holds.
    /// </summary>
    public void RefreshBackground(long newSize)
    {
        long decrease = Background - newSize;
        if (decrease > 0)
        {
            long explained = Math.Min(decrease, TradeDecreasePending);
            AdvanceQueue(decrease - explained);
        }
        TradeDecreasePending = 0;
        Background = newSize;
        ClampQueue();
    }

    /// <summary>A snapshot replaced the background: we no longer know what changed, so keep the smaller estimate (risk-averse).</summary>
    public void ResetBackground(long newSize)
    {
        TradeDecreasePending = 0;
        Background = newSize;
        ClampQueue();
    }

    private void AdvanceQueue(long amount)
    {
        if (amount <= 0) return;
        foreach (var o in Orders) o.BackgroundAhead = Math.Max(0, o.BackgroundAhead - amount);
    }

    private void ClampQueue()
    {
        foreach (var o in Orders) o.BackgroundAhead = Math.Min(o.BackgroundAhead, Background);
    }
}
