using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange.Events;

/// <summary>
/// What one market's public book has told clients: the aggregated size and offset per price (size-0 entries are
/// tombstones that keep their offset, as v3 includeOffsets snapshots did), and the prices touched since the last
/// publication. Each publication that changes anything takes the next offset of the market's single counter.
/// </summary>
internal sealed class PublishedBook
{
    private readonly Dictionary<long, (long Size, long Offset)> _bids = new();
    private readonly Dictionary<long, (long Size, long Offset)> _asks = new();
    private readonly HashSet<long> _dirtyBids = new();
    private readonly HashSet<long> _dirtyAsks = new();

    /// <summary>Offset of the latest publication (0 before the first).</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// Takes the next offset without publishing anything, for a message injected outside the exchange (a fault):
    /// every later real publication still carries a higher offset and so supersedes it.
    /// </summary>
    public long ReserveOffset() => ++Offset;

    public void MarkDirty(Side side, Price price) => (side == Side.Buy ? _dirtyBids : _dirtyAsks).Add(price.Units);

    /// <summary>Publishes the touched prices whose aggregated size changed; null when none did.</summary>
    public (IReadOnlyList<PublicBookLevel> Bids, IReadOnlyList<PublicBookLevel> Asks, long Offset)? Publish(MatchingBook book)
    {
        if (_dirtyBids.Count == 0 && _dirtyAsks.Count == 0) return null;
        var bids = Changes(book.Bids, _bids, _dirtyBids);
        var asks = Changes(book.Asks, _asks, _dirtyAsks);
        if (bids.Count == 0 && asks.Count == 0) return null;
        long offset = ++Offset;
        var bidLevels = Stamp(bids, _bids, offset);
        var askLevels = Stamp(asks, _asks, offset);
        return (bidLevels, askLevels, offset);
    }

    public OrderbookSnapshot Snapshot(string market, bool includeTombstones) =>
        new(market, Offset, Levels(_bids, Side.Buy, includeTombstones), Levels(_asks, Side.Sell, includeTombstones));

    private static List<(long Price, long Size)> Changes(BookSide side, Dictionary<long, (long Size, long Offset)> published, HashSet<long> dirty)
    {
        var changes = new List<(long, long)>();
        foreach (long price in dirty)
        {
            long now = side.Find(new Price(price))?.PublicSize ?? 0;
            long before = published.TryGetValue(price, out var p) ? p.Size : 0;
            if (now != before) changes.Add((price, now));
        }
        dirty.Clear();
        changes.Sort((a, b) => side.Side == Side.Buy ? b.Item1.CompareTo(a.Item1) : a.Item1.CompareTo(b.Item1));
        return changes;
    }

    private static List<PublicBookLevel> Stamp(List<(long Price, long Size)> changes, Dictionary<long, (long Size, long Offset)> published, long offset)
    {
        var levels = new List<PublicBookLevel>(changes.Count);
        foreach (var (price, size) in changes)
        {
            published[price] = (size, offset);
            levels.Add(new PublicBookLevel(new Price(price), new Quantity(size), offset));
        }
        return levels;
    }

    private static List<PublicBookLevel> Levels(Dictionary<long, (long Size, long Offset)> published, Side side, bool includeTombstones)
    {
        var levels = published
            .Where(p => includeTombstones || p.Value.Size > 0)
            .Select(p => new PublicBookLevel(new Price(p.Key), new Quantity(p.Value.Size), p.Value.Offset))
            .ToList();
        levels.Sort((a, b) => side == Side.Buy ? b.Price.CompareTo(a.Price) : a.Price.CompareTo(b.Price));
        return levels;
    }
}
