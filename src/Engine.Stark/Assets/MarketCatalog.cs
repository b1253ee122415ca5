using System.Collections.Frozen;

namespace Engine.Stark.Assets;

/// <summary>
/// Synthetic assets by market name. <see cref="Default"/> holds the 53 markets starkex-lib 1.2.0 knows, identical
/// on every network; <see cref="With"/> adds markets learned from the exchange's metadata. Immutable, so one
/// catalog can be shared by all signing threads.
/// </summary>
public sealed class MarketCatalog
{
    private readonly FrozenDictionary<string, SyntheticAsset> _markets;

    private MarketCatalog(IEnumerable<SyntheticAsset> assets) =>
        _markets = assets.ToFrozenDictionary(asset => asset.Market, StringComparer.Ordinal);

    public static MarketCatalog Default { get; } = new(new (string Market, int Resolution)[]
    {
        ("BTC-USD", 10), ("ETH-USD", 9), ("LINK-USD", 7), ("AAVE-USD", 8), ("UNI-USD", 7), ("SUSHI-USD", 7),
        ("SOL-USD", 7), ("YFI-USD", 10), ("1INCH-USD", 7), ("AVAX-USD", 7), ("SNX-USD", 7), ("CRV-USD", 6),
        ("UMA-USD", 7), ("DOT-USD", 7), ("DOGE-USD", 5), ("MATIC-USD", 6), ("MKR-USD", 9), ("FIL-USD", 7),
        ("ADA-USD", 6), ("ATOM-USD", 7), ("COMP-USD", 8), ("BCH-USD", 8), ("LTC-USD", 8), ("EOS-USD", 6),
        ("ALGO-USD", 6), ("ZRX-USD", 6), ("XMR-USD", 8), ("ZEC-USD", 8), ("ENJ-USD", 6), ("ETC-USD", 7),
        ("XLM-USD", 5), ("TRX-USD", 4), ("XTZ-USD", 6), ("HNT-USD", 7), ("ICP-USD", 7), ("RUNE-USD", 6),
        ("LUNA-USD", 6), ("NEAR-USD", 6), ("AR-USD", 7), ("FLOW-USD", 7), ("PERP-USD", 6), ("REN-USD", 5),
        ("CELO-USD", 6), ("KSM-USD", 8), ("BAL-USD", 7), ("BNT-USD", 6), ("MIR-USD", 6), ("SRM-USD", 6),
        ("LON-USD", 6), ("DODO-USD", 6), ("ALPHA-USD", 5), ("WNXM-USD", 7), ("XCH-USD", 8),
    }.Select(m => SyntheticAsset.ForMarket(m.Market, m.Resolution)));

    public int Count => _markets.Count;

    public IEnumerable<SyntheticAsset> Assets => _markets.Values;

    public bool TryGet(string market, out SyntheticAsset asset) => _markets.TryGetValue(market, out asset!);

    /// <summary>A new catalog with <paramref name="asset"/> added or replacing the entry of the same market.</summary>
    public MarketCatalog With(SyntheticAsset asset) =>
        new(_markets.Values.Where(existing => existing.Market != asset.Market).Append(asset));
}
