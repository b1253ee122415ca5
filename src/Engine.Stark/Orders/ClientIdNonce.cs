using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Engine.Stark.Orders;

/// <summary>
/// The order nonce: SHA-256 of the UTF-8 clientId read as a big-endian integer, mod 2^32, i.e. the digest's
/// last four bytes. The server derives the same nonce from the clientId in the body.
/// </summary>
public static class ClientIdNonce
{
    public static uint From(string clientId)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(clientId.Length);
        byte[]? rented = maxBytes > 512 ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        try
        {
            int length = Encoding.UTF8.GetBytes(clientId, buffer);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(buffer[..length], digest);
            return BinaryPrimitives.ReadUInt32BigEndian(digest[28..]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
