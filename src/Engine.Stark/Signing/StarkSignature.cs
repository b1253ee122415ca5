using Engine.Stark.Numerics;

namespace Engine.Stark.Signing;

/// <summary>An ECDSA signature (r, s) on the STARK curve. Wire form: r and s as 64 hex digits each, no 0x.</summary>
public readonly record struct StarkSignature(UInt256 R, UInt256 S)
{
    public const int HexLength = 128;

    public string ToHex()
    {
        Span<char> chars = stackalloc char[HexLength];
        FormatHex(chars);
        return new string(chars);
    }

    public void FormatHex(Span<char> destination128)
    {
        R.FormatHex(destination128[..64]);
        S.FormatHex(destination128[64..HexLength]);
    }

    public static bool TryParseHex(ReadOnlySpan<char> text, out StarkSignature signature)
    {
        signature = default;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.Length != HexLength) return false;
        foreach (char c in text) if (!char.IsAsciiHexDigit(c)) return false;
        if (!UInt256.TryParseHex(text[..64], out var r) || !UInt256.TryParseHex(text[64..], out var s)) return false;
        signature = new StarkSignature(r, s);
        return true;
    }

    public static StarkSignature ParseHex(string text) =>
        TryParseHex(text, out var signature) ? signature : throw new FormatException("a STARK signature is 128 hex digits (r then s)");

    public override string ToString() => ToHex();
}
