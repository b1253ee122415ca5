using System.Text;
using Akka.TestKit.Xunit2;
using Engine.Core.Primitives;
using Engine.Recording;
using Engine.Runtime.Book;
using Engine.Runtime.Feed;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests;

/// <summary>The book actor fed as in live trading: straight from the stream (acknowledged) and ticked by a timer.</summary>
public sealed class OrderBookActorLiveTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "live-book", output)
{
    private static readonly Timestamp T0 = new(1_651_449_600_000_000_000);

    private static FrameBatch Batch(params string[] frames)
    {
        var batcher = new FrameBatcher(TimeSpan.FromSeconds(1));
        var list = new List<FrameBatch>();
        foreach (var frame in frames) batcher.Add(T0.Nanos, Encoding.UTF8.GetBytes(frame), list);
        batcher.Complete(list);
        return list.Single();
    }

    [Fact]
    public void Each_stream_batch_is_acknowledged_after_it_is_applied_and_a_clock_tick_shows_the_strategy_the_book()
    {
        var strategy = CreateTestProbe();
        var account = CreateTestProbe();
        var book = Sys.ActorOf(OrderBookActor.Props("BTC-USD", strategy, account));

        book.Tell(StreamInit.Instance, TestActor);
        ExpectMsg<StreamAck>();
        book.Tell(Batch("""{"type":"subscribed","channel":"v3_orderbook","id":"BTC-USD","contents":{"bids":[{"price":"100","size":"1","offset":"1"}],"asks":[{"price":"102","size":"2","offset":"2"}]}}"""), TestActor);
        ExpectMsg<StreamAck>();
        book.Tell(Batch("""{"type":"channel_data","channel":"v3_orderbook","id":"BTC-USD","contents":{"offset":"3","bids":[["101","4"]],"asks":[]}}"""), TestActor);
        ExpectMsg<StreamAck>();
        strategy.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // frames alone do not wake the strategy

        book.Tell(new ClockTick(T0.AddSeconds(1)), TestActor);
        var tick = strategy.ExpectMsg<StrategyTick>();
        Assert.Equal(T0.AddSeconds(1), tick.Time);
        Assert.True(tick.Book.TryGetBestBid(out var bid, out var size));
        Assert.Equal(Price.Parse("101"), bid);
        Assert.Equal(Quantity.Parse("4"), size);
        Assert.Equal(Price.Parse("101.5"), account.ExpectMsg<MarkPrice>().Price);
    }
}
