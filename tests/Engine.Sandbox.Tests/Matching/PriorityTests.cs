using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Matching;

/// <summary>One price-time CLOB per market holding background levels and user orders.</summary>
public sealed class PriorityTests
{
    private readonly Harness _h = new();
    private readonly string _alice;
    private readonly string _bob;
    private readonly string _carol;

    public PriorityTests()
    {
        _alice = _h.NewAccount();
        _bob = _h.NewAccount();
        _carol = _h.NewAccount();
    }

    [Fact]
    public void Better_price_first_then_earlier_order_between_two_users()
    {
        var bobFirst = _h.PlaceAndProcess(_bob, _h.Order(Side.Sell, "30010", "0.2"));
        var aliceSecond = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30010", "0.2"));
        var aliceBetter = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30009", "0.1"));

        _h.PlaceAndProcess(_carol, _h.Order(Side.Buy, "30010", "0.2", TimeInForce.Ioc));
        Assert.Equal(V3OrderStatus.Filled, _h.Get(_alice, aliceBetter.Id).Status);
        Assert.Equal(Q("0.1"), _h.Get(_bob, bobFirst.Id).RemainingSize);    // 0.1 went to the earlier order at 30010
        Assert.Equal(Q("0.2"), _h.Get(_alice, aliceSecond.Id).RemainingSize);

        var fills = _h.Exchange.GetFills(_carol).Unwrap().Reverse().ToList();
        Assert.Equal([(P("30009"), Q("0.1")), (P("30010"), Q("0.1"))], fills.Select(f => (f.Price, f.Size)));
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.All(_h.Exchange.GetFills(_bob).Unwrap(), f => Assert.Equal(Liquidity.Maker, f.Liquidity));
    }

