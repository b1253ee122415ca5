using Engine.Core.Primitives;

namespace Engine.Core.Book;

/// <summary>Read-only queries over an L2 book; what strategies and fill models may see.</summary>
public interface IBookView
{
    bool TryGetBestBid(out Price price, out Quantity size);
    bool TryGetBestAsk(out Price price, out Quantity size);

    /// <summary>Visible size resting at exactly this price on this side (zero if none).</summary>
    Quantity SizeAt(Side side, Price price);

    /// <summary>Number of visible (non-zero) levels on a side.</summary>
    int LevelCount(Side side);

    /// <summary>The index-th visible level from the top (0 = best).</summary>
    void GetLevel(Side side, int index, out Price price, out Quantity size);
}

/// <summary>Told about every visible change the book applies, in order (e.g. by a fill model tracking queue position).</summary>
public interface IBookObserver
{
    void OnLevelChanged(Side side, Price price, Quantity previousSize, Quantity newSize);
    void OnBookCleared();
}
