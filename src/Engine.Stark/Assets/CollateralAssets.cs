using System.Collections.Frozen;

namespace Engine.Stark.Assets;

/// <summary>The USDC token of each network dYdX v3 ran on (docs/stark-signing.md §5.2).</summary>
public static class CollateralAssets
{
    public const int Mainnet = 1;
    public const int Ropsten = 3;
    public const int Goerli = 5;
    public const int Sepolia = 11155111;

    private static readonly FrozenDictionary<int, CollateralAsset> ByNetwork = new[]
    {
        Create(Mainnet, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"),
        Create(Ropsten, "0x8707a5bf4c2842d46b31a405ba41b858c0f876c4"),
        Create(Goerli, "0xf7a2fa2c2025ffe64427dd40dc190d47ecc8b36e"),
        Create(Sepolia, "0x7fC9C132268E0E414991449c003DbdB3E73E2059"),
    }.ToFrozenDictionary(asset => asset.NetworkId);

    public static IReadOnlyCollection<int> NetworkIds => ByNetwork.Keys;

    public static bool TryGet(int networkId, out CollateralAsset asset) => ByNetwork.TryGetValue(networkId, out asset!);

    public static CollateralAsset ForNetwork(int networkId) =>
        TryGet(networkId, out var asset)
            ? asset
            : throw new ArgumentOutOfRangeException(nameof(networkId), $"unknown network id {networkId}; known: {string.Join(", ", ByNetwork.Keys.Order())}");

    private static CollateralAsset Create(int networkId, string tokenAddress) =>
        new(networkId, tokenAddress, CollateralAsset.DeriveAssetId(tokenAddress));
}
