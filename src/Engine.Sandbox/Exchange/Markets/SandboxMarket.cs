using Engine.Core.Markets;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange.Markets;

/// <summary>The exchange's mutable state of one market: rules, live values, its book and what it has published.</summary>
internal sealed class SandboxMarket
{
    public SandboxMarket(MarketConfig config, Timestamp now, int tradesKept)
    {
        Rules = config.Rules;
        Status = config.Status;
        OraclePrice = config.OraclePrice;
        IndexPrice = config.IndexPrice ?? config.OraclePrice;
        NextFundingRate = config.NextFundingRate;
        NextFundingAt = config.NextFundingAt ?? TopOfNextHour(now);
        BaseAsset = config.BaseAsset ?? config.Market.Split('-')[0];
        QuoteAsset = config.QuoteAsset;
        AssetResolution = config.AssetResolution;
        SyntheticAssetId = config.SyntheticAssetId;
        Trades = new TradeTape(tradesKept);
    }

    public string Name => Rules.Market;
    public MarketRules Rules { get; set; }
    public MarketStatus Status { get; set; }
    public Price OraclePrice { get; set; }
    public Price IndexPrice { get; set; }
    public decimal NextFundingRate { get; set; }
    public Timestamp NextFundingAt { get; set; }
    public string BaseAsset { get; }
    public string QuoteAsset { get; }
    public string? AssetResolution { get; }
    public string? SyntheticAssetId { get; }

    public MatchingBook Book { get; } = new();
    public PublishedBook Published { get; } = new();
    public TradeTape Trades { get; }
    public List<HistoricalFundingView> FundingHistory { get; } = new();

    public MarketView ToView(Quantity openInterest) => new(
        Name, Status, BaseAsset, QuoteAsset, Rules, OraclePrice, IndexPrice, NextFundingRate, NextFundingAt, openInterest,
        AssetResolution, SyntheticAssetId);

    public static Timestamp TopOfNextHour(Timestamp t) =>
        new((Math.Max(t.Nanos, 0) / Timestamp.NanosPerHour + 1) * Timestamp.NanosPerHour);
}
