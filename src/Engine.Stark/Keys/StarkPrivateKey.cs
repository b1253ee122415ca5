using Engine.Stark.Curve;
using Engine.Stark.Field;
using Engine.Stark.Hashing;
using Engine.Stark.Numerics;
using Engine.Stark.Signing;

namespace Engine.Stark.Keys;

/// <summary>
/// A STARK private key d in [1, n). It never prints itself (ToString is "StarkPrivateKey(***)"); reading the
/// value back out takes the explicit <see cref="ExportHex"/>.
/// </summary>
public sealed class StarkPrivateKey
{
    private readonly UInt256 _value;
    private StarkPublicKey? _publicKey;

    private StarkPrivateKey(in UInt256 value) => _value = value;

    internal UInt256 Value => _value;

    public static bool TryFromValue(in UInt256 value, out StarkPrivateKey? key)
    {
        key = value.IsZero || value >= Scalar.Modulus ? null : new StarkPrivateKey(value);
        return key is not null;
    }

    public static StarkPrivateKey FromValue(in UInt256 value) =>
        TryFromValue(value, out var key) ? key! : throw new ArgumentOutOfRangeException(nameof(value), "a STARK private key must be in [1, n)");

    /// <summary>Hex with or without 0x, leading zeros optional. The error message never echoes the input.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out StarkPrivateKey? key)
    {
        key = null;
        return UInt256.TryParseHex(hex, out var value) && TryFromValue(value, out key);
    }

    public static StarkPrivateKey ParseHex(string hex) =>
        TryParseHex(hex, out var key) ? key! : throw new FormatException("the STARK private key must be 1 to 64 hex digits with a value in [1, n)");

    /// <summary>starkex-lib's keyPairFromData: d = keccak256(data) >> 5 (so d &lt; 2^251).</summary>
    public static StarkPrivateKey FromData(ReadOnlySpan<byte> data)
    {
        var digest = UInt256.ReadBigEndian(Keccak256.Hash(data));
        return FromValue(digest >> 5);
    }

    public StarkPublicKey PublicKey => _publicKey ??= StarkPublicKey.FromPoint(GeneratorTable.Table.Multiply(_value).ToAffine());

    public StarkSignature Sign(in UInt256 messageHash) => StarkEcdsa.Sign(_value, messageHash);

    /// <summary>The key as 64 hex digits, for deliberate export only.</summary>
    public string ExportHex() => _value.ToHex();

    public override string ToString() => "StarkPrivateKey(***)";
}
