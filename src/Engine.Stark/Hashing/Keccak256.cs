using Org.BouncyCastle.Crypto.Digests;

namespace Engine.Stark.Hashing;

/// <summary>
/// Ethereum's Keccak-256 (original Keccak padding). .NET's SHA3-256 uses the FIPS padding and gives different
/// digests, hence BouncyCastle. Used for asset ids and key derivation, never on the signing hot path.
/// </summary>
public static class Keccak256
{
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
