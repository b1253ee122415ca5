using CsCheck;
using Engine.Stark.Curve;
using Engine.Stark.Field;
using Engine.Stark.Numerics;
using Engine.Stark.Tests.Reference;
using Xunit;

namespace Engine.Stark.Tests.Primitives;

/// <summary>Jacobian formulas and window tables against BouncyCastle's generic curve arithmetic.</summary>
public sealed class CurveTests
{
    private static UInt256 X(JacobianPoint p) => p.ToAffine().X.ToUInt256();
    private static UInt256 Y(JacobianPoint p) => p.ToAffine().Y.ToUInt256();

    [Fact]
    public void Generator_table_multiplication_matches_BouncyCastle() =>
        Generators.PrivateKey.Sample(k =>
        {
            var expected = ReferenceCurve.G.Multiply(ReferenceCurve.Big(k));
            var actual = GeneratorTable.Table.Multiply(k);
            Assert.Equal(ReferenceCurve.AffineX(expected), X(actual));
            Assert.Equal(ReferenceCurve.AffineY(expected), Y(actual));
        }, iter: 200);

    [Fact]
    public void Variable_base_multiplication_matches_BouncyCastle() =>
        Gen.Select(Generators.PrivateKey, Generators.PrivateKey).Sample((a, k) =>
        {
            var point = GeneratorTable.Table.Multiply(a).ToAffine();
            var expected = ReferenceCurve.G.Multiply(ReferenceCurve.Big(a)).Multiply(ReferenceCurve.Big(k));
            var actual = PointArithmetic.Multiply(point, k);
            Assert.Equal(ReferenceCurve.AffineX(expected), X(actual));
            Assert.Equal(ReferenceCurve.AffineY(expected), Y(actual));
        }, iter: 100);

    [Fact]
    public void Four_bit_window_table_matches_BouncyCastle()
    {
        var basePoint = GeneratorTable.Table.Multiply(new UInt256(0xC0FFEE)).ToAffine();
        var table = new FixedBaseTable(basePoint, 0, 252, windowBits: 4);
        var reference = ReferenceCurve.G.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(0xC0FFEE));
        Generators.PrivateKey.Sample(k =>
            Assert.Equal(ReferenceCurve.AffineX(reference.Multiply(ReferenceCurve.Big(k))), X(table.Multiply(k))), iter: 100);
    }

    [Fact]
    public void Multiplying_by_the_group_order_gives_infinity()
    {
        Assert.True(PointArithmetic.Multiply(StarkCurve.Generator, Scalar.Modulus).IsInfinity);
        var almost = PointArithmetic.Multiply(StarkCurve.Generator, Scalar.Modulus - UInt256.One).ToAffine();
        Assert.Equal(StarkCurve.Generator.Negate(), almost);
    }

    [Fact]
    public void Exceptional_additions_are_handled()
    {
        var g = StarkCurve.Generator;
        var acc = JacobianPoint.FromAffine(g);
        PointArithmetic.AddMixed(ref acc, g); // P + P must double
        var doubled = JacobianPoint.FromAffine(g);
        PointArithmetic.Double(ref doubled);
        Assert.Equal(doubled.ToAffine(), acc.ToAffine());

        acc = JacobianPoint.FromAffine(g);
        PointArithmetic.AddMixed(ref acc, g.Negate()); // P + (−P) = ∞
        Assert.True(acc.IsInfinity);

        acc = JacobianPoint.Infinity;
        PointArithmetic.AddMixed(ref acc, g); // ∞ + P = P
        Assert.Equal(g, acc.ToAffine());

        var jacobian = doubled;
        PointArithmetic.Add(ref jacobian, doubled.Negate());
        Assert.True(jacobian.IsInfinity);
        jacobian = doubled;
        PointArithmetic.Add(ref jacobian, doubled);
        var four = ReferenceCurve.G.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(4));
        Assert.Equal(ReferenceCurve.AffineX(four), X(jacobian));
    }

    [Fact]
    public void Constant_points_are_on_the_curve_and_lifting_x_finds_them() =>
        Generators.PrivateKey.Sample(k =>
        {
            var point = GeneratorTable.Table.Multiply(k).ToAffine();
            Assert.True(point.IsOnCurve);
            Assert.True(StarkCurve.TryLiftX(point.X.ToUInt256(), out var lifted));
            Assert.True(lifted.Equals(point) || lifted.Equals(point.Negate()));
        }, iter: 20);

    [Fact]
    public void Points_off_the_curve_do_not_lift()
    {
        int rejected = 0;
        for (ulong x = 0; x < 40; x++)
            if (!StarkCurve.TryLiftX(new UInt256(x), out _)) rejected++;
        Assert.InRange(rejected, 5, 35); // about half of all x are not on the curve
        Assert.False(StarkCurve.TryLiftX(FieldElement.Modulus, out _));
    }
}
