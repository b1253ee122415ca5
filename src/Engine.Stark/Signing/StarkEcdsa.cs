using Engine.Stark.Curve;
using Engine.Stark.Field;
using Engine.Stark.Numerics;

namespace Engine.Stark.Signing;

/// <summary>
/// ECDSA on the STARK curve, bit-exact with starkex-lib (elliptic 6.x) for signing and with StarkEx's verifier
/// for verification (docs/stark-signing.md §6).
/// Not hardened against timing side channels (table lookups, the variable-time inversion and the rare-case branches
/// depend on k): the signer is meant to run on a host that nobody else shares, so no one can time its caches.
/// </summary>
public static class StarkEcdsa
{
    /// <summary>StarkEx bounds message hashes, r and w to 251 bits.</summary>
    public const int ElementBits = 251;

    /// <summary>Scalars mod n fit in 252 bits.</summary>
    public const int ScalarBits = 252;

    private static readonly UInt256 Order = Scalar.Modulus;

    public static StarkSignature Sign(in UInt256 privateKey, in UInt256 messageHash) => Sign(privateKey, messageHash, out _);

    /// <summary>Signs and reports the nonce k that was used (for differential tests against the reference).</summary>
    public static StarkSignature Sign(in UInt256 privateKey, in UInt256 messageHash, out UInt256 nonce)
    {
        if (privateKey.IsZero || privateKey >= Order)
            throw new ArgumentOutOfRangeException(nameof(privateKey), "a STARK private key must be in [1, n)");
        if (messageHash.BitLength > ElementBits)
            throw new StarkSigningException($"message hash {messageHash} is not below 2^251, so StarkEx cannot verify a signature on it");

        var d = Scalar.FromUInt256(privateKey);
        var z = Scalar.FromUInt256(messageHash);
        var nonces = new DeterministicNonce(privateKey, messageHash);
        while (true)
        {
            var k = nonces.Next();
            var point = GeneratorTable.Table.Multiply(k);
            if (point.IsInfinity) continue; // unreachable for 1 < k < n − 1; elliptic checks it, so do we
            var rx = point.AffineX().ToUInt256();
            // elliptic would use R.x mod n here; StarkEx compares the unreduced x, so such a signature is useless.
            if (rx >= Order) throw new StarkSigningException("R.x ≥ n for this message; sign a different message");
            if (rx.IsZero) continue;

            // s = k⁻¹(z + r·d) and w = s⁻¹ with one inversion: inv = (k·e)⁻¹ gives k⁻¹ = inv·e and s⁻¹ = inv·k².
            var r = Scalar.FromUInt256(rx);
            var e = Scalar.Add(z, Scalar.Mul(r, d));
            if (e.IsZero) continue; // s would be 0
            var ks = Scalar.FromUInt256(k);
            var inv = Scalar.Invert(Scalar.Mul(ks, e));
            var s = Scalar.Mul(Scalar.Mul(inv, e), e);
            var w = Scalar.Mul(Scalar.Mul(inv, ks), ks);

            if (rx.BitLength > ElementBits) throw new StarkSigningException("r ≥ 2^251 for this message; sign a different message");
            if (w.ToUInt256().BitLength > ElementBits) throw new StarkSigningException("s⁻¹ ≥ 2^251 for this message; sign a different message");
            nonce = k;
            return new StarkSignature(rx, s.ToUInt256());
        }
    }

    /// <summary>
    /// StarkEx's check: 1 ≤ r &lt; 2^251, 1 ≤ s &lt; n, w = s⁻¹ &lt; 2^251, z &lt; 2^251, and x(w·(z·G + r·Q)) = r
    /// without reducing x mod n. Only x of the public key is meaningful, so both ±Q are accepted.
    /// </summary>
    public static bool Verify(in UInt256 messageHash, in StarkSignature signature, in AffinePoint publicPoint) =>
        Verify(messageHash, signature, publicPoint, null);

    /// <summary>As above, with an optional window table of the public point for u2·Q.</summary>
    internal static bool Verify(in UInt256 messageHash, in StarkSignature signature, in AffinePoint publicPoint, FixedBaseTable? publicTable)
    {
        var rValue = signature.R;
        var sValue = signature.S;
        if (messageHash.BitLength > ElementBits) return false;
        if (rValue.IsZero || rValue.BitLength > ElementBits) return false;
        if (sValue.IsZero || sValue >= Order) return false;
        var w = Scalar.Invert(Scalar.FromUInt256(sValue));
        if (w.ToUInt256().BitLength > ElementBits) return false;

        var u1 = Scalar.Mul(Scalar.FromUInt256(messageHash), w).ToUInt256();
        var u2 = Scalar.Mul(Scalar.FromUInt256(rValue), w).ToUInt256();
        var fromGenerator = GeneratorTable.Table.Multiply(u1);
        var fromKey = publicTable is null ? PointArithmetic.Multiply(publicPoint, u2) : publicTable.Multiply(u2);
        var r = FieldElement.FromUInt256(rValue);

        var sum = fromGenerator;
        PointArithmetic.Add(ref sum, fromKey);
        if (sum.HasAffineX(r)) return true;
        var difference = fromGenerator;
        PointArithmetic.Add(ref difference, fromKey.Negate());
        return difference.HasAffineX(r);
    }
}
