namespace Engine.Recording.Synthetic;

/// <summary>
/// A tiny, fully specified PRNG (Steele et al., SplitMix64). Used instead of System.Random so a seed produces
/// the same feed on every runtime version and platform.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, bound).</summary>
    public long Next(long bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound));
        return (long)(NextUInt64() % (ulong)bound);
    }

    /// <summary>True with probability numerator/denominator, exactly (integer maths).</summary>
    public bool Chance(long numerator, long denominator) => Next(denominator) < numerator;
}
