using Engine.Core.Primitives;

namespace Engine.Core.Tests.Book;

/// <summary>
/// Deliberately naive model of the v3 book rules (dictionaries, linear scans, no pruning) that tests compare
/// <see cref="Engine.Core.Book.OrderBook"/> against.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly Dictionary<long, (long Size, long Offset)> _bids = [];
    private readonly Dictionary<long, (long Size, long Offset)> _asks = [];

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    public bool Apply(Side side, long price, long size, long offset)
    {
        var levels = Levels(side);
        if (levels.TryGetValue(price, out var stored) && offset <= stored.Offset) return false;
        levels[price] = (size, offset);
        return true;
    }

    public int Uncross()
    {
        int removed = 0;
        while (true)
        {
            var bids = Visible(Side.Buy);
            var asks = Visible(Side.Sell);
            if (bids.Count == 0 || asks.Count == 0 || bids[0].Price < asks[0].Price) return removed;
            long bidOffset = _bids[bids[0].Price].Offset;
            long askOffset = _asks[asks[0].Price].Offset;
            if (bidOffset <= askOffset) { _bids[bids[0].Price] = (0, bidOffset); removed++; }
            if (askOffset <= bidOffset) { _asks[asks[0].Price] = (0, askOffset); removed++; }
        }
    }

    /// <summary>Visible levels best first.</summary>
    public List<(long Price, long Size)> Visible(Side side)
    {
        var list = Levels(side).Where(kv => kv.Value.Size != 0).Select(kv => (Price: kv.Key, kv.Value.Size)).ToList();
        list.Sort((a, b) => side == Side.Buy ? b.Price.CompareTo(a.Price) : a.Price.CompareTo(b.Price));
        return list;
    }

    public long SizeAt(Side side, long price) => Levels(side).TryGetValue(price, out var stored) ? stored.Size : 0;

    public bool TryGetOffset(Side side, long price, out long offset)
    {
        bool found = Levels(side).TryGetValue(price, out var stored);
        offset = stored.Offset;
        return found;
    }

    private Dictionary<long, (long Size, long Offset)> Levels(Side side) => side == Side.Buy ? _bids : _asks;
}
