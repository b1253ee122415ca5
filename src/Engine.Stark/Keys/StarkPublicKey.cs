using Engine.Stark.Curve;
using Engine.Stark.Numerics;
using Engine.Stark.Signing;

namespace Engine.Stark.Keys;

/// <summary>
/// A STARK public key: the x-coordinate of d·G, which is all the clients transmit ("starkKey"). When the key was
/// derived here the matching y is known too; a key parsed from x alone is lifted to one of its two points, which
/// is enough because verification accepts ±Q.
/// A key that verifies repeatedly (a sandbox exchange checking one account's orders) builds a 60 KB window
/// table for itself after a few uses, which makes u2·Q additions only and verification about 3× faster.
/// </summary>
public sealed class StarkPublicKey : IEquatable<StarkPublicKey>
{
    /// <summary>Verifications before the key builds its table (~0.5 ms, paid back after about four uses).</summary>
    private const int VerificationsBeforeTable = 4;

    private readonly AffinePoint _point;
    private FixedBaseTable? _table;
    private int _verifications;

    private StarkPublicKey(in AffinePoint point, UInt256? y)
    {
        _point = point;
        X = point.X.ToUInt256();
        Y = y;
    }

    public UInt256 X { get; }

    /// <summary>The y-coordinate when it is known (derived keys); null for keys parsed from x only.</summary>
    public UInt256? Y { get; }

    internal AffinePoint Point => _point;

    internal static StarkPublicKey FromPoint(in AffinePoint point) => new(point, point.Y.ToUInt256());

    public static bool TryFromX(in UInt256 x, out StarkPublicKey? key)
    {
        key = StarkCurve.TryLiftX(x, out var point) ? new StarkPublicKey(point, null) : null;
        return key is not null;
    }

    public static StarkPublicKey ParseHex(string hex) =>
        UInt256.TryParseHex(hex, out var x) && TryFromX(x, out var key)
            ? key!
            : throw new FormatException($"'{hex}' is not the x-coordinate of a point on the STARK curve");

    public bool Verify(in UInt256 messageHash, in StarkSignature signature) => StarkEcdsa.Verify(messageHash, signature, _point, Table());

    /// <summary>Builds the window table now instead of after a few verifications.</summary>
    public void Prepare()
    {
        if (Volatile.Read(ref _table) is null)
            Interlocked.CompareExchange(ref _table, new FixedBaseTable(_point, 0, StarkEcdsa.ScalarBits, windowBits: 4), null);
    }

    private FixedBaseTable? Table()
    {
        var table = Volatile.Read(ref _table);
        if (table is null && Interlocked.Increment(ref _verifications) == VerificationsBeforeTable) Prepare();
        return table ?? Volatile.Read(ref _table);
    }

    public string ToHex() => X.ToHex();

    public bool Equals(StarkPublicKey? other) => other is not null && X == other.X;
    public override bool Equals(object? obj) => Equals(obj as StarkPublicKey);
    public override int GetHashCode() => X.GetHashCode();
    public override string ToString() => X.ToHex();
}
