using Engine.Stark.Numerics;
using Engine.Stark.Signing;

namespace Engine.Stark.Orders;

/// <summary>The order hash and its signature; <see cref="SignatureHex"/> is the body's "signature" field.</summary>
public sealed record SignedStarkOrder(QuantizedOrder Quantized, UInt256 Hash, StarkSignature Signature)
{
    public string HashHex => Hash.ToHex();
    public string SignatureHex => Signature.ToHex();
}
