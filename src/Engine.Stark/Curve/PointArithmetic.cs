using System.Runtime.CompilerServices;
using Engine.Stark.Field;

namespace Engine.Stark.Curve;

/// <summary>
/// Group law in Jacobian coordinates for α = 1. The formulas are the classic Cohen–Miyaji–Ono ones; the rare
/// exceptional inputs (equal or opposite points, infinity) are detected and handled, so every public entry point
/// is complete rather than "correct with overwhelming probability".
/// </summary>
public static class PointArithmetic
{
    /// <summary>acc ← 2·acc. 3M + 6S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Double(ref JacobianPoint acc)
    {
        if (acc.IsInfinity) return;
        if (acc.Y.IsZero) { acc = JacobianPoint.Infinity; return; }
        var yy = FieldElement.Square(acc.Y);
        var s = FieldElement.Mul(acc.X, yy);
        s = FieldElement.Double(FieldElement.Double(s));                      // 4·X·Y²
        var zz = FieldElement.Square(acc.Z);
        var xx = FieldElement.Square(acc.X);
        var m = FieldElement.Add(FieldElement.Add(FieldElement.Double(xx), xx), FieldElement.Square(zz)); // 3X² + α·Z⁴
        var x3 = FieldElement.Sub(FieldElement.Square(m), FieldElement.Double(s));
        var yyyy8 = FieldElement.Square(yy);
        yyyy8 = FieldElement.Double(FieldElement.Double(FieldElement.Double(yyyy8)));
        var y3 = FieldElement.Sub(FieldElement.Mul(m, FieldElement.Sub(s, x3)), yyyy8);
        var z3 = FieldElement.Double(FieldElement.Mul(acc.Y, acc.Z));
        acc.X = x3;
        acc.Y = y3;
        acc.Z = z3;
    }

    /// <summary>acc ← acc + q with q affine (the workhorse of every table walk). 8M + 3S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddMixed(ref JacobianPoint acc, in AffinePoint q)
    {
        if (acc.IsInfinity) { acc = JacobianPoint.FromAffine(q); return; }
        var z1z1 = FieldElement.Square(acc.Z);
        var u2 = FieldElement.Mul(q.X, z1z1);
        var s2 = FieldElement.Mul(q.Y, FieldElement.Mul(z1z1, acc.Z));
        var h = FieldElement.Sub(u2, acc.X);
        var r = FieldElement.Sub(s2, acc.Y);
        if (h.IsZero)
        {
            if (r.IsZero) { acc = JacobianPoint.FromAffine(q); Double(ref acc); }
            else acc = JacobianPoint.Infinity;
            return;
        }
        var hh = FieldElement.Square(h);
        var hhh = FieldElement.Mul(hh, h);
        var v = FieldElement.Mul(acc.X, hh);
        var x3 = FieldElement.Sub(FieldElement.Sub(FieldElement.Square(r), hhh), FieldElement.Double(v));
        var y3 = FieldElement.Sub(FieldElement.Mul(r, FieldElement.Sub(v, x3)), FieldElement.Mul(acc.Y, hhh));
        acc.Z = FieldElement.Mul(acc.Z, h);
        acc.X = x3;
        acc.Y = y3;
    }

    /// <summary>acc ← acc + q, both Jacobian. 12M + 4S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ref JacobianPoint acc, in JacobianPoint q)
    {
        if (q.IsInfinity) return;
        if (acc.IsInfinity) { acc = q; return; }
        var z1z1 = FieldElement.Square(acc.Z);
        var z2z2 = FieldElement.Square(q.Z);
        var u1 = FieldElement.Mul(acc.X, z2z2);
        var u2 = FieldElement.Mul(q.X, z1z1);
        var s1 = FieldElement.Mul(acc.Y, FieldElement.Mul(z2z2, q.Z));
        var s2 = FieldElement.Mul(q.Y, FieldElement.Mul(z1z1, acc.Z));
        var h = FieldElement.Sub(u2, u1);
        var r = FieldElement.Sub(s2, s1);
        if (h.IsZero)
        {
            if (r.IsZero) Double(ref acc);
            else acc = JacobianPoint.Infinity;
            return;
        }
        var hh = FieldElement.Square(h);
        var hhh = FieldElement.Mul(hh, h);
        var v = FieldElement.Mul(u1, hh);
        var x3 = FieldElement.Sub(FieldElement.Sub(FieldElement.Square(r), hhh), FieldElement.Double(v));
        var y3 = FieldElement.Sub(FieldElement.Mul(r, FieldElement.Sub(v, x3)), FieldElement.Mul(s1, hhh));
        acc.Z = FieldElement.Mul(FieldElement.Mul(acc.Z, q.Z), h);
        acc.X = x3;
        acc.Y = y3;
    }

    /// <summary>
    /// k·p for a point known only at run time (verification's u2·Q): fixed 4-bit windows from the top, four
    /// doublings and at most one addition per window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static JacobianPoint Multiply(in AffinePoint p, in Numerics.UInt256 k)
    {
        Span<JacobianPoint> multiples = stackalloc JacobianPoint[16]; // multiples[d] = d·p
        multiples[0] = JacobianPoint.Infinity;
        multiples[1] = JacobianPoint.FromAffine(p);
        for (int d = 2; d < 16; d++)
        {
            multiples[d] = multiples[d - 1];
            AddMixed(ref multiples[d], p);
        }
        var acc = JacobianPoint.Infinity;
        for (int window = (k.BitLength + 3) / 4 - 1; window >= 0; window--)
        {
            for (int i = 0; i < 4; i++) Double(ref acc);
            int digit = k.Window(4 * window, 4);
            if (digit != 0) Add(ref acc, multiples[digit]);
        }
        return acc;
    }

    /// <summary>
    /// Converts many Jacobian points to affine with one inversion (Montgomery's trick). None may be infinity.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToAffineBatch(ReadOnlySpan<JacobianPoint> points, Span<AffinePoint> destination)
    {
        if (points.Length == 0) return;
        var prefix = new FieldElement[points.Length];
        var running = FieldElement.One;
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].IsInfinity) throw new InvalidOperationException("cannot normalise the point at infinity");
            prefix[i] = running;
            running = FieldElement.Mul(running, points[i].Z);
        }
        var inverse = FieldElement.Invert(running);
        for (int i = points.Length - 1; i >= 0; i--)
        {
            var zInv = FieldElement.Mul(inverse, prefix[i]);
            inverse = FieldElement.Mul(inverse, points[i].Z);
            var zInv2 = FieldElement.Square(zInv);
            destination[i] = new AffinePoint(FieldElement.Mul(points[i].X, zInv2), FieldElement.Mul(points[i].Y, FieldElement.Mul(zInv2, zInv)));
        }
    }
}
