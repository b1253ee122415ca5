using System.Runtime.CompilerServices;

namespace Engine.Core.Primitives;

/// <summary>An exact size in base-asset units (e.g. BTC), nine-decimal fixed point. Signed where it is a position.</summary>
public readonly record struct Quantity(long Units) : IComparable<Quantity>
{
    public static readonly Quantity Zero = new(0);

    public static Quantity Parse(string text) => new(FixedPoint.Parse(text));
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity quantity)
    {
        bool ok = FixedPoint.TryParse(utf8, out long units);
        quantity = new Quantity(units);
        return ok;
    }
    public static Quantity FromDecimal(decimal value) => new(FixedPoint.FromDecimal(value));

    public bool IsZero => Units == 0;
    public Quantity Abs() => new(Math.Abs(Units));
    public decimal ToDecimal() => FixedPoint.ToDecimal(Units);
    public override string ToString() => FixedPoint.Format(Units);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CompareTo(Quantity other) => Units.CompareTo(other.Units);

    public static Quantity Min(Quantity a, Quantity b) => a.Units <= b.Units ? a : b;
    public static Quantity Max(Quantity a, Quantity b) => a.Units >= b.Units ? a : b;
    public static bool operator <(Quantity a, Quantity b) => a.Units < b.Units;
    public static bool operator >(Quantity a, Quantity b) => a.Units > b.Units;
    public static bool operator <=(Quantity a, Quantity b) => a.Units <= b.Units;
    public static bool operator >=(Quantity a, Quantity b) => a.Units >= b.Units;
    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Units + b.Units));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Units - b.Units));
    public static Quantity operator -(Quantity a) => new(checked(-a.Units));

    /// <summary>Exact notional value (price × size) in quote units.</summary>
    public decimal Notional(Price price) => FixedPoint.Multiply(Units, price.Units);
}
