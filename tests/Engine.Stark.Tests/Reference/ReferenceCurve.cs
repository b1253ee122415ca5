using Engine.Stark.Numerics;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Crypto.Parameters;

namespace Engine.Stark.Tests.Reference;

/// <summary>
/// The STARK curve on BouncyCastle's generic prime-field code: the slow, independent reference that the fast
/// 4×64-limb implementation is checked against. Constants are typed in again from docs/stark-signing.md §2-3
/// rather than taken from the product code.
/// </summary>
public static class ReferenceCurve
{
    public static readonly BigInteger P = new("800000000000011000000000000000000000000000000000000000000000001", 16);
    public static readonly BigInteger N = new("800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);
    public static readonly BigInteger Beta = new("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89", 16);

    public static readonly FpCurve Curve = new(P, BigInteger.One, Beta, N, BigInteger.One);

    public static readonly ECPoint G = Point("1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca", "5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f");
    public static readonly ECPoint Shift = Point("49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804", "3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a");
    public static readonly ECPoint P0 = Point("234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b", "3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615");
    public static readonly ECPoint P1 = Point("4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378", "3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d");
    public static readonly ECPoint P2 = Point("4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997", "40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c");
    public static readonly ECPoint P3 = Point("54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202", "1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426");

    public static readonly ECDomainParameters Domain = new(Curve, G, N, BigInteger.One);

    private static ECPoint Point(string x, string y) => Curve.ValidatePoint(new BigInteger(x, 16), new BigInteger(y, 16));

    public static BigInteger Big(UInt256 value) => new(1, ToBytes(value));

    public static UInt256 Fast(BigInteger value) => UInt256.FromBigEndian(value.ToByteArrayUnsigned());

    public static byte[] ToBytes(UInt256 value)
    {
        var bytes = new byte[32];
        value.WriteBigEndian(bytes);
        return bytes;
    }

    public static UInt256 AffineX(ECPoint point) => Fast(point.Normalize().AffineXCoord.ToBigInteger());
    public static UInt256 AffineY(ECPoint point) => Fast(point.Normalize().AffineYCoord.ToBigInteger());
}
