using CsCheck;
using Engine.Stark.Curve;
using Engine.Stark.Field;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Signing;
using Engine.Stark.Tests.Primitives;
using Engine.Stark.Tests.Reference;
using Xunit;

namespace Engine.Stark.Tests.Signing;

public sealed class EcdsaTests
{
    private static readonly Gen<(UInt256 Key, UInt256 Hash)> KeyAndHash = Gen.Select(Generators.PrivateKey, Generators.MessageHash);

    [Fact]
    public void Signatures_equal_BouncyCastle_with_the_elliptic_nonce_rule() =>
        KeyAndHash.Sample(t =>
        {
            var expected = ReferenceEcdsa.SignElliptic(t.Key, t.Hash, out _);
            Assert.Equal(expected, StarkEcdsa.Sign(t.Key, t.Hash));
        }, iter: 150);

    [Fact]
    public void Signatures_verify_here_and_in_BouncyCastle() =>
        KeyAndHash.Sample(t =>
        {
            var key = StarkPrivateKey.FromValue(t.Key);
            var signature = key.Sign(t.Hash);
            Assert.True(key.PublicKey.Verify(t.Hash, signature));
            Assert.True(StarkPublicKey.ParseHex(key.PublicKey.ToHex()).Verify(t.Hash, signature)); // x only
            Assert.True(ReferenceEcdsa.Verify(key.PublicKey.X, key.PublicKey.Y!.Value, t.Hash, signature));
        }, iter: 100);

    [Fact]
    public void Verification_rejects_any_flipped_bit_of_hash_r_or_s() =>
        Gen.Select(Generators.PrivateKey, Generators.MessageHash, Gen.Int[0, 250], Gen.Int[0, 2]).Sample((d, z, bit, part) =>
        {
            var key = StarkPrivateKey.FromValue(d);
            var signature = key.Sign(z);
            var flip = UInt256.One << bit;
            var (hash, tampered) = part switch
            {
                0 => (Xor(z, flip), signature),
                1 => (z, signature with { R = Xor(signature.R, flip) }),
                _ => (z, signature with { S = Xor(signature.S, flip) }),
            };
            Assert.False(key.PublicKey.Verify(hash, tampered));
        }, iter: 100);

    [Fact]
    public void A_prepared_key_verifies_exactly_like_an_unprepared_one()
    {
        var key = StarkPrivateKey.FromValue(UInt256.ParseHex("65b7bb244e019b45a521ef990fb8a002f76695d1fc6c1e31911680f2ed78b84"));
        var prepared = StarkPublicKey.ParseHex(key.PublicKey.ToHex());
        prepared.Prepare();
        Gen.Select(Generators.MessageHash, Gen.Int[0, 250], Gen.Bool).Sample((z, bit, tamper) =>
        {
            var signature = key.Sign(z);
            if (tamper) signature = signature with { S = Xor(signature.S, UInt256.One << bit) };
            bool expected = StarkEcdsa.Verify(z, signature, StarkPublicKey.ParseHex(key.PublicKey.ToHex()).Point);
            Assert.Equal(!tamper, expected);
            Assert.Equal(expected, prepared.Verify(z, signature));
        }, iter: 60);
    }

    [Fact]
    public void Verification_rejects_another_key() =>
        // d and n − d give the same public x, i.e. the same StarkEx key: "another key" means another x.
        Gen.Select(Generators.PrivateKey, Generators.PrivateKey, Generators.MessageHash)
            .Where((a, b, _) => !StarkPrivateKey.FromValue(a).PublicKey.Equals(StarkPrivateKey.FromValue(b).PublicKey)).Sample((a, b, z) =>
            Assert.False(StarkPrivateKey.FromValue(b).PublicKey.Verify(z, StarkPrivateKey.FromValue(a).Sign(z))), iter: 30);

