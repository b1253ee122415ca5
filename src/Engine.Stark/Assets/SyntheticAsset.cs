using System.Numerics;
using System.Text;
using Engine.Stark.Numerics;

namespace Engine.Stark.Assets;

/// <summary>
/// The traded asset of a perpetual market. Its StarkEx id is the ASCII text "&lt;ASSET&gt;-&lt;resolution&gt;"
/// right-padded with zero bytes to 15 bytes; resolution is the number of decimals in one quantum.
/// </summary>
public sealed record SyntheticAsset(string Market, string Asset, int Resolution, UInt256 AssetId)
{
    private const int IdBytes = 15;
    public const int AssetIdBits = 128;

    public static SyntheticAsset ForMarket(string market, int resolution)
    {
        int dash = market.IndexOf('-');
        if (dash <= 0) throw new ArgumentException($"market '{market}' is not of the form ASSET-USD", nameof(market));
        if (resolution is < 0 or > 18) throw new ArgumentOutOfRangeException(nameof(resolution), "resolution must be 0..18 decimals");
        string asset = market[..dash];
        return new SyntheticAsset(market, asset, resolution, DeriveAssetId(asset, resolution));
    }

    public static UInt256 DeriveAssetId(string asset, int resolution)
    {
        var text = Encoding.ASCII.GetBytes($"{asset}-{resolution}");
        if (text.Length > IdBytes) throw new ArgumentException($"'{asset}-{resolution}' does not fit in {IdBytes} bytes", nameof(asset));
        Span<byte> padded = stackalloc byte[IdBytes];
        padded.Clear();
        text.CopyTo(padded);
        return UInt256.FromBigEndian(padded);
    }

    /// <summary>
    /// A market the built-in table lacks, from the exchange's metadata (assetResolution such as "10000000000"
    /// and syntheticAssetId hex); both are checked against the id rule so a wrong pair cannot produce signatures
    /// the exchange would reject.
    /// </summary>
    public static SyntheticAsset FromMarketMetadata(string market, string assetResolution, string syntheticAssetId)
    {
        if (!BigInteger.TryParse(assetResolution, out var quantaPerUnit) || quantaPerUnit.Sign <= 0)
            throw new FormatException($"assetResolution '{assetResolution}' of {market} is not a positive integer");
        int resolution = 0;
        for (var v = quantaPerUnit; v > 1; v /= 10)
        {
            if (!(v % 10).IsZero) throw new FormatException($"assetResolution '{assetResolution}' of {market} is not a power of ten");
            resolution++;
        }
        var asset = ForMarket(market, resolution);
        if (!UInt256.TryParseHex(syntheticAssetId, out var id) || id != asset.AssetId)
            throw new FormatException($"syntheticAssetId '{syntheticAssetId}' of {market} does not match {asset.Asset}-{resolution} ({asset.AssetId})");
        return asset;
    }
}
