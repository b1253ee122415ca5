using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Engine.Stark.Numerics;

/// <summary>
/// A plain 256-bit unsigned integer (four little-endian 64-bit limbs). It is the exchange format between the
/// fast arithmetic and the outside world: hashes, keys, r and s, asset ids and packed order words. It carries no
/// modulus; reduction belongs to <see cref="Field.FieldElement"/> and <see cref="Field.Scalar"/>.
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public readonly ulong U0, U1, U2, U3;

    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        U0 = u0;
        U1 = u1;
        U2 = u2;
        U3 = u3;
    }

    public static UInt256 Zero => default;
    public static UInt256 One => new(1);

    public bool IsZero => (U0 | U1 | U2 | U3) == 0;

    public int BitLength =>
        U3 != 0 ? 256 - BitOperations.LeadingZeroCount(U3)
        : U2 != 0 ? 192 - BitOperations.LeadingZeroCount(U2)
        : U1 != 0 ? 128 - BitOperations.LeadingZeroCount(U1)
        : U0 != 0 ? 64 - BitOperations.LeadingZeroCount(U0)
        : 0;

    public ulong Limb(int index) => index switch { 0 => U0, 1 => U1, 2 => U2, 3 => U3, _ => throw new ArgumentOutOfRangeException(nameof(index)) };

    /// <summary>Bits [bit, bit + width) as an integer; width ≤ 8 and the window must not cross a limb boundary.</summary>
    internal int Window(int bit, int width) => (int)(Limb(bit >> 6) >> (bit & 63)) & ((1 << width) - 1);

    public bool TestBit(int bit) => ((Limb(bit >> 6) >> (bit & 63)) & 1) != 0;

    /// <summary>2^bits − 1, for masks and range checks.</summary>
    public static UInt256 Mask(int bits)
    {
        if ((uint)bits > 256) throw new ArgumentOutOfRangeException(nameof(bits));
        Span<ulong> l = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            int take = Math.Clamp(bits - 64 * i, 0, 64);
            l[i] = take == 64 ? ulong.MaxValue : (1UL << take) - 1;
        }
        return new UInt256(l[0], l[1], l[2], l[3]);
    }

    /// <summary>Sum modulo 2^256 (callers keep operands small enough not to wrap).</summary>
    public static UInt256 operator +(in UInt256 a, in UInt256 b)
    {
        ulong c = 0;
        ulong s0 = Limbs.AddCarry(a.U0, b.U0, ref c);
        ulong s1 = Limbs.AddCarry(a.U1, b.U1, ref c);
        ulong s2 = Limbs.AddCarry(a.U2, b.U2, ref c);
        ulong s3 = Limbs.AddCarry(a.U3, b.U3, ref c);
        return new UInt256(s0, s1, s2, s3);
    }

    /// <summary>Difference modulo 2^256 (callers keep a ≥ b).</summary>
    public static UInt256 operator -(in UInt256 a, in UInt256 b)
    {
        ulong borrow = 0;
        ulong d0 = Limbs.SubBorrow(a.U0, b.U0, ref borrow);
        ulong d1 = Limbs.SubBorrow(a.U1, b.U1, ref borrow);
        ulong d2 = Limbs.SubBorrow(a.U2, b.U2, ref borrow);
        ulong d3 = Limbs.SubBorrow(a.U3, b.U3, ref borrow);
        return new UInt256(d0, d1, d2, d3);
    }

    public static UInt256 operator &(in UInt256 a, in UInt256 b) => new(a.U0 & b.U0, a.U1 & b.U1, a.U2 & b.U2, a.U3 & b.U3);
    public static UInt256 operator |(in UInt256 a, in UInt256 b) => new(a.U0 | b.U0, a.U1 | b.U1, a.U2 | b.U2, a.U3 | b.U3);

    public static UInt256 operator <<(in UInt256 a, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift >= 256) return Zero;
        int limbs = shift >> 6, bits = shift & 63;
        Span<ulong> src = [a.U0, a.U1, a.U2, a.U3];
        Span<ulong> dst = stackalloc ulong[4];
        for (int i = 3; i >= limbs; i--)
        {
            ulong v = src[i - limbs] << bits;
            if (bits != 0 && i - limbs - 1 >= 0) v |= src[i - limbs - 1] >> (64 - bits);
            dst[i] = v;
        }
        return new UInt256(dst[0], dst[1], dst[2], dst[3]);
    }

    public static UInt256 operator >>(in UInt256 a, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift >= 256) return Zero;
        int limbs = shift >> 6, bits = shift & 63;
        Span<ulong> src = [a.U0, a.U1, a.U2, a.U3];
        Span<ulong> dst = stackalloc ulong[4];
        for (int i = 0; i + limbs < 4; i++)
        {
            ulong v = src[i + limbs] >> bits;
            if (bits != 0 && i + limbs + 1 < 4) v |= src[i + limbs + 1] << (64 - bits);
            dst[i] = v;
        }
        return new UInt256(dst[0], dst[1], dst[2], dst[3]);
    }

    public int CompareTo(UInt256 other) =>
        U3 != other.U3 ? U3.CompareTo(other.U3)
        : U2 != other.U2 ? U2.CompareTo(other.U2)
        : U1 != other.U1 ? U1.CompareTo(other.U1)
        : U0.CompareTo(other.U0);

    public static bool operator <(in UInt256 a, in UInt256 b) => a.CompareTo(b) < 0;
    public static bool operator >(in UInt256 a, in UInt256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(in UInt256 a, in UInt256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(in UInt256 a, in UInt256 b) => a.CompareTo(b) >= 0;
    public static bool operator ==(in UInt256 a, in UInt256 b) => a.Equals(b);
    public static bool operator !=(in UInt256 a, in UInt256 b) => !a.Equals(b);

    public bool Equals(UInt256 other) => ((U0 ^ other.U0) | (U1 ^ other.U1) | (U2 ^ other.U2) | (U3 ^ other.U3)) == 0;
    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(U0, U1, U2, U3);

    public void WriteBigEndian(Span<byte> destination32)
    {
        if (destination32.Length < 32) throw new ArgumentException("need 32 bytes", nameof(destination32));
        BinaryPrimitives.WriteUInt64BigEndian(destination32, U3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], U2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], U1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], U0);
    }

    public static UInt256 ReadBigEndian(ReadOnlySpan<byte> source32)
    {
        if (source32.Length != 32) throw new ArgumentException("need exactly 32 bytes", nameof(source32));
        return new UInt256(
            BinaryPrimitives.ReadUInt64BigEndian(source32[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(source32[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(source32[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(source32));
    }

    /// <summary>Big-endian bytes of any length ≤ 32 (shorter input is left-padded with zeros).</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> source)
    {
        if (source.Length > 32)
        {
            foreach (byte b in source[..^32]) if (b != 0) throw new OverflowException("value exceeds 256 bits");
            source = source[^32..];
        }
        Span<byte> padded = stackalloc byte[32];
        source.CopyTo(padded[(32 - source.Length)..]);
        return ReadBigEndian(padded);
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    public static UInt256 FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0) throw new OverflowException("negative value");
        int count = value.GetByteCount(isUnsigned: true);
        if (count > 32) throw new OverflowException("value exceeds 256 bits");
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        value.TryWriteBytes(bytes[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
        return ReadBigEndian(bytes);
    }

    /// <summary>Hex with or without 0x, 1 to 64 digits, either case.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> text, out UInt256 value)
    {
        value = default;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.IsEmpty || text.Length > 64) return false;
        Span<ulong> limbs = stackalloc ulong[4];
        limbs.Clear();
        for (int i = 0; i < text.Length; i++)
        {
            int digit = HexDigit(text[text.Length - 1 - i]);
            if (digit < 0) return false;
            limbs[i >> 4] |= (ulong)digit << (4 * (i & 15));
        }
        value = new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
        return true;
    }

    public static bool TryParseHex(ReadOnlySpan<byte> utf8, out UInt256 value)
    {
        value = default;
        if (utf8.Length > 66) return false;
        Span<char> chars = stackalloc char[utf8.Length];
        for (int i = 0; i < utf8.Length; i++) chars[i] = (char)utf8[i];
        return TryParseHex(chars, out value);
    }

    public static UInt256 ParseHex(string text) =>
        TryParseHex(text, out var value) ? value : throw new FormatException($"'{text}' is not a hex number of at most 64 digits");

    public static UInt256 ParseDecimal(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var big)
            ? FromBigInteger(big)
            : throw new FormatException($"'{text}' is not a non-negative decimal integer");

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Exactly 64 lowercase hex digits, zero-padded, no 0x: the clients' fixed-width form.</summary>
    public string ToHex()
    {
        Span<char> chars = stackalloc char[64];
        FormatHex(chars);
        return new string(chars);
    }

    public void FormatHex(Span<char> destination64)
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < 64; i++)
            destination64[63 - i] = digits[(int)(Limb(i >> 4) >> (4 * (i & 15))) & 0xF];
    }

    public void FormatHex(Span<byte> utf8Destination64)
    {
        Span<char> chars = stackalloc char[64];
        FormatHex(chars);
        for (int i = 0; i < 64; i++) utf8Destination64[i] = (byte)chars[i];
    }

    public override string ToString() => "0x" + ToHex();
}
