using System.Text;
using Engine.Core.Primitives;
using Engine.Dydx.Markets;
using Xunit;

namespace Engine.Dydx.Tests;

public sealed class MarketsCodecTests
{
    private const string Snapshot = """
        {"markets":{"BTC-USD":{"market":"BTC-USD","status":"ONLINE","stepSize":"0.0001","tickSize":"1","minOrderSize":"0.001",
        "initialMarginFraction":"0.05","maintenanceMarginFraction":"0.03","baselinePositionSize":"9","incrementalPositionSize":"1.5",
        "incrementalInitialMarginFraction":"0.01","maxPositionSize":"170","oraclePrice":"30123.5","nextFundingRate":"0.0000125",
        "nextFundingAt":"2022-05-02T01:00:00.000Z","unknownField":{"nested":true}}}}
        """;

    [Fact]
    public void Full_market_gives_rules()
    {
        var updates = new List<MarketUpdate>();
        Assert.True(MarketsCodec.TryRead(Encoding.UTF8.GetBytes(Snapshot), updates, out _));
        var u = Assert.Single(updates);
        Assert.True(u.TryGetRules(out var rules));
        Assert.Equal(Price.Parse("1"), rules.TickSize);
        Assert.Equal(Quantity.Parse("0.0001"), rules.StepSize);
        Assert.Equal(Quantity.Parse("0.001"), rules.MinOrderSize);
        Assert.Equal(0.05m, rules.InitialMarginFraction);
        Assert.Equal(Quantity.Parse("170"), rules.MaxPositionSize);
        Assert.Equal(0.0000125m, u.NextFundingRate);
        Assert.Equal(Price.Parse("30123.5"), u.OraclePrice);
    }

    [Fact]
    public void Updates_carry_only_changed_fields_and_merge()
    {
        var updates = new List<MarketUpdate>();
        MarketsCodec.TryRead(Encoding.UTF8.GetBytes(Snapshot), updates, out _);
        Assert.True(MarketsCodec.TryRead("""{"BTC-USD":{"oraclePrice":"30200"},"ETH-USD":{"indexPrice":"2000.1"}}"""u8, updates, out _));
        Assert.Equal(3, updates.Count);
        var merged = updates[0].Merge(updates[1]);
        Assert.Equal(Price.Parse("30200"), merged.OraclePrice);
        Assert.Equal(Price.Parse("1"), merged.TickSize);
        Assert.False(updates[2].TryGetRules(out _));
    }

    [Fact]
    public void Unparseable_field_is_an_error_naming_it()
    {
        var updates = new List<MarketUpdate>();
        Assert.False(MarketsCodec.TryRead("""{"markets":{"BTC-USD":{"tickSize":"one"}}}"""u8, updates, out var error));
        Assert.Contains("tickSize", error);
        Assert.Empty(updates);
    }
}
