using Engine.Stark.Curve;
using Engine.Stark.Numerics;

namespace Engine.Stark.Pedersen;

/// <summary>
/// StarkWare's Pedersen hash H(a, b) = x(S + a_low·P0 + a_high·P1 + b_low·P2 + b_high·P3) for field elements a, b.
/// With the window tables each call is at most 64 mixed additions and one inversion.
/// The reference throws "unhashable input" when an intermediate affine x repeats; that needs a collision of
/// probability ~2^-245, and the projective sum here stays correct even then, so the check is not reproduced.
/// </summary>
public static class PedersenHash
{
    public static UInt256 Hash(in UInt256 a, in UInt256 b)
    {
        RequireFieldElement(a, nameof(a));
        RequireFieldElement(b, nameof(b));
        var acc = JacobianPoint.FromAffine(PedersenConstants.Shift);
        AddFirstInput(ref acc, a);
        AddSecondInput(ref acc, b);
        return AffineX(acc);
    }

    /// <summary>The a-half of H(a, ·): cache it when the same a is hashed with many b (the order hash does).</summary>
    public static PedersenPrefix Prefix(in UInt256 a)
    {
        RequireFieldElement(a, nameof(a));
        var acc = JacobianPoint.FromAffine(PedersenConstants.Shift);
        AddFirstInput(ref acc, a);
        if (acc.IsInfinity) throw new InvalidOperationException("unhashable input: the partial sum is the point at infinity");
        return new PedersenPrefix(acc.ToAffine());
    }

    public static UInt256 HashWithPrefix(in PedersenPrefix prefix, in UInt256 b)
    {
        RequireFieldElement(b, nameof(b));
        var acc = JacobianPoint.FromAffine(prefix.Point);
        AddSecondInput(ref acc, b);
        return AffineX(acc);
    }

    private static void AddFirstInput(ref JacobianPoint acc, in UInt256 a)
    {
        PedersenTables.ALow.AddMultiple(ref acc, a);
        PedersenTables.AHigh.AddMultiple(ref acc, a);
    }

    private static void AddSecondInput(ref JacobianPoint acc, in UInt256 b)
    {
        PedersenTables.BLow.AddMultiple(ref acc, b);
        PedersenTables.BHigh.AddMultiple(ref acc, b);
    }

    private static UInt256 AffineX(in JacobianPoint acc)
    {
        if (acc.IsInfinity) throw new InvalidOperationException("unhashable input: the sum is the point at infinity");
        return acc.AffineX().ToUInt256();
    }

    private static void RequireFieldElement(in UInt256 value, string name)
    {
        if (value >= StarkCurve.FieldPrime)
            throw new ArgumentOutOfRangeException(name, $"Pedersen inputs must be below the field prime; got {value}");
    }
}

/// <summary>S + a_low·P0 + a_high·P1 for one fixed a, in affine form.</summary>
public readonly record struct PedersenPrefix(AffinePoint Point);
