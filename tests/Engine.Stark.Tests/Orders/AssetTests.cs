using System.Text.RegularExpressions;
using Engine.Stark.Assets;
using Engine.Stark.Hashing;
using Engine.Stark.Numerics;
using Engine.TestSupport;
using Xunit;

namespace Engine.Stark.Tests.Orders;

public sealed partial class AssetTests
{
    [GeneratedRegex(@"^\| ([A-Z0-9]+-USD) \| (\d+) \| 0x([0-9a-f]+) \|$", RegexOptions.Multiline)]
    private static partial Regex MarketRow();

    /// <summary>The 53-row market table of docs/stark-signing.md §5.2, read from the document itself.</summary>
    [Fact]
    public void Catalog_matches_the_spec_table_row_for_row()
    {
        var doc = File.ReadAllText(SharedData.Shared("docs", "stark-signing.md"));
        var rows = MarketRow().Matches(doc);
        Assert.Equal(53, rows.Count);
        Assert.Equal(53, MarketCatalog.Default.Count);
        foreach (Match row in rows)
        {
            Assert.True(MarketCatalog.Default.TryGet(row.Groups[1].Value, out var asset), row.Groups[1].Value);
            Assert.Equal(int.Parse(row.Groups[2].Value), asset.Resolution);
            Assert.Equal(UInt256.ParseHex(row.Groups[3].Value), asset.AssetId);
        }
    }

    [Fact]
    public void Erc20_selector_is_f47261b0() => Assert.Equal("f47261b0", Convert.ToHexStringLower(CollateralAsset.Erc20Selector()));

    [Fact]
    public void Keccak_is_the_ethereum_variant_not_sha3() =>
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak256.Hash([])));

    [Fact]
    public void Markets_from_exchange_metadata_are_checked_against_the_id_rule()
    {
        var btc = SyntheticAsset.FromMarketMetadata("BTC-USD", "10000000000", "0x4254432d3130000000000000000000");
        Assert.Equal(10, btc.Resolution);
        Assert.Throws<FormatException>(() => SyntheticAsset.FromMarketMetadata("BTC-USD", "1000000000", "0x4254432d3130000000000000000000"));
        Assert.Throws<FormatException>(() => SyntheticAsset.FromMarketMetadata("BTC-USD", "12345", "0x4254432d3130000000000000000000"));
        var newMarket = SyntheticAsset.FromMarketMetadata("PEPE-USD", "1", "0x504550452d30000000000000000000");
        var catalog = MarketCatalog.Default.With(newMarket);
        Assert.True(catalog.TryGet("PEPE-USD", out _));
        Assert.False(MarketCatalog.Default.TryGet("PEPE-USD", out _));
        Assert.Equal(54, catalog.Count);
    }
}
