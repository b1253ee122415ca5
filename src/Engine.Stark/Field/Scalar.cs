using System.Numerics;
using System.Runtime.CompilerServices;
using Engine.Stark.Numerics;

namespace Engine.Stark.Field;

/// <summary>
/// An integer mod n, the order of the STARK curve's group, in Montgomery form and fully reduced. Used only by
/// ECDSA (k⁻¹, r·d, s, w = s⁻¹, u1, u2): a handful of operations per signature, but one inversion each, which a
/// BigInteger would make the slowest step of signing.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    private const ulong N0 = 0x1e66a241adc64d2fUL, N1 = 0xb781126dcae7b232UL, N2 = 0xffffffffffffffffUL, N3 = 0x0800000000000010UL;
    public static readonly UInt256 Modulus = new(N0, N1, N2, N3);

    /// <summary>−n⁻¹ mod 2^64 (Newton iteration: each step doubles the correct low bits).</summary>
    private static readonly ulong NPrime = ComputeNPrime();

    private readonly ulong _l0, _l1, _l2, _l3;

    private Scalar(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    private static readonly Scalar RSquared = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 512, Modulus.ToBigInteger())));
    public static readonly Scalar One = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 256, Modulus.ToBigInteger())));

    private static Scalar Raw(UInt256 v) => new(v.U0, v.U1, v.U2, v.U3);

    private static ulong ComputeNPrime()
    {
        ulong inv = 1;
        for (int i = 0; i < 6; i++) inv *= 2 - N0 * inv;
        return 0 - inv;
    }

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    /// <summary>Any 256-bit integer, reduced mod n.</summary>
    public static Scalar FromUInt256(in UInt256 value) => Mul(Raw(value), RSquared);

    public UInt256 ToUInt256()
    {
        var plain = Reduce(_l0, _l1, _l2, _l3, 0, 0, 0, 0);
        return new UInt256(plain._l0, plain._l1, plain._l2, plain._l3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Scalar Add(in Scalar a, in Scalar b)
    {
        ulong c = 0;
        ulong s0 = Limbs.AddCarry(a._l0, b._l0, ref c);
        ulong s1 = Limbs.AddCarry(a._l1, b._l1, ref c);
        ulong s2 = Limbs.AddCarry(a._l2, b._l2, ref c);
        ulong s3 = a._l3 + b._l3 + c; // n < 2^252: no overflow
        return SubtractModulusIfNotBelow(s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Scalar Mul(in Scalar a, in Scalar b)
    {
        ulong c = 0;
        ulong t0 = Limbs.MulAdd(a._l0, b._l0, 0, ref c);
        ulong t1 = Limbs.MulAdd(a._l0, b._l1, 0, ref c);
        ulong t2 = Limbs.MulAdd(a._l0, b._l2, 0, ref c);
        ulong t3 = Limbs.MulAdd(a._l0, b._l3, 0, ref c);
        ulong t4 = c;
        c = 0;
        t1 = Limbs.MulAdd(a._l1, b._l0, t1, ref c);
        t2 = Limbs.MulAdd(a._l1, b._l1, t2, ref c);
        t3 = Limbs.MulAdd(a._l1, b._l2, t3, ref c);
        t4 = Limbs.MulAdd(a._l1, b._l3, t4, ref c);
        ulong t5 = c;
        c = 0;
        t2 = Limbs.MulAdd(a._l2, b._l0, t2, ref c);
        t3 = Limbs.MulAdd(a._l2, b._l1, t3, ref c);
        t4 = Limbs.MulAdd(a._l2, b._l2, t4, ref c);
        t5 = Limbs.MulAdd(a._l2, b._l3, t5, ref c);
        ulong t6 = c;
        c = 0;
        t3 = Limbs.MulAdd(a._l3, b._l0, t3, ref c);
        t4 = Limbs.MulAdd(a._l3, b._l1, t4, ref c);
        t5 = Limbs.MulAdd(a._l3, b._l2, t5, ref c);
        t6 = Limbs.MulAdd(a._l3, b._l3, t6, ref c);
        ulong t7 = c;
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>
    /// Word-by-word Montgomery reduction (n has no special form) of t &lt; 2^256·n. Written out round by round:
    /// a helper taking the limbs by reference would pin them to the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Scalar Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        ulong m, c, c1, c2, top;

        m = t0 * NPrime; c = 0; c1 = 0; c2 = 0;
        Limbs.MulAdd(m, N0, t0, ref c); // t0 becomes 0 by construction
        t1 = Limbs.MulAdd(m, N1, t1, ref c);
        t2 = Limbs.MulAdd(m, N2, t2, ref c);
        t3 = Limbs.MulAdd(m, N3, t3, ref c);
        t4 = Limbs.AddCarry(t4, c, ref c1);
        top = c1;

        m = t1 * NPrime; c = 0; c1 = 0;
        Limbs.MulAdd(m, N0, t1, ref c);
        t2 = Limbs.MulAdd(m, N1, t2, ref c);
        t3 = Limbs.MulAdd(m, N2, t3, ref c);
        t4 = Limbs.MulAdd(m, N3, t4, ref c);
        t5 = Limbs.AddCarry(t5, c, ref c1);
        t5 = Limbs.AddCarry(t5, top, ref c2);
        top = c1 + c2;

        m = t2 * NPrime; c = 0; c1 = 0; c2 = 0;
        Limbs.MulAdd(m, N0, t2, ref c);
        t3 = Limbs.MulAdd(m, N1, t3, ref c);
        t4 = Limbs.MulAdd(m, N2, t4, ref c);
        t5 = Limbs.MulAdd(m, N3, t5, ref c);
        t6 = Limbs.AddCarry(t6, c, ref c1);
        t6 = Limbs.AddCarry(t6, top, ref c2);
        top = c1 + c2;

        m = t3 * NPrime; c = 0; c1 = 0; c2 = 0;
        Limbs.MulAdd(m, N0, t3, ref c);
        t4 = Limbs.MulAdd(m, N1, t4, ref c);
        t5 = Limbs.MulAdd(m, N2, t5, ref c);
        t6 = Limbs.MulAdd(m, N3, t6, ref c);
        t7 = Limbs.AddCarry(t7, c, ref c1);
        t7 = Limbs.AddCarry(t7, top, ref c2);
        // The result is < 2n < 2^253, so nothing carries out of t7.
        return SubtractModulusIfNotBelow(t4, t5, t6, t7);
    }

    private static Scalar SubtractModulusIfNotBelow(ulong v0, ulong v1, ulong v2, ulong v3)
    {
        ulong borrow = 0;
        ulong d0 = Limbs.SubBorrow(v0, N0, ref borrow);
        ulong d1 = Limbs.SubBorrow(v1, N1, ref borrow);
        ulong d2 = Limbs.SubBorrow(v2, N2, ref borrow);
        ulong d3 = Limbs.SubBorrow(v3, N3, ref borrow);
        ulong keep = 0 - borrow;
        return new Scalar(Limbs.Select(keep, v0, d0), Limbs.Select(keep, v1, d1), Limbs.Select(keep, v2, d2), Limbs.Select(keep, v3, d3));
    }

    private static readonly ModularInverter Inverter = new(Modulus);
    private static readonly Scalar RCubed = Raw(UInt256.FromBigInteger(BigInteger.ModPow(2, 768, Modulus.ToBigInteger())));

    /// <summary>a⁻¹ (0 maps to 0), as in <see cref="FieldElement.Invert"/>.</summary>
    public static Scalar Invert(in Scalar a) => Mul(Raw(Inverter.Invert(new UInt256(a._l0, a._l1, a._l2, a._l3))), RCubed);

    public static Scalar operator +(in Scalar a, in Scalar b) => Add(a, b);
    public static Scalar operator *(in Scalar a, in Scalar b) => Mul(a, b);
    public static bool operator ==(in Scalar a, in Scalar b) => a.Equals(b);
    public static bool operator !=(in Scalar a, in Scalar b) => !a.Equals(b);

    public bool Equals(Scalar other) => ((_l0 ^ other._l0) | (_l1 ^ other._l1) | (_l2 ^ other._l2) | (_l3 ^ other._l3)) == 0;
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);
    public override string ToString() => ToUInt256().ToString();
}
