using Engine.Stark.Numerics;
using Org.BouncyCastle.Math.EC;

namespace Engine.Stark.Tests.Reference;

/// <summary>
/// The Pedersen hash exactly as StarkWare's reference walks it: the 504 "bit points" (doublings of P0..P3),
/// adding entry j for each set bit j of a and then of b, starting from the shift point.
/// </summary>
public static class ReferencePedersen
{
    private static readonly ECPoint[] BitPoints = BuildBitPoints();

    private static ECPoint[] BuildBitPoints()
    {
        var points = new ECPoint[2 * 252];
        foreach (var (input, low, high) in new[] { (0, ReferenceCurve.P0, ReferenceCurve.P1), (1, ReferenceCurve.P2, ReferenceCurve.P3) })
        {
            var current = low;
            for (int j = 0; j < 248; j++, current = current.Twice().Normalize()) points[252 * input + j] = current;
            current = high;
            for (int j = 248; j < 252; j++, current = current.Twice().Normalize()) points[252 * input + j] = current;
        }
        return points;
    }

    public static UInt256 Hash(UInt256 a, UInt256 b)
    {
        var acc = ReferenceCurve.Shift;
        foreach (var (value, input) in new[] { (a, 0), (b, 1) })
            for (int j = 0; j < 252; j++)
                if (value.TestBit(j)) acc = acc.Add(BitPoints[252 * input + j]);
        return ReferenceCurve.AffineX(acc);
    }
}
