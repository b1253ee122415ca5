using Engine.Core.Book;
using Engine.Core.Primitives;

namespace Engine.Core.Tests.Book;

/// <summary>Records observer calls and rebuilds the visible book from them, so tests can check the stream is exact.</summary>
internal sealed class RecordingObserver : IBookObserver
{
    public List<(Side Side, Price Price, Quantity Previous, Quantity New)> Changes { get; } = [];
    public int Clears { get; private set; }
    public Dictionary<(Side, long), long> Rebuilt { get; } = [];

    /// <summary>Set when a reported previous size disagrees with what earlier notifications implied.</summary>
    public string? Inconsistency { get; private set; }

    public void OnLevelChanged(Side side, Price price, Quantity previousSize, Quantity newSize)
    {
        Changes.Add((side, price, previousSize, newSize));
        long known = Rebuilt.GetValueOrDefault((side, price.Units));
        if (known != previousSize.Units)
            Inconsistency ??= $"{side} {price}: previous {previousSize} but observer had {known}";
        if (previousSize == newSize)
            Inconsistency ??= $"{side} {price}: notified without a visible change ({newSize})";
        if (newSize.IsZero) Rebuilt.Remove((side, price.Units));
        else Rebuilt[(side, price.Units)] = newSize.Units;
    }

    public void OnBookCleared()
    {
        Clears++;
        Rebuilt.Clear();
    }
}
