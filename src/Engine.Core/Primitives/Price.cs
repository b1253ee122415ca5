using System.Runtime.CompilerServices;

namespace Engine.Core.Primitives;

/// <summary>An exact price in quote units (USD), nine-decimal fixed point.</summary>
public readonly record struct Price(long Units) : IComparable<Price>
{
    public static readonly Price Zero = new(0);

    public static Price Parse(string text) => new(FixedPoint.Parse(text));
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price price)
    {
        bool ok = FixedPoint.TryParse(utf8, out long units);
        price = new Price(units);
        return ok;
    }
    public static Price FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    public decimal ToDecimal() => FixedPoint.ToDecimal(Units);
    public override string ToString() => FixedPoint.Format(Units);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CompareTo(Price other) => Units.CompareTo(other.Units);

    public static bool operator <(Price a, Price b) => a.Units < b.Units;
    public static bool operator >(Price a, Price b) => a.Units > b.Units;
    public static bool operator <=(Price a, Price b) => a.Units <= b.Units;
    public static bool operator >=(Price a, Price b) => a.Units >= b.Units;
    public static Price operator +(Price a, Price b) => new(checked(a.Units + b.Units));
    public static Price operator -(Price a, Price b) => new(checked(a.Units - b.Units));
}
