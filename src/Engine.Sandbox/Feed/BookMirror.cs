using Engine.Core.Book;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Matching;

namespace Engine.Sandbox.Feed;

/// <summary>
/// The feed's own view of one market's book, kept with the engine's <see cref="OrderBook"/> (v3 per-level offsets,
/// stale-update rejection, uncrossing). It records which levels each frame visibly changed, so the exchange is told
/// the resulting absolute sizes and never has to know about feed offsets.
/// </summary>
internal sealed class BookMirror : IBookObserver
{
    private readonly List<BackgroundLevel> _changes = new();

    public BookMirror(string market)
    {
        Book = new OrderBook(market) { Observer = this };
    }

    public OrderBook Book { get; }

    public void BeginFrame() => _changes.Clear();

    /// <summary>The levels changed by the frame, last change per price, in first-change order.</summary>
    public IReadOnlyList<BackgroundLevel> Changes()
    {
        var last = new Dictionary<(Side, long), int>();
        var result = new List<BackgroundLevel>(_changes.Count);
        foreach (var change in _changes)
        {
            if (last.TryGetValue((change.Side, change.Price.Units), out int at)) result[at] = change;
            else
            {
                last[(change.Side, change.Price.Units)] = result.Count;
                result.Add(change);
            }
        }
        return result;
    }

    /// <summary>Every visible level now (after a snapshot).</summary>
    public IReadOnlyList<BackgroundLevel> AllLevels()
    {
        var levels = new List<BackgroundLevel>(Book.LevelCount(Side.Buy) + Book.LevelCount(Side.Sell));
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            for (int i = 0; i < Book.LevelCount(side); i++)
            {
                Book.GetLevel(side, i, out var price, out var size);
                levels.Add(new BackgroundLevel(side, price, size));
            }
        }
        return levels;
    }

    public void OnLevelChanged(Side side, Price price, Quantity previousSize, Quantity newSize) =>
        _changes.Add(new BackgroundLevel(side, price, newSize));

    public void OnBookCleared() => _changes.Clear();
}
