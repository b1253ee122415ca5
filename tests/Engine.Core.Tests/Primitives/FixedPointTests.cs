using System.Globalization;
using System.Text;
using CsCheck;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Core.Tests.Primitives;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData("31000.5", 31_000_500_000_000L)]
    [InlineData("0.001", 1_000_000L)]
    [InlineData("-0.000000001", -1L)]
    [InlineData("12", 12_000_000_000L)]
    [InlineData("0", 0L)]
    [InlineData(".5", 500_000_000L)]
    [InlineData("1.", 1_000_000_000L)]
    [InlineData("0.1000000000000", 100_000_000L)] // trailing zeros beyond nine digits are exact
    [InlineData("9223372036.854775807", long.MaxValue)]
    public void Parses_exact_decimals(string text, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out long units));
        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData("0.0000000001")] // a tenth digit that is not zero cannot be represented
    [InlineData("9223372036.854775808")]
    [InlineData("99999999999")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    [InlineData("1.2.3")]
    public void Rejects_what_does_not_fit(string text) =>
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Format_round_trips_every_value() =>
        Gen.Long.Sample(units =>
        {
            string text = FixedPoint.Format(units);
            Assert.True(FixedPoint.TryParse(text.AsSpan(), out long back), text);
            Assert.Equal(units, back);
            Assert.Equal(FixedPoint.ToDecimal(units), decimal.Parse(text, CultureInfo.InvariantCulture));
        }, iter: 20_000);

    [Fact]
    public void Format_is_shortest_text() =>
        Gen.Long[-1_000_000_000_000L, 1_000_000_000_000L].Sample(units =>
        {
            string text = FixedPoint.Format(units);
            Assert.False(text.Contains('.') && text.EndsWith('0'), text);
            Assert.DoesNotContain("E", text);
        });

    [Fact]
    public void Parse_agrees_with_decimal_on_random_decimal_text() =>
        Gen.Select(Gen.Long[0, 9_000_000_000L], Gen.Int[0, 9], Gen.Bool).Sample((whole, digits, negative) =>
        {
            string frac = digits == 0 ? "" : "." + new string('7', digits);
            string text = (negative ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + frac;
            Assert.True(FixedPoint.TryParse(text.AsSpan(), out long units), text);
            Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), FixedPoint.ToDecimal(units));
        });

    [Fact]
    public void Notional_is_exact()
    {
        var price = Price.Parse("261.6");
        var size = Quantity.Parse("0.27");
        Assert.Equal(70.632m, size.Notional(price)); // 0.27 × 261.6, as on a real v3 fill
    }

    [Fact]
    public void FromDecimal_rejects_tenth_digit() =>
        Assert.Throws<ArgumentException>(() => FixedPoint.FromDecimal(0.0000000001m));
}
