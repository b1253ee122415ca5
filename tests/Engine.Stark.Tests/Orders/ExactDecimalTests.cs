using System.Globalization;
using System.Numerics;
using CsCheck;
using Engine.Stark.Numerics;
using Xunit;

namespace Engine.Stark.Tests.Orders;

public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("0.0123", "0.0123")]
    [InlineData("145.0005", "145.0005")]
    [InlineData("1.50", "1.5")]
    [InlineData("100", "100")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-3", "0.0015")]
    [InlineData("-2.000", "-2")]
    [InlineData("+7", "7")]
    [InlineData("0000.000", "0")]
    [InlineData("0.000001999999999999999999999999999999999999999999", "0.000001999999999999999999999999999999999999999999")]
    public void Parses_exactly(string text, string normalised) => Assert.Equal(normalised, ExactDecimal.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("1e999")]
    [InlineData(" 1")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    public void Refuses_non_numbers(string text) => Assert.False(ExactDecimal.TryParse(text, out _));

    [Fact]
    public void Floor_and_ceiling_match_System_Decimal() =>
        Gen.Decimal.Sample(d =>
        {
            ExactDecimal exact = d;
            // Scale by 10^3 and round: compare with decimal's own exact rounding (no overflow for |d| < 7.9e25).
            if (Math.Abs(d) > 1e24m) return;
            Assert.Equal(new BigInteger(Math.Floor(d * 1000m)), exact.FloorScaled(3));
            Assert.Equal(new BigInteger(Math.Ceiling(d * 1000m)), exact.CeilingScaled(3));
        });

    [Fact]
    public void Parse_and_format_round_trip() =>
        Gen.Select(Gen.Long, Gen.Int[0, 30]).Sample((mantissa, scale) =>
        {
            var value = ExactDecimal.Create(mantissa, scale);
            Assert.Equal(value, ExactDecimal.Parse(value.ToString()));
        });

    [Fact]
    public void Equal_values_compare_equal_whatever_their_text() =>
        Assert.Equal(0, ExactDecimal.Parse("1.10").CompareTo(ExactDecimal.Parse("1.1000")));

    [Fact]
    public void Culture_does_not_matter()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal("1234.5", ExactDecimal.Parse("1234.5").ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
