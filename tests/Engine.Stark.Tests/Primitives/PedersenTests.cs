using CsCheck;
using Engine.Stark.Field;
using Engine.Stark.Numerics;
using Engine.Stark.Pedersen;
using Engine.Stark.Tests.Reference;
using Xunit;

namespace Engine.Stark.Tests.Primitives;

public sealed class PedersenTests
{
    [Fact]
    public void Windowed_hash_equals_the_bit_by_bit_reference() =>
        Gen.Select(Generators.BelowPrime, Generators.BelowPrime).Sample((a, b) =>
            Assert.Equal(ReferencePedersen.Hash(a, b), PedersenHash.Hash(a, b)), iter: 60);

    [Fact]
    public void Edge_inputs_equal_the_reference()
    {
        var edges = new[] { UInt256.Zero, UInt256.One, FieldElement.Modulus - UInt256.One, UInt256.Mask(248), UInt256.One << 248, UInt256.Mask(251) };
        foreach (var a in edges)
            foreach (var b in edges)
                Assert.Equal(ReferencePedersen.Hash(a, b), PedersenHash.Hash(a, b));
    }

    [Fact]
    public void Prefix_then_second_half_equals_the_full_hash() =>
        Gen.Select(Generators.BelowPrime, Generators.BelowPrime).Sample((a, b) =>
            Assert.Equal(PedersenHash.Hash(a, b), PedersenHash.HashWithPrefix(PedersenHash.Prefix(a), b)), iter: 100);

    [Fact]
    public void Inputs_outside_the_field_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PedersenHash.Hash(FieldElement.Modulus, UInt256.One));
        Assert.Throws<ArgumentOutOfRangeException>(() => PedersenHash.Hash(UInt256.One, UInt256.Mask(256)));
    }
}
