using System.Text;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Field;
using Xunit;

namespace Engine.Stark.Tests.Signing;

public sealed class KeyTests
{
    private const string SecretHex = "58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3";

    [Fact]
    public void Private_key_never_prints_itself()
    {
        var key = StarkPrivateKey.ParseHex(SecretHex);
        Assert.Equal("StarkPrivateKey(***)", key.ToString());
        Assert.Equal("StarkPrivateKey(***)", $"{key}");
        Assert.DoesNotContain("58c7d5a9", key.ToString());
    }

    [Fact]
    public void Parse_errors_do_not_echo_the_input()
    {
        var e = Assert.Throws<FormatException>(() => StarkPrivateKey.ParseHex("zz" + SecretHex[2..]));
        Assert.DoesNotContain(SecretHex[2..], e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0x")]
    [InlineData("g1")]
    [InlineData("800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f")] // n
    [InlineData("10000000000000000000000000000000000000000000000000000000000000000")] // 65 digits
    public void Invalid_private_keys_are_refused(string hex) => Assert.False(StarkPrivateKey.TryParseHex(hex, out _));

    [Fact]
    public void Leading_zeros_and_0x_are_optional()
    {
        var a = StarkPrivateKey.ParseHex(SecretHex);
        var b = StarkPrivateKey.ParseHex("0x0" + SecretHex);
        Assert.Equal(a.ExportHex(), b.ExportHex());
        Assert.Equal("0" + SecretHex, a.ExportHex());
    }

    [Fact]
    public void Spec_example_public_key_has_odd_y()
    {
        var key = StarkPrivateKey.ParseHex(SecretHex).PublicKey;
        Assert.Equal("03b865a18323b8d147a12c556bfb1d502516c325b1477a23ba6c77af31f020fd", key.ToHex());
        Assert.Equal("00211496e5e8ccf71930aebbfb7e815807acbfd0021f17f8b3944a3ed5f06c27", key.Y!.Value.ToHex());
        Assert.True(key.Y.Value.TestBit(0));
    }

    [Fact]
    public void Key_from_data_is_keccak_shifted_right_by_five()
    {
        var key = StarkPrivateKey.FromData(Encoding.UTF8.GetBytes("0"));
        Assert.Equal("002242959533856f2a03f3c7d9431e28ef4fe5cb2a15038c37f1d76d35dc508b", key.ExportHex());
    }

    [Fact]
    public void Public_keys_parse_only_on_the_curve()
    {
        var x = StarkPrivateKey.ParseHex(SecretHex).PublicKey.X;
        Assert.Equal(x, StarkPublicKey.ParseHex(x.ToHex()).X);
        Assert.Null(StarkPublicKey.ParseHex(x.ToHex()).Y);
        Assert.Throws<FormatException>(() => StarkPublicKey.ParseHex(FieldElement.Modulus.ToHex()));
        int offCurve = 0;
        for (ulong i = 1; i < 20; i++) if (!StarkPublicKey.TryFromX(new UInt256(i), out _)) offCurve++;
        Assert.True(offCurve > 0);
    }
}
