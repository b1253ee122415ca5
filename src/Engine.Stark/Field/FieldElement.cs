using System.Numerics;
using System.Runtime.CompilerServices;
using Engine.Stark.Numerics;

namespace Engine.Stark.Field;

/// <summary>
/// An element of GF(p), p = 2^251 + 17·2^192 + 1, in Montgomery form (value·2^256 mod p) and always fully
/// reduced (&lt; p), so equality and zero tests are plain limb comparisons.
/// Why Montgomery: p ≡ 1 (mod 2^192), so −p⁻¹ ≡ −1 (mod 2^192) and the reduction needs no multiplier for the
/// first three limbs and only one 64×64 product per step against p's single non-trivial limb: a full multiply is
/// 16 products for a·b plus 4 for the reduction.
/// The operations are deliberately not forced inline: inlining a dozen of them into a point formula exhausts the
/// JIT's inline budget, after which it emits even the limb helpers as calls. They are marked
/// AggressiveOptimization instead (as are the point formulas), so a one-shot CLI run does not build its tables
/// and sign its first orders in unoptimised tier-0 code (first signature 193 → 105 ms).
/// </summary>
public readonly struct FieldElement : IEquatable<FieldElement>
{
    internal const ulong P3 = 0x0800000000000011UL; // p = P3·2^192 + 1
    public static readonly UInt256 Modulus = new(1, 0, 0, P3);

    internal readonly ulong L0, L1, L2, L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    private static readonly FieldElement RSquared = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 512, Modulus.ToBigInteger())));

    public static FieldElement Zero => default;
    public static readonly FieldElement One = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 256, Modulus.ToBigInteger())));

    private static FieldElement Raw(UInt256 v) => new(v.U0, v.U1, v.U2, v.U3);

    public bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (L0 | L1 | L2 | L3) == 0;
    }

    /// <summary>Converts a canonical integer (any value &lt; 2^256; reduced mod p) into the field.</summary>
    public static FieldElement FromUInt256(in UInt256 value) => Mul(Raw(value), RSquared);

    public static FieldElement FromUInt64(ulong value) => FromUInt256(new UInt256(value));

    /// <summary>The canonical integer in [0, p).</summary>
    public UInt256 ToUInt256()
    {
        var plain = Reduce(L0, L1, L2, L3, 0, 0, 0, 0);
        return new UInt256(plain.L0, plain.L1, plain.L2, plain.L3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldElement Add(in FieldElement a, in FieldElement b)
    {
        ulong c = 0;
        ulong s0 = Limbs.AddCarry(a.L0, b.L0, ref c);
        ulong s1 = Limbs.AddCarry(a.L1, b.L1, ref c);
        ulong s2 = Limbs.AddCarry(a.L2, b.L2, ref c);
        ulong s3 = a.L3 + b.L3 + c; // both < 2^252: no carry out of the top limb
        return SubtractModulusIfNotBelow(s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldElement Sub(in FieldElement a, in FieldElement b)
    {
        ulong borrow = 0;
        ulong d0 = Limbs.SubBorrow(a.L0, b.L0, ref borrow);
        ulong d1 = Limbs.SubBorrow(a.L1, b.L1, ref borrow);
        ulong d2 = Limbs.SubBorrow(a.L2, b.L2, ref borrow);
        ulong d3 = Limbs.SubBorrow(a.L3, b.L3, ref borrow);
        ulong mask = 0 - borrow; // add p back after a borrow
        ulong c = 0;
        d0 = Limbs.AddCarry(d0, mask & 1, ref c);
        d1 = Limbs.AddCarry(d1, 0, ref c);
        d2 = Limbs.AddCarry(d2, 0, ref c);
        d3 = d3 + (mask & P3) + c;
        return new FieldElement(d0, d1, d2, d3);
    }

    public static FieldElement Double(in FieldElement a) => Add(a, a);

    public static FieldElement Negate(in FieldElement a) => Sub(Zero, a);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldElement Mul(in FieldElement a, in FieldElement b)
    {
        ulong c = 0;
        ulong t0 = Limbs.MulAdd(a.L0, b.L0, 0, ref c);
        ulong t1 = Limbs.MulAdd(a.L0, b.L1, 0, ref c);
        ulong t2 = Limbs.MulAdd(a.L0, b.L2, 0, ref c);
        ulong t3 = Limbs.MulAdd(a.L0, b.L3, 0, ref c);
        ulong t4 = c;

        c = 0;
        t1 = Limbs.MulAdd(a.L1, b.L0, t1, ref c);
        t2 = Limbs.MulAdd(a.L1, b.L1, t2, ref c);
        t3 = Limbs.MulAdd(a.L1, b.L2, t3, ref c);
        t4 = Limbs.MulAdd(a.L1, b.L3, t4, ref c);
        ulong t5 = c;

        c = 0;
        t2 = Limbs.MulAdd(a.L2, b.L0, t2, ref c);
        t3 = Limbs.MulAdd(a.L2, b.L1, t3, ref c);
        t4 = Limbs.MulAdd(a.L2, b.L2, t4, ref c);
        t5 = Limbs.MulAdd(a.L2, b.L3, t5, ref c);
        ulong t6 = c;

        c = 0;
        t3 = Limbs.MulAdd(a.L3, b.L0, t3, ref c);
        t4 = Limbs.MulAdd(a.L3, b.L1, t4, ref c);
        t5 = Limbs.MulAdd(a.L3, b.L2, t5, ref c);
        t6 = Limbs.MulAdd(a.L3, b.L3, t6, ref c);
        ulong t7 = c;

        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldElement Square(in FieldElement a)
    {
        // Off-diagonal products once, doubled, then the squares on the diagonal.
        ulong c = 0;
        ulong t1 = Limbs.MulAdd(a.L0, a.L1, 0, ref c);
        ulong t2 = Limbs.MulAdd(a.L0, a.L2, 0, ref c);
        ulong t3 = Limbs.MulAdd(a.L0, a.L3, 0, ref c);
        ulong t4 = c;
        c = 0;
        t3 = Limbs.MulAdd(a.L1, a.L2, t3, ref c);
        t4 = Limbs.MulAdd(a.L1, a.L3, t4, ref c);
        ulong t5 = c;
        c = 0;
        t5 = Limbs.MulAdd(a.L2, a.L3, t5, ref c);
        ulong t6 = c;

        ulong t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;

        ulong h0 = Limbs.MulHigh(a.L0, a.L0), t0 = a.L0 * a.L0;
        ulong h1 = Limbs.MulHigh(a.L1, a.L1), l1 = a.L1 * a.L1;
        ulong h2 = Limbs.MulHigh(a.L2, a.L2), l2 = a.L2 * a.L2;
        ulong h3 = Limbs.MulHigh(a.L3, a.L3), l3 = a.L3 * a.L3;
        c = 0;
        t1 = Limbs.AddCarry(t1, h0, ref c);
        t2 = Limbs.AddCarry(t2, l1, ref c);
        t3 = Limbs.AddCarry(t3, h1, ref c);
        t4 = Limbs.AddCarry(t4, l2, ref c);
        t5 = Limbs.AddCarry(t5, h2, ref c);
        t6 = Limbs.AddCarry(t6, l3, ref c);
        t7 = t7 + h3 + c;

        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>Montgomery reduction of a 512-bit t &lt; 2^256·p: returns t·2^-256 mod p, fully reduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        // Step 1 (three limbs at once): M = −t mod 2^192 because −p⁻¹ ≡ −1 (mod 2^192). t + M·p = t + M + M·P3·2^192,
        // and t + M clears the low 192 bits leaving a carry of 1 exactly when they were not all zero.
        ulong borrow = 0;
        ulong m0 = Limbs.SubBorrow(0, t0, ref borrow);
        ulong m1 = Limbs.SubBorrow(0, t1, ref borrow);
        ulong m2 = Limbs.SubBorrow(0, t2, ref borrow);
        ulong c = borrow;
        ulong u0 = Limbs.MulAdd(m0, P3, t3, ref c);
        ulong u1 = Limbs.MulAdd(m1, P3, t4, ref c);
        ulong u2 = Limbs.MulAdd(m2, P3, t5, ref c);
        ulong carry = 0;
        ulong u3 = Limbs.AddCarry(t6, c, ref carry);
        ulong u4 = t7 + carry;

        // Step 2 (last limb): m = −u0 mod 2^64, then divide by 2^64.
        ulong m = 0 - u0;
        carry = u0 != 0 ? 1UL : 0UL;
        ulong v0 = Limbs.AddCarry(u1, 0, ref carry);
        ulong v1 = Limbs.AddCarry(u2, 0, ref carry);
        ulong hi = Limbs.MulHigh(m, P3), lo = m * P3;
        ulong v2 = Limbs.AddCarry(u3, lo, ref carry);
        ulong v3 = u4 + hi + carry;

        return SubtractModulusIfNotBelow(v0, v1, v2, v3);
    }

    /// <summary>Input &lt; 2p; output the same value mod p in [0, p), without a data-dependent branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement SubtractModulusIfNotBelow(ulong v0, ulong v1, ulong v2, ulong v3)
    {
        ulong borrow = 0;
        ulong d0 = Limbs.SubBorrow(v0, 1, ref borrow);
        ulong d1 = Limbs.SubBorrow(v1, 0, ref borrow);
        ulong d2 = Limbs.SubBorrow(v2, 0, ref borrow);
        ulong d3 = Limbs.SubBorrow(v3, P3, ref borrow);
        ulong keep = 0 - borrow; // all ones: v < p, keep v
        return new FieldElement(
            Limbs.Select(keep, v0, d0),
            Limbs.Select(keep, v1, d1),
            Limbs.Select(keep, v2, d2),
            Limbs.Select(keep, v3, d3));
    }

    public static FieldElement SquareTimes(in FieldElement a, int times)
    {
        var r = a;
        for (int i = 0; i < times; i++) r = Square(r);
        return r;
    }

    private static readonly ModularInverter Inverter = new(Modulus);

    /// <summary>R³ mod p: turns the plain inverse of a Montgomery representation back into Montgomery form.</summary>
    private static readonly FieldElement RCubed = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 768, Modulus.ToBigInteger())));

    /// <summary>a⁻¹ (0 maps to 0). The stored value is a·R, its plain inverse a⁻¹·R⁻¹, and one product with R³
    /// gives a⁻¹·R.</summary>
    public static FieldElement Invert(in FieldElement a) =>
        Mul(Raw(Inverter.Invert(new UInt256(a.L0, a.L1, a.L2, a.L3))), RCubed);

    public static FieldElement Pow(in FieldElement a, in UInt256 exponent)
    {
        var result = One;
        for (int bit = exponent.BitLength - 1; bit >= 0; bit--)
        {
            result = Square(result);
            if (exponent.TestBit(bit)) result = Mul(result, a);
        }
        return result;
    }

    /// <summary>Euler's criterion: true for 0 and the quadratic residues.</summary>
    public static bool IsSquare(in FieldElement a) => a.IsZero || Pow(a, HalfOrder) == One;

    private static readonly UInt256 HalfOrder = new UInt256(0, 0, 0, P3) >> 1;   // (p − 1)/2
    private const int TwoAdicity = 192;                                  // p − 1 = 2^192 · q
    private static readonly UInt256 OddPart = new(P3);                   // q = 2^59 + 17
    private static readonly UInt256 OddPartPlusOneHalf = new((P3 + 1) / 2);

    /// <summary>The smallest quadratic non-residue, needed by Tonelli–Shanks.</summary>
    private static readonly FieldElement NonResidue = FindNonResidue();

    private static FieldElement FindNonResidue()
    {
        for (ulong candidate = 2; ; candidate++)
        {
            var c = FromUInt64(candidate);
            if (!IsSquare(c)) return c;
        }
    }

    /// <summary>
    /// A square root by Tonelli–Shanks (p − 1 has 2-adicity 192, so the simple p ≡ 3 mod 4 formula does not
    /// apply). Only used to lift an x-only public key to a point; never on the signing path.
    /// </summary>
    public static bool TrySqrt(in FieldElement a, out FieldElement root)
    {
        root = Zero;
        if (a.IsZero) return true;
        if (!IsSquare(a)) return false;
        int m = TwoAdicity;
        var c = Pow(NonResidue, OddPart);
        var t = Pow(a, OddPart);
        var r = Pow(a, OddPartPlusOneHalf);
        while (t != One)
        {
            int i = 0;
            var probe = t;
            while (probe != One)
            {
                probe = Square(probe);
                i++;
            }
            var b = SquareTimes(c, m - i - 1);
            m = i;
            c = Square(b);
            t = Mul(t, c);
            r = Mul(r, b);
        }
        root = r;
        return true;
    }

    public static FieldElement operator +(in FieldElement a, in FieldElement b) => Add(a, b);
    public static FieldElement operator -(in FieldElement a, in FieldElement b) => Sub(a, b);
    public static FieldElement operator *(in FieldElement a, in FieldElement b) => Mul(a, b);
    public static bool operator ==(in FieldElement a, in FieldElement b) => a.Equals(b);
    public static bool operator !=(in FieldElement a, in FieldElement b) => !a.Equals(b);

    public bool Equals(FieldElement other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;
    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
    public override string ToString() => ToUInt256().ToString();
}
