using Engine.Stark.Curve;

namespace Engine.Stark.Pedersen;

/// <summary>
/// StarkWare's Pedersen constant points (docs/stark-signing.md §3). The published list of 506 points is S, G and
/// the doublings 2^j·P0..P3; only these five bases are independent, so only they are shipped.
/// </summary>
internal static class PedersenConstants
{
    public static readonly AffinePoint Shift = StarkCurve.Point(
        "49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804",
        "3ca0cfe4b3bc6ddf346d49d06ea0ed34e621062c0e056c1d0405d266e10268a");

    public static readonly AffinePoint P0 = StarkCurve.Point(
        "234287dcbaffe7f969c748655fca9e58fa8120b6d56eb0c1080d17957ebe47b",
        "3b056f100f96fb21e889527d41f4e39940135dd7a6c94cc6ed0268ee89e5615");

    public static readonly AffinePoint P1 = StarkCurve.Point(
        "4fa56f376c83db33f9dab2656558f3399099ec1de5e3018b7a6932dba8aa378",
        "3fa0984c931c9e38113e0c0e47e4401562761f92a7a23b45168f4e80ff5b54d");

    public static readonly AffinePoint P2 = StarkCurve.Point(
        "4ba4cc166be8dec764910f75b45f74b40c690c74709e90f3aa372f0bd2d6997",
        "40301cf5c1751f4b971e46c4ede85fcac5c59a5ce5ae7c48151f27b24b219c");

    public static readonly AffinePoint P3 = StarkCurve.Point(
        "54302dcb0e6cc1c6e44cca8f61a63bb2ca65048d53fb325d36ff12c49a58202",
        "1b77b3e37d13504b348046268d8ae25ce98ad783c25561a879dcc77e99c2426");

    /// <summary>Each input splits into its low 248 bits (times P0 or P2) and its top 4 bits (times P1 or P3).</summary>
    public const int LowBits = 248;
    public const int HighBits = 4;
}
