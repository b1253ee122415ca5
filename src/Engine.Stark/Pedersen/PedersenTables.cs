using Engine.Stark.Curve;

namespace Engine.Stark.Pedersen;

/// <summary>
/// Window tables for the four Pedersen bases (about 1 MB in all), built on first use in a few milliseconds.
/// A static class so the runtime's type initialiser gives thread-safe, once-only construction.
/// </summary>
internal static class PedersenTables
{
    public static readonly FixedBaseTable ALow = new(PedersenConstants.P0, 0, PedersenConstants.LowBits);
    public static readonly FixedBaseTable AHigh = new(PedersenConstants.P1, PedersenConstants.LowBits, PedersenConstants.HighBits);
    public static readonly FixedBaseTable BLow = new(PedersenConstants.P2, 0, PedersenConstants.LowBits);
    public static readonly FixedBaseTable BHigh = new(PedersenConstants.P3, PedersenConstants.LowBits, PedersenConstants.HighBits);
}