    [Fact]
    public void Verification_enforces_the_StarkEx_ranges()
    {
        var key = StarkPrivateKey.FromValue(new UInt256(7));
        var z = new UInt256(12345);
        var good = key.Sign(z);
        Assert.True(key.PublicKey.Verify(z, good));
        Assert.False(key.PublicKey.Verify(z, good with { R = UInt256.Zero }));
        Assert.False(key.PublicKey.Verify(z, good with { R = good.R | (UInt256.One << 251) }));
        Assert.False(key.PublicKey.Verify(z, good with { S = UInt256.Zero }));
        Assert.False(key.PublicKey.Verify(z, good with { S = Scalar.Modulus }));
        Assert.False(key.PublicKey.Verify(z | (UInt256.One << 251), good));
    }

    [Fact]
    public void Unsignable_inputs_are_refused()
    {
        Assert.Throws<StarkSigningException>(() => StarkEcdsa.Sign(UInt256.One, UInt256.One << 251));
        Assert.Throws<ArgumentOutOfRangeException>(() => StarkEcdsa.Sign(UInt256.Zero, UInt256.One));
        Assert.Throws<ArgumentOutOfRangeException>(() => StarkEcdsa.Sign(Scalar.Modulus, UInt256.One));
    }

    /// <summary>starkex-lib's self-test: d = 1, z = 1 takes four DRBG draws (docs §6).</summary>
    [Fact]
    public void Library_self_test_nonce_is_found_on_the_fourth_draw()
    {
        var nonces = new DeterministicNonce(UInt256.One, UInt256.One);
        Assert.Equal(UInt256.ParseHex("02a3e2067f05114b62c785475a65b6c4a698b55f8707de4d3fe4cdd6238691ff"), nonces.Next());
        Assert.Equal(4, nonces.Draws);
        StarkEcdsa.Sign(UInt256.One, UInt256.One, out var k);
        Assert.Equal(UInt256.ParseHex("02a3e2067f05114b62c785475a65b6c4a698b55f8707de4d3fe4cdd6238691ff"), k);
    }

    /// <summary>
    /// The case where strict RFC 6979 and the reference differ: the accepted 32-byte draw starts with 0x00, so
    /// elliptic does not shift it. Such messages are found deterministically; on each, this signer must agree
    /// with the elliptic-rule reference, differ from BouncyCastle's strict HMacDsaKCalculator, and both
    /// signatures must still verify.
    /// </summary>
    [Fact]
    public void Leading_zero_draws_follow_elliptic_not_strict_RFC_6979()
    {
        var d = UInt256.ParseHex("58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3");
        var key = StarkPrivateKey.FromValue(d);
        int found = 0;
        for (ulong i = 1; i < 5000 && found < 3; i++)
        {
            var z = PedersenLikeHash(i);
            var reference = ReferenceEcdsa.SignElliptic(d, z, out var calculator);
            if (!calculator.AcceptedDrawHadLeadingZeroByte) continue;
            found++;
            var ours = key.Sign(z);
            var strict = ReferenceEcdsa.SignStrictRfc6979(d, z);
            Assert.Equal(reference, ours);
            Assert.NotEqual(strict, ours);
            Assert.True(key.PublicKey.Verify(z, ours));
            Assert.True(key.PublicKey.Verify(z, strict));
        }
        Assert.Equal(3, found);
    }

    [Fact]
    public void Nonce_rule_never_differs_from_strict_RFC_6979_without_a_leading_zero_byte() =>
        KeyAndHash.Sample(t =>
        {
            var reference = ReferenceEcdsa.SignElliptic(t.Key, t.Hash, out var calculator);
            if (!calculator.AcceptedDrawHadLeadingZeroByte && calculator.Draws == 1)
                Assert.Equal(ReferenceEcdsa.SignStrictRfc6979(t.Key, t.Hash), reference);
        }, iter: 50);

    /// <summary>Full-width 251-bit messages spread like real order hashes.</summary>
    private static UInt256 PedersenLikeHash(ulong i) =>
        UInt256.ReadBigEndian(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))) & UInt256.Mask(251);

    private static UInt256 Xor(UInt256 a, UInt256 b) => new(a.U0 ^ b.U0, a.U1 ^ b.U1, a.U2 ^ b.U2, a.U3 ^ b.U3);
}
