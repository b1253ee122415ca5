using System.Numerics;
using CsCheck;
using Engine.Stark.Field;
using Engine.Stark.Numerics;
using Xunit;

namespace Engine.Stark.Tests.Primitives;

/// <summary>The fast GF(p) arithmetic against System.Numerics.BigInteger as the slow reference.</summary>
public sealed class FieldElementTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 251) + 17 * BigInteger.Pow(2, 192) + 1;

    private static BigInteger Big(FieldElement x) => x.ToUInt256().ToBigInteger();
    private static FieldElement Fe(UInt256 x) => FieldElement.FromUInt256(x);

    [Fact]
    public void Modulus_is_the_stark_prime() => Assert.Equal(P, FieldElement.Modulus.ToBigInteger());

    [Fact]
    public void Round_trips_and_reduces_any_256_bit_value() =>
        Generators.UInt256Any.Sample(x => Assert.Equal(x.ToBigInteger() % P, Big(Fe(x))));

    [Fact]
    public void Multiplication_matches_BigInteger() =>
        Gen.Select(Generators.BelowPrime, Generators.BelowPrime).Sample((a, b) =>
            Assert.Equal(a.ToBigInteger() * b.ToBigInteger() % P, Big(FieldElement.Mul(Fe(a), Fe(b)))), iter: 2000);

    [Fact]
    public void Squaring_matches_BigInteger() =>
        Generators.BelowPrime.Sample(a => Assert.Equal(BigInteger.ModPow(a.ToBigInteger(), 2, P), Big(FieldElement.Square(Fe(a)))), iter: 2000);

    [Fact]
    public void Addition_and_subtraction_match_BigInteger() =>
        Gen.Select(Generators.BelowPrime, Generators.BelowPrime).Sample((a, b) =>
        {
            Assert.Equal((a.ToBigInteger() + b.ToBigInteger()) % P, Big(FieldElement.Add(Fe(a), Fe(b))));
            Assert.Equal(((a.ToBigInteger() - b.ToBigInteger()) % P + P) % P, Big(FieldElement.Sub(Fe(a), Fe(b))));
        }, iter: 2000);

    [Fact]
    public void Inverse_matches_Fermat_on_BigInteger() =>
        Generators.BelowPrime.Where(x => !x.IsZero).Sample(a =>
            Assert.Equal(BigInteger.ModPow(a.ToBigInteger(), P - 2, P), Big(FieldElement.Invert(Fe(a)))), iter: 1000);

    [Fact]
    public void Inverse_of_zero_is_zero() => Assert.True(FieldElement.Invert(FieldElement.Zero).IsZero);

    [Fact]
    public void Square_roots_square_back_and_non_residues_have_none() =>
        Generators.BelowPrime.Sample(a =>
        {
            var x = Fe(a);
            bool residue = a.IsZero || BigInteger.ModPow(a.ToBigInteger(), (P - 1) / 2, P).IsOne;
            Assert.Equal(residue, FieldElement.TrySqrt(x, out var root));
            if (residue) Assert.Equal(x, FieldElement.Square(root));
        }, iter: 100);
}
