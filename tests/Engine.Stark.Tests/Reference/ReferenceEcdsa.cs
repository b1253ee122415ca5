using Engine.Stark.Numerics;
using Engine.Stark.Signing;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace Engine.Stark.Tests.Reference;

/// <summary>STARK ECDSA on BouncyCastle's ECDsaSigner, with either nonce rule.</summary>
public static class ReferenceEcdsa
{
    public static StarkSignature SignElliptic(UInt256 privateKey, UInt256 hash, out EllipticKCalculator calculator)
    {
        calculator = new EllipticKCalculator();
        return Sign(privateKey, hash, calculator);
    }

    public static StarkSignature SignStrictRfc6979(UInt256 privateKey, UInt256 hash) =>
        Sign(privateKey, hash, new HMacDsaKCalculator(new Sha256Digest()));

    public static bool Verify(UInt256 publicX, UInt256 publicY, UInt256 hash, StarkSignature signature)
    {
        var q = ReferenceCurve.Curve.ValidatePoint(ReferenceCurve.Big(publicX), ReferenceCurve.Big(publicY));
        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(q, ReferenceCurve.Domain));
        return verifier.VerifySignature(Message(hash), ReferenceCurve.Big(signature.R), ReferenceCurve.Big(signature.S));
    }

    /// <summary>z·16 in 32 bytes: ECDsaSigner keeps the top 252 bits of a 256-bit message, which is z again.</summary>
    public static byte[] Message(UInt256 hash) => ReferenceCurve.ToBytes(hash << 4);

    private static StarkSignature Sign(UInt256 privateKey, UInt256 hash, IDsaKCalculator calculator)
    {
        var signer = new ECDsaSigner(calculator);
        signer.Init(true, new ECPrivateKeyParameters(ReferenceCurve.Big(privateKey), ReferenceCurve.Domain));
        BigInteger[] rs = signer.GenerateSignature(Message(hash));
        return new StarkSignature(ReferenceCurve.Fast(rs[0]), ReferenceCurve.Fast(rs[1]));
    }
}
