namespace Engine.Stark.Curve;

/// <summary>Window table for the ECDSA generator (k·G while signing, u1·G while verifying, d·G for public keys).</summary>
internal static class GeneratorTable
{
    /// <summary>All scalars are below n &lt; 2^252.</summary>
    public static readonly FixedBaseTable Table = new(StarkCurve.Generator, 0, Signing.StarkEcdsa.ScalarBits);
}
