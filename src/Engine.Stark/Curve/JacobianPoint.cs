using Engine.Stark.Field;

namespace Engine.Stark.Curve;

/// <summary>
/// A point in Jacobian coordinates: affine (X/Z², Y/Z³); Z = 0 is the point at infinity. Additions need no field
/// inversion; one inversion at the end recovers the affine x.
/// </summary>
public struct JacobianPoint
{
    public FieldElement X;
    public FieldElement Y;
    public FieldElement Z;

    public JacobianPoint(in FieldElement x, in FieldElement y, in FieldElement z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint Infinity => default;

    public static JacobianPoint FromAffine(in AffinePoint p) => new(p.X, p.Y, FieldElement.One);

    public readonly bool IsInfinity => Z.IsZero;

    public readonly JacobianPoint Negate() => new(X, FieldElement.Negate(Y), Z);

    /// <summary>Affine form (one inversion); throws for the point at infinity, which has none.</summary>
    public readonly AffinePoint ToAffine()
    {
        if (IsInfinity) throw new InvalidOperationException("the point at infinity has no affine coordinates");
        var zInv = FieldElement.Invert(Z);
        var zInv2 = FieldElement.Square(zInv);
        return new AffinePoint(FieldElement.Mul(X, zInv2), FieldElement.Mul(Y, FieldElement.Mul(zInv2, zInv)));
    }

    /// <summary>Affine x only (one inversion, two multiplications fewer than <see cref="ToAffine"/>).</summary>
    public readonly FieldElement AffineX()
    {
        if (IsInfinity) throw new InvalidOperationException("the point at infinity has no affine coordinates");
        return FieldElement.Mul(X, FieldElement.Square(FieldElement.Invert(Z)));
    }

    /// <summary>Whether the affine x equals <paramref name="x"/>, without an inversion: X == x·Z².</summary>
    public readonly bool HasAffineX(in FieldElement x) => !IsInfinity && X == FieldElement.Mul(x, FieldElement.Square(Z));
}
