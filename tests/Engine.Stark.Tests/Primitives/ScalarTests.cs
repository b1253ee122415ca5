using System.Numerics;
using CsCheck;
using Engine.Stark.Field;
using Engine.Stark.Numerics;
using Xunit;

namespace Engine.Stark.Tests.Primitives;

/// <summary>Arithmetic mod n against System.Numerics.BigInteger.</summary>
public sealed class ScalarTests
{
    private static readonly BigInteger N = Scalar.Modulus.ToBigInteger();

    [Fact]
    public void Round_trips_and_reduces_any_256_bit_value() =>
        Generators.UInt256Any.Sample(x => Assert.Equal(x.ToBigInteger() % N, Scalar.FromUInt256(x).ToUInt256().ToBigInteger()));

    [Fact]
    public void Multiplication_matches_BigInteger() =>
        Gen.Select(Generators.BelowOrder, Generators.BelowOrder).Sample((a, b) =>
            Assert.Equal(a.ToBigInteger() * b.ToBigInteger() % N, Scalar.Mul(Scalar.FromUInt256(a), Scalar.FromUInt256(b)).ToUInt256().ToBigInteger()));

    [Fact]
    public void Addition_matches_BigInteger() =>
        Gen.Select(Generators.BelowOrder, Generators.BelowOrder).Sample((a, b) =>
            Assert.Equal((a.ToBigInteger() + b.ToBigInteger()) % N, Scalar.Add(Scalar.FromUInt256(a), Scalar.FromUInt256(b)).ToUInt256().ToBigInteger()));

    [Fact]
    public void Inverse_matches_BigInteger() =>
        Generators.BelowOrder.Where(x => !x.IsZero).Sample(a =>
            Assert.Equal(BigInteger.ModPow(a.ToBigInteger(), N - 2, N), Scalar.Invert(Scalar.FromUInt256(a)).ToUInt256().ToBigInteger()), iter: 200);
}
