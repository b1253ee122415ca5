using System.Text;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Markets;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Markets;

public sealed class MarketsPayloadTests
{
    // Field names and the BTC/ETH values of the real GET /v3/markets response of 2022-02-11 (api doc §1.4).
    private const string Payload = """
    {"markets":{
      "BTC-USD":{"market":"BTC-USD","status":"ONLINE","baseAsset":"BTC","quoteAsset":"USD","stepSize":"0.0001","tickSize":"1",
        "indexPrice":"43750.1","oraclePrice":"43740.5","priceChange24H":"-150","nextFundingRate":"0.0000125",
        "nextFundingAt":"2022-02-11T14:00:00.000Z","minOrderSize":"0.001","type":"PERPETUAL","initialMarginFraction":"0.05",
        "maintenanceMarginFraction":"0.03","baselinePositionSize":"9","incrementalPositionSize":"1.5",
        "incrementalInitialMarginFraction":"0.01","maxPositionSize":"170","volume24H":"1","trades24H":"1","openInterest":"1",
        "assetResolution":"10000000000","syntheticAssetId":"0x4254432d3130000000000000000000"},
      "ETH-USD":{"market":"ETH-USD","status":"POST_ONLY","baseAsset":"ETH","quoteAsset":"USD","stepSize":"0.001","tickSize":"0.1",
        "indexPrice":"3100","oraclePrice":"3101.2","nextFundingRate":"-0.0000031","nextFundingAt":"2022-02-11T14:00:00.000Z",
        "minOrderSize":"0.01","type":"PERPETUAL","initialMarginFraction":"0.05","maintenanceMarginFraction":"0.03",
        "baselinePositionSize":"140","incrementalPositionSize":"28","incrementalInitialMarginFraction":"0.01","maxPositionSize":"2820",
        "assetResolution":"1000000000","syntheticAssetId":"0x4554482d3900000000000000000000"}
    }}
    """;

    private static readonly Timestamp Loaded = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 2, 11, 13, 30, 0, TimeSpan.Zero));

    [Fact]
    public void A_real_markets_payload_lists_every_market_with_its_rules_and_live_values()
    {
        var exchange = new SandboxExchange();
        Assert.Equal(["BTC-USD", "ETH-USD"], exchange.LoadMarkets(Encoding.UTF8.GetBytes(Payload), Loaded));
        var btc = exchange.GetMarket("BTC-USD").Unwrap();
        Assert.Equal((P("1"), Q("0.0001"), Q("0.001"), 0.05m, 0.03m), (btc.Rules.TickSize, btc.Rules.StepSize, btc.Rules.MinOrderSize,
            btc.Rules.InitialMarginFraction, btc.Rules.MaintenanceMarginFraction));
        Assert.Equal((Q("9"), Q("1.5"), 0.01m, Q("170")), (btc.Rules.BaselinePositionSize, btc.Rules.IncrementalPositionSize,
            btc.Rules.IncrementalInitialMarginFraction, btc.Rules.MaxPositionSize));
        Assert.Equal((P("43740.5"), P("43750.1"), 0.0000125m), (btc.OraclePrice, btc.IndexPrice, btc.NextFundingRate));
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 2, 11, 14, 0, 0, TimeSpan.Zero)), btc.NextFundingAt);
        Assert.Equal(("BTC", "USD", "10000000000", "0x4254432d3130000000000000000000"), (btc.BaseAsset, btc.QuoteAsset, btc.AssetResolution, btc.SyntheticAssetId));
        Assert.Equal(MarketStatus.PostOnly, exchange.GetMarket("ETH-USD").Unwrap().Status);
    }

    [Fact]
    public void A_market_the_sandbox_cannot_settle_exactly_is_refused()
    {
        string bad = Payload.Replace("\"stepSize\":\"0.0001\",\"tickSize\":\"1\"", "\"stepSize\":\"0.0001\",\"tickSize\":\"0.001\"");
        var error = Assert.Throws<FormatException>(() => new SandboxExchange().LoadMarkets(Encoding.UTF8.GetBytes(bad), Loaded));
        Assert.Contains("tickSize × stepSize must be a multiple of 0.000001", error.Message);
        Assert.Throws<FormatException>(() => new SandboxExchange().LoadMarkets("{\"markets\":{\"BTC-USD\":{\"tickSize\":\"1\"}}}"u8, Loaded));
    }

    [Fact]
    public void Listing_a_market_twice_is_an_error()
    {
        var exchange = new SandboxExchange();
        exchange.LoadMarkets(Encoding.UTF8.GetBytes(Payload), Loaded);
        Assert.Throws<ArgumentException>(() => exchange.LoadMarkets(Encoding.UTF8.GetBytes(Payload), Loaded));
    }
}
