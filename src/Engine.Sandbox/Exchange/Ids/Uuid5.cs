using System.Security.Cryptography;
using System.Text;

namespace Engine.Sandbox.Exchange.Ids;

/// <summary>RFC 4122 name-based UUID, version 5 (SHA-1): what the v3 clients use to derive user and account ids.</summary>
public static class Uuid5
{
    public static Guid Create(Guid namespaceId, string name)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        byte[] hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
