using System.Text;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.TestSupport;
using Xunit;

namespace Engine.Dydx.Tests;

public sealed class TradesCodecTests
{
    [Fact]
    public void Real_trade_frame_parses()
    {
        byte[] frame = File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", "ws-trade.json"));
        Assert.True(FrameHeaderReader.TryRead(frame, out var h));
        var trades = new List<PublicTrade>();
        Assert.True(TradesCodec.TryRead(h.Contents(frame), trades));
        var t = Assert.Single(trades);
        Assert.Equal(Side.Sell, t.TakerSide);
        Assert.Equal(Price.Parse("4204.7"), t.Price);
        Assert.Equal(Quantity.Parse("5"), t.Size);
        Assert.Equal("2021-10-21T08:47:40.085Z", t.CreatedAt.ToIso());
    }

    [Fact]
    public void Trades_come_out_oldest_first()
    {
        var contents = """{"trades":[{"side":"BUY","size":"1","price":"10","createdAt":"2022-01-01T00:00:02.000Z","liquidation":false},{"side":"SELL","size":"2","price":"9","createdAt":"2022-01-01T00:00:01.000Z","liquidation":true}]}"""u8;
        var trades = new List<PublicTrade>();
        Assert.True(TradesCodec.TryRead(contents, trades));
        Assert.Equal([Price.Parse("9"), Price.Parse("10")], trades.Select(t => t.Price));
        Assert.True(trades[0].Liquidation);
    }

    [Theory]
    [InlineData("""{"trades":[{"side":"BUY","size":"1","price":"10"}]}""")]
    [InlineData("""{"trades":[{"side":"HOLD","size":"1","price":"10","createdAt":"2022-01-01T00:00:02.000Z"}]}""")]
    [InlineData("""{"trades":[{"side":"BUY","size":"0","price":"10","createdAt":"2022-01-01T00:00:02.000Z"}]}""")]
    [InlineData("""{"trades":[{"side":{"x":1},"size":"1","price":"10","createdAt":"2022-01-01T00:00:02.000Z"}]}""")]
    [InlineData("""{"trades":{}}""")]
    public void Malformed_trades_reject_the_frame_and_leave_output_untouched(string contents)
    {
        var trades = new List<PublicTrade> { default };
        Assert.False(TradesCodec.TryRead(Encoding.UTF8.GetBytes(contents), trades));
        Assert.Single(trades);
    }
}