    [Fact]
    public void Maker_and_taker_fill_at_the_resting_price_and_share_a_transaction()
    {
        _h.PlaceAndProcess(_bob, _h.Order(Side.Buy, "30000", "0.5"));
        _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "29000", "0.5", TimeInForce.Ioc));
        var maker = Assert.Single(_h.Exchange.GetFills(_bob).Unwrap());
        var taker = Assert.Single(_h.Exchange.GetFills(_alice).Unwrap());
        Assert.Equal(P("30000"), maker.Price);
        Assert.Equal(P("30000"), taker.Price);
        Assert.Equal(maker.TransactionId, taker.TransactionId);
        Assert.NotEqual(maker.Id, taker.Id);
    }

    [Fact]
    public void A_user_order_behind_background_waits_for_the_background_ahead()
    {
        _h.Background(Side.Sell, "30010", "1");
        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30010", "0.5"));
        Assert.Equal(Q("1.5"), _h.Exchange.GetOrderbook(Btc).Unwrap().Asks.Single().Size);

        // A user taker consumes the background queued ahead first, then Alice.
        _h.PlaceAndProcess(_bob, _h.Order(Side.Buy, "30010", "1.2", TimeInForce.Ioc));
        Assert.Equal(Q("0.3"), _h.Get(_alice, resting.Id).RemainingSize);
        var bobFills = _h.Exchange.GetFills(_bob).Unwrap().Reverse().Select(f => f.Size).ToList();
        Assert.Equal([Q("1"), Q("0.2")], bobFills);
    }

    [Fact]
    public void Queue_position_fill_through_a_background_trade()
    {
        _h.Background(Side.Buy, "29990", "2");
        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29990", "1")); // 2 of background ahead

        _h.BackgroundTrade(Side.Sell, "29990", "1.5");   // eats 1.5 of the 2 ahead
        Assert.Equal(Q("1"), _h.Get(_alice, resting.Id).RemainingSize);
        _h.Background(Side.Buy, "29990", "0.5");         // the feed removes the traded 1.5: not queue progress again

        _h.BackgroundTrade(Side.Sell, "29990", "0.8");   // 0.5 ahead, then 0.3 to Alice
        var order = _h.Get(_alice, resting.Id);
        Assert.Equal(Q("0.7"), order.RemainingSize);
        var fill = Assert.Single(_h.Exchange.GetFills(_alice).Unwrap());
        Assert.Equal((P("29990"), Q("0.3"), Liquidity.Maker), (fill.Price, fill.Size, fill.Liquidity));

        // The tape shows Alice's part at her price and the rest of the print as it came.
        var trades = _h.Exchange.GetTrades(Btc).Unwrap();
        Assert.Equal([Q("0.5"), Q("0.3"), Q("1.5")], trades.Select(t => t.Size));
        Assert.All(trades, t => Assert.Equal(Side.Sell, t.Side));
    }

    [Fact]
    public void Cancels_ahead_move_the_queue_up()
    {
        _h.Background(Side.Buy, "29990", "2");
        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29990", "1"));
        _h.Background(Side.Buy, "29990", "3");   // joins behind Alice
        _h.Background(Side.Buy, "29990", "2.5"); // 0.5 cancelled: assumed ahead of Alice (1.5 left ahead)
        _h.BackgroundTrade(Side.Sell, "29990", "1.6");
        Assert.Equal(Q("0.9"), _h.Get(_alice, resting.Id).RemainingSize);
    }

    [Fact]
    public void A_trade_through_the_price_fills_without_waiting_for_the_queue()
    {
        _h.Background(Side.Buy, "29990", "5");
        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29990", "1"));
        _h.BackgroundTrade(Side.Sell, "29980", "0.4");
        Assert.Equal(Q("0.6"), _h.Get(_alice, resting.Id).RemainingSize);
        Assert.Equal(P("29990"), Assert.Single(_h.Exchange.GetFills(_alice).Unwrap()).Price);
    }

    [Fact]
    public void Background_book_crossing_a_resting_order_fills_it_as_maker_at_its_price()
    {
        var resting = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30000", "1"));
        _h.Drain();
        _h.Background(Side.Sell, "29995", "0.4");
        var order = _h.Get(_alice, resting.Id);
        Assert.Equal(Q("0.6"), order.RemainingSize);
        var fill = Assert.Single(_h.Exchange.GetFills(_alice).Unwrap());
        Assert.Equal((P("30000"), Q("0.4"), Liquidity.Maker), (fill.Price, fill.Size, fill.Liquidity));

        var events = _h.Drain();
        var trade = Assert.Single(Assert.Single(events.OfType<PublicTradesPrinted>()).Trades);
        Assert.Equal((Side.Sell, P("30000"), Q("0.4")), (trade.Side, trade.Price, trade.Size));
        var book = _h.Exchange.GetOrderbook(Btc).Unwrap();
        Assert.Empty(book.Asks); // the crossing background was used up
        Assert.Equal(Q("0.6"), Assert.Single(book.Bids).Size);
    }

    [Fact]
    public void Background_taken_by_a_user_returns_only_when_the_feed_sets_the_level()
    {
        _h.Background(Side.Sell, "30010", "1");
        _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "30010", "0.4", TimeInForce.Ioc));
        Assert.Equal(Q("0.6"), _h.Exchange.GetOrderbook(Btc).Unwrap().Asks.Single().Size);
        _h.Background(Side.Sell, "30011", "1");
        Assert.Equal(Q("0.6"), _h.Exchange.GetOrderbook(Btc).Unwrap().Asks[0].Size);
        _h.Background(Side.Sell, "30010", "1.2");
        Assert.Equal(Q("1.2"), _h.Exchange.GetOrderbook(Btc).Unwrap().Asks[0].Size);
    }

    [Fact]
    public void A_snapshot_replaces_the_background_and_keeps_user_orders()
    {
        _h.Background(Side.Sell, "30010", "1");
        _h.Background(Side.Buy, "29990", "1");
        _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29980", "0.5"));
        _h.BackgroundSnapshot((Side.Buy, "29985", "2"), (Side.Sell, "30005", "3"));
        var book = _h.Exchange.GetOrderbook(Btc).Unwrap();
        Assert.Equal([(P("29985"), Q("2")), (P("29980"), Q("0.5"))], book.Bids.Select(l => (l.Price, l.Size)));
        Assert.Equal([(P("30005"), Q("3"))], book.Asks.Select(l => (l.Price, l.Size)));
    }

    [Fact]
    public void Public_book_aggregates_background_and_users_by_price()
    {
        _h.Background(Side.Sell, "30010", "1");
        _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30010", "0.25"));
        _h.PlaceAndProcess(_bob, _h.Order(Side.Sell, "30010", "0.5"));
        _h.PlaceAndProcess(_bob, _h.Order(Side.Sell, "30020", "0.5"));
        var asks = _h.Exchange.GetOrderbook(Btc).Unwrap().Asks;
        Assert.Equal([(P("30010"), Q("1.75")), (P("30020"), Q("0.5"))], asks.Select(l => (l.Price, l.Size)));
    }
}
