using Engine.Stark.Field;
using Engine.Stark.Numerics;

namespace Engine.Stark.Curve;

/// <summary>
/// The STARK curve y² = x³ + αx + β over GF(p) with α = 1 (docs/stark-signing.md §2). Prime order n, cofactor 1.
/// </summary>
public static class StarkCurve
{
    public static readonly UInt256 FieldPrime = FieldElement.Modulus;
    public static readonly UInt256 Order = Scalar.Modulus;

    /// <summary>β = the first 76 digits of π, plus 379.</summary>
    public static readonly FieldElement Beta = Coordinate("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89");

    /// <summary>The ECDSA generator G (also entry 1 of StarkWare's constant-point list).</summary>
    public static readonly AffinePoint Generator = Point(
        "1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca",
        "5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f");

    /// <summary>x³ + x + β.</summary>
    public static FieldElement RightHandSide(in FieldElement x) =>
        FieldElement.Add(FieldElement.Mul(FieldElement.Add(FieldElement.Square(x), FieldElement.One), x), Beta);

    internal static FieldElement Coordinate(string hex) => FieldElement.FromUInt256(UInt256.ParseHex(hex));

    /// <summary>A point from hex coordinates; refuses anything off the curve so a typo cannot slip into a table.</summary>
    internal static AffinePoint Point(string xHex, string yHex)
    {
        var point = new AffinePoint(Coordinate(xHex), Coordinate(yHex));
        if (!point.IsOnCurve) throw new InvalidOperationException($"constant point x={xHex} is not on the STARK curve");
        return point;
    }

    /// <summary>The point with affine x = <paramref name="x"/> (either of the two), if x is on the curve.</summary>
    public static bool TryLiftX(in UInt256 x, out AffinePoint point)
    {
        point = default;
        if (x >= FieldPrime) return false;
        var fx = FieldElement.FromUInt256(x);
        if (!FieldElement.TrySqrt(RightHandSide(fx), out var y)) return false;
        point = new AffinePoint(fx, y);
        return true;
    }
}
