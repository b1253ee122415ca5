using Engine.Stark.Field;

namespace Engine.Stark.Curve;

/// <summary>
/// A finite point (x, y) of the STARK curve with coordinates in Montgomery form. 64 bytes: one cache line per
/// precomputed table entry. The point at infinity is never stored as an affine point.
/// </summary>
public readonly struct AffinePoint : IEquatable<AffinePoint>
{
    public readonly FieldElement X;
    public readonly FieldElement Y;

    public AffinePoint(in FieldElement x, in FieldElement y)
    {
        X = x;
        Y = y;
    }

    public AffinePoint Negate() => new(X, FieldElement.Negate(Y));

    public bool IsOnCurve => FieldElement.Square(Y) == StarkCurve.RightHandSide(X);

    public bool Equals(AffinePoint other) => X == other.X && Y == other.Y;
    public override bool Equals(object? obj) => obj is AffinePoint other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(X, Y);
    public override string ToString() => $"({X}, {Y})";
}
