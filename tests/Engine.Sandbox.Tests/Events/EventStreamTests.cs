using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;
using Xunit;
using static Engine.Sandbox.Tests.Support.Harness;

namespace Engine.Sandbox.Tests.Events;

/// <summary>The ordered change stream the WebSocket layer turns into v3 channel messages.</summary>
public sealed class EventStreamTests
{
    private readonly Harness _h = new();
    private readonly string _alice;
    private readonly string _bob;

    public EventStreamTests()
    {
        _alice = _h.NewAccount();
        _bob = _h.NewAccount();
    }

    [Fact]
    public void A_match_is_one_account_message_per_side_plus_a_trade_and_a_book_change()
    {
        var maker = _h.PlaceAndProcess(_alice, _h.Order(Side.Sell, "30010", "1"));
        var taker = _h.Place(_bob, _h.Order(Side.Buy, "30010", "0.4", TimeInForce.Ioc)).Unwrap();
        _h.Drain();
        _h.Exchange.ProcessPending(_h.Now);
        var events = _h.Drain();

        Assert.Equal([typeof(PublicTradesPrinted), typeof(OrderbookChanged), typeof(AccountChanged), typeof(AccountChanged)],
            events.Select(e => e.GetType()));
        var trade = Assert.Single(((PublicTradesPrinted)events[0]).Trades);
        Assert.Equal((Side.Buy, P("30010"), Q("0.4")), (trade.Side, trade.Price, trade.Size));
        var ask = Assert.Single(((OrderbookChanged)events[1]).Asks);
        Assert.Equal((P("30010"), Q("0.6")), (ask.Price, ask.Size));

        var makerUpdate = events.OfType<AccountChanged>().Single(e => e.AccountId == _alice);
        Assert.Equal(maker.Id, Assert.Single(makerUpdate.Orders).Id);
        Assert.Equal(Liquidity.Maker, Assert.Single(makerUpdate.Fills).Liquidity);
        Assert.Equal(Q("-0.4"), Assert.Single(makerUpdate.Positions).Size);
        Assert.Equal(_h.Account(_alice).QuoteBalance, makerUpdate.Account!.QuoteBalance);

        var takerUpdate = events.OfType<AccountChanged>().Single(e => e.AccountId == _bob);
        var order = Assert.Single(takerUpdate.Orders); // its final state in the step, not PENDING then FILLED
        Assert.Equal((taker.Id, V3OrderStatus.Filled), (order.Id, order.Status));
        Assert.Equal(Liquidity.Taker, Assert.Single(takerUpdate.Fills).Liquidity);

        Assert.True(events.Zip(events.Skip(1)).All(p => p.Second.Sequence == p.First.Sequence + 1));
        Assert.All(events, e => Assert.Equal(_h.Now, e.At));
    }

    [Fact]
    public void Book_offsets_increase_by_one_per_change_and_removals_publish_size_zero()
    {
        _h.Drain();
        _h.Background(Side.Buy, "29990", "1");
        var placed = _h.PlaceAndProcess(_alice, _h.Order(Side.Buy, "29990", "0.5"));
        _h.Exchange.CancelOrder(_alice, placed.Id, _h.Now);
        _h.Exchange.ProcessPending(_h.Now);
        _h.Background(Side.Buy, "29990", "0");
        var books = _h.Drain().OfType<OrderbookChanged>().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], books.Select(b => b.Offset));
        Assert.Equal([Q("1"), Q("1.5"), Q("1"), Q("0")], books.Select(b => Assert.Single(b.Bids).Size));
        Assert.Equal(4, _h.Exchange.GetOrderbook(Btc).Unwrap().Offset);
        Assert.Empty(_h.Exchange.GetOrderbook(Btc).Unwrap().Bids);
        var tombstone = Assert.Single(_h.Exchange.GetOrderbook(Btc, includeTombstones: true).Unwrap().Bids);
        Assert.Equal((Q("0"), 4L), (tombstone.Size, tombstone.Offset));
    }

    [Fact]
    public void A_change_that_nets_out_publishes_nothing()
    {
        _h.Background(Side.Buy, "29990", "1");
        _h.Drain();
        _h.Background(Side.Buy, "29990", "1"); // same size again
        Assert.Empty(_h.Drain().OfType<OrderbookChanged>());
    }

    [Fact]
    public void Oracle_changes_are_market_events_with_only_the_changed_fields()
    {
        _h.Drain();
        _h.SetOracle("30500");
        var change = Assert.IsType<MarketChanged>(Assert.Single(_h.Drain()));
        Assert.Equal((Btc, P("30500")), (change.Market, change.OraclePrice));
        Assert.Null(change.NextFundingRate);
        Assert.Null(change.Status);
        _h.SetOracle("30500");
        Assert.Empty(_h.Drain());
    }
}
