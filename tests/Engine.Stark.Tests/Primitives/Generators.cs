using CsCheck;
using Engine.Stark.Field;
using Engine.Stark.Numerics;

namespace Engine.Stark.Tests.Primitives;

/// <summary>CsCheck generators for 256-bit values, biased towards the edges where carries and reductions break.</summary>
public static class Generators
{
    public static readonly Gen<ulong> Limb = Gen.Frequency(
        (6, Gen.ULong),
        (1, Gen.OneOfConst(0UL, 1UL, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63)));

    public static readonly Gen<UInt256> UInt256Any = Gen.Select(Limb, Limb, Limb, Limb).Select((a, b, c, d) => new UInt256(a, b, c, d));

    private static Gen<UInt256> Below(UInt256 bound) => Gen.Frequency(
        (8, UInt256Any.Select(x => x & UInt256.Mask(bound.BitLength)).Where(x => x < bound)),
        (1, Gen.OneOfConst(UInt256.Zero, UInt256.One, bound - UInt256.One, bound - new UInt256(2), UInt256.One << (bound.BitLength - 1))));

    public static readonly Gen<UInt256> BelowPrime = Below(FieldElement.Modulus);
    public static readonly Gen<UInt256> BelowOrder = Below(Scalar.Modulus);

    /// <summary>Scalars in [1, n).</summary>
    public static readonly Gen<UInt256> PrivateKey = BelowOrder.Where(x => !x.IsZero);

    /// <summary>Message hashes StarkEx can sign: below 2^251.</summary>
    public static readonly Gen<UInt256> MessageHash = Gen.Frequency(
        (8, UInt256Any.Select(x => x & UInt256.Mask(251))),
        (1, UInt256Any.Select(x => x & UInt256.Mask(200))),
        (1, Gen.OneOfConst(UInt256.Zero, UInt256.One, UInt256.Mask(251))));
}
