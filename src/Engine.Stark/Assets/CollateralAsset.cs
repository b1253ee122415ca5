using Engine.Stark.Hashing;
using Engine.Stark.Numerics;

namespace Engine.Stark.Assets;

/// <summary>
/// The USDC collateral of one network. Its StarkEx asset id is derived from the token contract address:
/// keccak256(selector("ERC20Token(address)") ‖ pad32(address) ‖ pad32(quantum = 1)) masked to 250 bits.
/// </summary>
public sealed record CollateralAsset(int NetworkId, string TokenAddress, UInt256 AssetId)
{
    /// <summary>One quantum is 10^-6 USDC.</summary>
    public const int Resolution = 6;

    public const int AssetIdBits = 250;

    /// <summary>First four bytes of keccak256("ERC20Token(address)"): f47261b0.</summary>
    public static ReadOnlySpan<byte> Erc20Selector() => Keccak256.Hash("ERC20Token(address)"u8).AsSpan(0, 4);

    public static UInt256 DeriveAssetId(string tokenAddress, ulong quantum = 1)
    {
        var hex = tokenAddress.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? tokenAddress[2..] : tokenAddress;
        if (hex.Length != 40) throw new FormatException($"'{tokenAddress}' is not a 20-byte Ethereum address");
        var address = Convert.FromHexString(hex);
        Span<byte> message = stackalloc byte[4 + 32 + 32];
        message.Clear();
        Erc20Selector().CopyTo(message);
        address.CopyTo(message[(4 + 12)..]);
        new UInt256(quantum).WriteBigEndian(message[36..]);
        return UInt256.ReadBigEndian(Keccak256.Hash(message)) & UInt256.Mask(AssetIdBits);
    }
}
