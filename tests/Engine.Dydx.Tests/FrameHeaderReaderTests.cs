using System.Text;
using CsCheck;
using Engine.Dydx.Feed;
using Engine.TestSupport;
using Xunit;

namespace Engine.Dydx.Tests;

public sealed class FrameHeaderReaderTests
{
    [Fact]
    public void Reads_envelope_in_any_key_order_and_locates_contents()
    {
        var frame = """{"contents":{"offset":"5","bids":[],"asks":[]},"id":"BTC-USD","message_id":7,"channel":"v3_orderbook","type":"channel_data","extra":{"a":[1]}}"""u8;
        Assert.True(FrameHeaderReader.TryRead(frame, out var h));
        Assert.Equal(FrameType.ChannelData, h.Type);
        Assert.Equal(Channel.Orderbook, h.Channel);
        Assert.Equal("BTC-USD", h.Id);
        Assert.Equal(7, h.MessageId);
        Assert.Equal("""{"offset":"5","bids":[],"asks":[]}""", Encoding.UTF8.GetString(h.Contents(frame)));
    }

    [Fact]
    public void Market_ids_are_interned_so_headers_do_not_allocate_strings()
    {
        var ids = new MarketIds();
        Assert.True(FrameHeaderReader.TryRead("""{"type":"channel_data","channel":"v3_trades","id":"ETH-USD"}"""u8, out var a, ids));
        Assert.True(FrameHeaderReader.TryRead("""{"type":"channel_data","channel":"v3_trades","id":"ETH-USD"}"""u8, out var b, ids));
        Assert.Same(a.Id, b.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"type\":")]
    [InlineData("{\"type\":\"mystery\"}")]
    [InlineData("{\"type\":\"channel_data\",\"contents\":{\"bids\":[}")]
    [InlineData("not json at all")]
    public void Malformed_frames_are_refused_not_thrown(string text) =>
        Assert.False(FrameHeaderReader.TryRead(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Never_throws_on_arbitrary_bytes() =>
        Gen.Byte.Array[0, 300].Sample(bytes => { FrameHeaderReader.TryRead(bytes, out _); });

    [Fact]
    public void Never_throws_on_truncated_real_frames()
    {
        byte[] real = File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", "ws-account-after-filled.json"));
        for (int n = 0; n < real.Length; n += 7) FrameHeaderReader.TryRead(real.AsSpan(0, n), out _);
        Assert.True(FrameHeaderReader.TryRead(real, out var h));
        Assert.Equal(Channel.Accounts, h.Channel);
    }
}
