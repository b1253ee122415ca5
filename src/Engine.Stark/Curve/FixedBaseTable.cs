using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Engine.Stark.Numerics;

namespace Engine.Stark.Curve;

/// <summary>
/// Precomputed multiples of one fixed point B for scalars that occupy bits [firstBit, firstBit + bitCount) of a
/// 256-bit integer: for every w-bit window i and digit d in 1..2^w − 1 it holds d·2^(w·i)·B in affine form.
/// Adding e·B is then one mixed addition per non-zero window of e and no doubling at all (≤ 32 additions for
/// 252 bits with 8-bit windows, instead of ~250 doublings plus ~125 additions).
/// Size with 8-bit windows: 255 entries × 64 bytes = 16 KB per window (about 0.5 MB for a 248-bit scalar); with
/// 4-bit windows 60 KB for 252 bits. Built once, read-only afterwards, so one table serves all threads.
/// </summary>
public sealed class FixedBaseTable
{
    private readonly int _windowBits;
    private readonly int _entriesPerWindow;
    private readonly AffinePoint[] _entries;
    private readonly int _firstBit;
    private readonly int _bitCount;
    private readonly int _windows;

    /// <param name="windowBits">4 or 8, so that no window straddles two 64-bit limbs.</param>
    public FixedBaseTable(in AffinePoint basePoint, int firstBit, int bitCount, int windowBits = 8)
    {
        if (windowBits is not (4 or 8)) throw new ArgumentOutOfRangeException(nameof(windowBits), "windows are 4 or 8 bits");
        if (firstBit % windowBits != 0 || bitCount <= 0 || firstBit + bitCount > 256)
            throw new ArgumentOutOfRangeException(nameof(bitCount), "windows must be aligned inside 256 bits");
        _windowBits = windowBits;
        _entriesPerWindow = (1 << windowBits) - 1;
        _firstBit = firstBit;
        _bitCount = bitCount;
        _windows = (bitCount + windowBits - 1) / windowBits;
        _entries = new AffinePoint[_windows * _entriesPerWindow];

        var jacobian = new JacobianPoint[_entries.Length];
        var windowBase = JacobianPoint.FromAffine(basePoint);
        for (int w = 0; w < _windows; w++)
        {
            int offset = w * _entriesPerWindow;
            var multiple = windowBase;
            jacobian[offset] = multiple;
            for (int d = 1; d < _entriesPerWindow; d++)
            {
                PointArithmetic.Add(ref multiple, windowBase);
                jacobian[offset + d] = multiple;
            }
            for (int i = 0; i < windowBits; i++) PointArithmetic.Double(ref windowBase);
        }
        PointArithmetic.ToAffineBatch(jacobian, _entries);
    }

    public int BitCount => _bitCount;

    /// <summary>
    /// acc ← acc + e·B where e = the table's bit range of <paramref name="scalar"/>. Bits outside that range are
    /// ignored, so the Pedersen hash can hand the whole input to both its low and high tables.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddMultiple(ref JacobianPoint acc, in UInt256 scalar)
    {
        ref AffinePoint first = ref MemoryMarshal.GetArrayDataReference(_entries);
        int remaining = _bitCount;
        for (int w = 0; w < _windows; w++, remaining -= _windowBits)
        {
            int width = remaining < _windowBits ? remaining : _windowBits;
            int digit = scalar.Window(_firstBit + w * _windowBits, width);
            if (digit == 0) continue;
            PointArithmetic.AddMixed(ref acc, Unsafe.Add(ref first, w * _entriesPerWindow + digit - 1));
        }
    }

    /// <summary>e·B for the table's bit range of <paramref name="scalar"/>.</summary>
    public JacobianPoint Multiply(in UInt256 scalar)
    {
        var acc = JacobianPoint.Infinity;
        AddMultiple(ref acc, scalar);
        return acc;
    }
}
