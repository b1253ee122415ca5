namespace Engine.Core.Primitives;

/// <summary>Side of an order or a trade's taker. dYdX spells them BUY / SELL.</summary>
public enum Side : byte
{
    Buy = 0,
    Sell = 1,
}

public static class SideExtensions
{
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;
    public static string ToWire(this Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static bool TryParseWire(ReadOnlySpan<byte> text, out Side side)
    {
        if (text.SequenceEqual("BUY"u8)) { side = Side.Buy; return true; }
        if (text.SequenceEqual("SELL"u8)) { side = Side.Sell; return true; }
        side = default;
        return false;
    }
}
