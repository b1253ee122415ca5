using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Engine.Stark.Tests.Reference;

/// <summary>
/// An independent BouncyCastle <see cref="IDsaKCalculator"/> for the elliptic 6.x nonce rule (docs §6): the RFC 6979
/// HMAC-DRBG, but a draw is shifted right by 4 only when its first byte is non-zero, and accepted when
/// 1 &lt; c &lt; n − 1. Compare with BouncyCastle's own strict <see cref="HMacDsaKCalculator"/>.
/// ECDsaSigner hands over the message as z·16 in 32 bytes (so that its own truncation recovers z).
/// </summary>
public sealed class EllipticKCalculator : IDsaKCalculator
{
    private readonly HMac _hmac = new(new Sha256Digest());
    private readonly byte[] _k = new byte[32];
    private readonly byte[] _v = new byte[32];
    private BigInteger _n = BigInteger.One;
    private bool _drawn;

    public int Draws { get; private set; }
    public bool AcceptedDrawHadLeadingZeroByte { get; private set; }

    public bool IsDeterministic => true;

    public void Init(BigInteger n, SecureRandom random) => throw new NotSupportedException("deterministic only");

    public void Init(BigInteger n, BigInteger d, byte[] message)
    {
        _n = n;
        var z = new BigInteger(1, message).ShiftRight(4);
        var seed = new byte[64];
        Fixed32(d).CopyTo(seed, 0);
        Fixed32(z).CopyTo(seed, 32);
        Array.Clear(_k);
        Array.Fill(_v, (byte)1);
        Update(seed);
        _drawn = false;
        Draws = 0;
    }

    public BigInteger NextK()
    {
        while (true)
        {
            if (_drawn) Update(null);
            _drawn = true;
            Mac(_v, _v);
            Draws++;
            var candidate = new BigInteger(1, _v);
            if (_v[0] != 0) candidate = candidate.ShiftRight(4);
            if (candidate.CompareTo(BigInteger.One) > 0 && candidate.CompareTo(_n.Subtract(BigInteger.One)) < 0)
            {
                AcceptedDrawHadLeadingZeroByte = _v[0] == 0;
                return candidate;
            }
        }
    }

    private void Update(byte[]? seed)
    {
        Mac(_k, _v, [0x00], seed ?? []);
        Mac(_v, _v);
        if (seed is null) return;
        Mac(_k, _v, [0x01], seed);
        Mac(_v, _v);
    }

    private void Mac(byte[] output, params byte[][] parts)
    {
        _hmac.Init(new KeyParameter(_k));
        foreach (var part in parts) _hmac.BlockUpdate(part, 0, part.Length);
        _hmac.DoFinal(output, 0);
    }

    private static byte[] Fixed32(BigInteger value)
    {
        var raw = value.ToByteArrayUnsigned();
        var result = new byte[32];
        raw.CopyTo(result, 32 - raw.Length);
        return result;
    }
}
