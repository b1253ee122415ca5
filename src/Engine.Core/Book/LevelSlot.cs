namespace Engine.Core.Book;

/// <summary>
/// One stored price on one side: a visible level (Size &gt; 0) or a tombstone (Size 0, kept for its offset).
/// Key is the price mapped so that a larger key is always a better price (see <see cref="BookSide"/>).
/// </summary>
internal struct LevelSlot
{
    public long Key;
    public long Size;
    public long Offset;

    public LevelSlot(long key, long size, long offset)
    {
        Key = key;
        Size = size;
        Offset = offset;
    }
}
