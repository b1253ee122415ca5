using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Engine.Stark.Field;
using Engine.Stark.Numerics;

namespace Engine.Stark.Signing;

/// <summary>
/// The signing nonce k exactly as starkex-lib gets it from elliptic 6.x: HMAC-DRBG (SHA-256) seeded with
/// d ‖ z (32 bytes each), drawing 32 bytes at a time. The one departure from strict RFC 6979 is elliptic's
/// truncation: a draw is shifted right by 4 bits only when its first byte is non-zero (elliptic looks at the
/// number's minimal length, not at the buffer), and a candidate is accepted when 1 &lt; c &lt; n − 1.
/// Strict RFC 6979 (BouncyCastle, python-ecdsa) always shifts, so for the ~0.5 % of messages whose accepted draw
/// starts with 0x00 it picks another k: an equally valid signature, but not the reference's bytes.
/// </summary>
public struct DeterministicNonce
{
    [InlineArray(32)]
    private struct Block
    {
        private byte _element;
    }

    private static readonly UInt256 OrderMinusOne = Scalar.Modulus - UInt256.One;

    private Block _key;
    private Block _value;
    private int _draws;

    public DeterministicNonce(in UInt256 privateKey, in UInt256 messageHash)
    {
        Span<byte> seed = stackalloc byte[64];
        privateKey.WriteBigEndian(seed);
        messageHash.WriteBigEndian(seed[32..]);
        ((Span<byte>)_key).Clear();
        ((Span<byte>)_value).Fill(0x01);
        Update(seed);
    }

    /// <summary>How many 32-byte draws were taken so far, accepted or not (the reference's kIterations).</summary>
    public readonly int Draws => _draws;

    /// <summary>The next candidate in (1, n − 1); the signer asks again if r or s comes out zero.</summary>
    public UInt256 Next()
    {
        while (true)
        {
            // The DRBG re-keys after every generate() call; doing it before the next draw skips two HMACs in
            // the common case where the first draw is accepted.
            if (_draws > 0) Update([]);
            _draws++;
            Span<byte> key = _key;
            Span<byte> value = _value;
            Hmac(key, value, value);
            var candidate = UInt256.ReadBigEndian(value);
            if (value[0] != 0) candidate >>= 4;
            if (candidate > UInt256.One && candidate < OrderMinusOne) return candidate;
        }
    }

    /// <summary>HMAC-DRBG update: K = HMAC_K(V ‖ 0x00 ‖ seed); V = HMAC_K(V); and once more with 0x01 if seeded.</summary>
    private void Update(ReadOnlySpan<byte> seed)
    {
        Span<byte> key = _key;
        Span<byte> value = _value;
        Span<byte> message = stackalloc byte[32 + 1 + 64];
        message = message[..(33 + seed.Length)];
        value.CopyTo(message);
        message[32] = 0x00;
        seed.CopyTo(message[33..]);
        Hmac(key, message, key);
        Hmac(key, value, value);
        if (seed.IsEmpty) return;
        value.CopyTo(message);
        message[32] = 0x01;
        Hmac(key, message, key);
        Hmac(key, value, value);
    }

    /// <summary>HMAC-SHA256 through a scratch block, so the output may alias the key or the message.</summary>
    private static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        mac.CopyTo(destination);
    }
}
