using System.Text;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Streaming.Accounts;
using Engine.Dydx.Streaming.Sync;
using Fill = Engine.Dydx.Rest.Models.Fill;
using Engine.TestSupport;
using Xunit;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>The v3_accounts channel as typed updates, from the real captures.</summary>
public sealed class AccountStreamTests
{
    private static byte[] Capture(string file) => File.ReadAllBytes(SharedData.Shared("data", "real", "dydx-v3", "hft-micro-dydx", file));

    private static List<AccountStreamUpdate> Feed(AccountStream stream, byte[] frame, bool expectOk = true)
    {
        Assert.True(FrameHeaderReader.TryRead(frame, out var header));
        var updates = new List<AccountStreamUpdate>();
        Assert.Equal(expectOk, stream.OnFrame(header, frame, updates));
        return updates;
    }

    /// <summary>partially-filled-orders.json is a bare `contents` object: wrap it as the channel_data it came in.</summary>
    private static byte[] PartiallyFilledFrame() => Encoding.UTF8.GetBytes(
        $$"""{"type":"channel_data","connection_id":"c","message_id":9,"id":"00000000-0000-5000-8000-000000000002","channel":"v3_accounts","contents":{{Encoding.UTF8.GetString(Capture("partially-filled-orders.json"))}}}""");

    [Fact]
    public void The_real_subscribed_message_seeds_the_account()
    {
        var stream = new AccountStream();
        var seeded = Assert.IsType<AccountSeeded>(Assert.Single(Feed(stream, Capture("ws-account.json"))));
        Assert.False(seeded.IsReseed);
        Assert.Equal(558.519283m, seeded.Account.Equity);
        Assert.Equal(558.519283m, seeded.Account.FreeCollateral);
        Assert.Equal(0.000000m, seeded.Account.PendingDeposits);
        Assert.Equal("0.000000", seeded.Account.PendingDeposits!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, seeded.Account.PositionId);
        Assert.Empty(seeded.OpenOrders);
        var deposit = Assert.Single(seeded.Transfers);
        Assert.Equal(("DEPOSIT", "CONFIRMED", 558.519283m), (deposit.Type, deposit.Status, deposit.CreditAmount!.Value));
        Assert.True(stream.IsSeeded);
        Assert.Equal("00000000-0000-5000-8000-000000000002", stream.AccountId);
        Assert.Equal(558.519283m, stream.QuoteBalance);
    }

    [Fact]
    public void The_real_fill_message_yields_fill_order_position_and_balance_exactly()
    {
        var stream = new AccountStream();
        Feed(stream, Capture("ws-account.json"));
        var updates = Feed(stream, Capture("ws-account-after-filled.json"));
        Assert.Collection(updates,
            u =>
            {
                var fill = Assert.IsType<FillReceived>(u).Fill;
                Assert.Equal(("00000000-0000-5000-8000-000000000011", Side.Sell, Liquidity.Taker), (fill.Id, fill.Side, fill.Liquidity));
                Assert.Equal((261.600000m, 0.27m, 0.070632m, 70.632m), (fill.Price, fill.Size, fill.Fee, fill.QuoteAmount!.Value));
                Assert.Equal("16344815692096", fill.OrderClientId);
            },
            u =>
            {
                var order = Assert.IsType<OrderUpdated>(u).Order;
                Assert.Equal((DydxOrderStatus.Filled, TimeInForce.Fok, 0m, (CancelReason?)null), (order.Status, order.TimeInForce, order.RemainingSize, order.CancelReason));
            },
            u =>
            {
                var position = Assert.IsType<PositionUpdated>(u).Position;
                Assert.Equal((PositionSide.Short, PositionStatus.Open, -0.27m, 261.600000m), (position.Side, position.Status, position.Size, position.EntryPrice));
            },
            u =>
            {
                var balance = Assert.IsType<AccountBalanceUpdated>(u).Balance;
                Assert.Equal((0, 633.094868m), (balance.AccountNumber, balance.QuoteBalance)); // accountNumber is a NUMBER here
            });
        Assert.Equal(633.094868m, stream.QuoteBalance);
        Assert.Equal(1, stream.Counters.Fills);
    }

    [Fact]
    public void A_fill_seen_twice_is_emitted_once_also_against_rest_reconciliation()
    {
        var stream = new AccountStream();
        Feed(stream, Capture("ws-account.json"));
        Assert.Single(Feed(stream, Capture("ws-account-after-filled.json")).OfType<FillReceived>());
        Assert.Empty(Feed(stream, Capture("ws-account-after-filled.json")).OfType<FillReceived>());
        Assert.Equal(1, stream.Counters.DuplicateFills);

        var restFill = new Fill
        {
            Id = "00000000-0000-5000-8000-000000000011", Side = Side.Sell, Liquidity = Liquidity.Taker, Type = DydxOrderType.Limit,
            Market = "XMR-USD", OrderId = "0daf2000", Price = 261.6m, Size = 0.27m, Fee = 0.070632m, CreatedAt = DateTimeOffset.UtcNow,
        };
        Assert.False(stream.TryRecordFill(restFill));
        Assert.True(stream.TryRecordFill(restFill with { Id = "another-fill-same-timestamp" }));
    }

    [Fact]
    public void The_real_IOC_partial_fill_and_position_flip_parse()
    {
        var stream = new AccountStream();
        var updates = Feed(stream, PartiallyFilledFrame());
        var order = updates.OfType<OrderUpdated>().Single().Order;
        Assert.Equal((DydxOrderStatus.Canceled, CancelReason.ImmediateOrCancelPartiallyFilled, TimeInForce.Ioc), (order.Status, order.CancelReason, order.TimeInForce));
        Assert.Equal((158.3m, 157.5m), (order.Size, order.RemainingSize));
        var positions = updates.OfType<PositionUpdated>().Select(p => p.Position).ToList();
        Assert.Equal(2, positions.Count);
        Assert.Equal((PositionSide.Long, PositionStatus.Open, 0.7m), (positions[0].Side, positions[0].Status, positions[0].Size));
        Assert.Equal((PositionSide.Short, PositionStatus.Closed, 0m, -0.015127m, -0.665127m),
            (positions[1].Side, positions[1].Status, positions[1].Size, positions[1].NetFunding!.Value, positions[1].RealizedPnl!.Value));
        Assert.Equal(1, stream.Counters.UpdatesBeforeSeed);
    }

    [Theory]
    [InlineData("ws-order.json")]
    [InlineData("ws-account-channel-data.json")]
    public void Real_user_cancels_parse(string file)
    {
        var order = Assert.IsType<OrderUpdated>(Assert.Single(Feed(new AccountStream(), Capture(file)))).Order;
        Assert.Equal((DydxOrderStatus.Canceled, CancelReason.UserCanceled, "FIL-USD", 60m), (order.Status, order.CancelReason, order.Market, order.Price));
    }

    [Fact]
    public void A_reseed_after_a_reconnect_reports_only_funding_payments_not_seen_before()
    {
        var stream = new AccountStream();
        const string payments1 = """[{"market":"ETH-USD","payment":"-0.01","rate":"0.00001","positionSize":"1","price":"1000","effectiveAt":"2022-05-02T12:00:00.000Z"}]""";
        const string payments2 = """[{"market":"ETH-USD","payment":"-0.01","rate":"0.00001","positionSize":"1","price":"1000","effectiveAt":"2022-05-02T12:00:00.000Z"},{"market":"ETH-USD","payment":"-0.02","rate":"0.00002","positionSize":"1","price":"1000","effectiveAt":"2022-05-02T13:00:00.000Z"}]""";
        string Subscribed(string payments) => Encoding.UTF8.GetString(Capture("ws-account.json")).Replace("\"fundingPayments\": []", $"\"fundingPayments\": {payments}");

        var first = Feed(stream, Encoding.UTF8.GetBytes(Subscribed(payments1)));
        Assert.Single(first); // history, not news
        stream.OnStreamInterrupted();
        Assert.False(stream.IsSeeded);
        var second = Feed(stream, Encoding.UTF8.GetBytes(Subscribed(payments2)));
        Assert.True(Assert.IsType<AccountSeeded>(second[0]).IsReseed);
        var paid = Assert.IsType<FundingPaymentReceived>(Assert.Single(second.Skip(1))).Payment;
        Assert.Equal(-0.02m, paid.Payment);
        Assert.Equal(1, stream.Counters.Reseeds);
        Assert.True(stream.IsSeeded);
    }

    [Fact]
    public void A_malformed_account_frame_changes_nothing_and_asks_for_a_resubscribe()
    {
        var sync = new StreamSynchronizer();
        var stream = sync.TrackAccounts();
        var resyncs = new List<ResyncRequest>();
        var updates = new List<AccountStreamUpdate>();
        sync.OnFrame(Capture("ws-account.json"), 1, new Timestamp(1), resyncs, updates);
        updates.Clear();
        // The fill is fine but the order's status is not a v3 status: nothing of the message may be applied.
        string broken = Encoding.UTF8.GetString(Capture("ws-account-after-filled.json")).Replace("\"FILLED\"", "\"ENTIRELY_FILLED\"")
            .Replace("\"message_id\": 5", "\"message_id\": 3"); // the next message of the connection: no gap
        sync.OnFrame(Encoding.UTF8.GetBytes(broken), 1, new Timestamp(2), resyncs, updates);
        Assert.Empty(updates);
        Assert.Equal(new ResyncRequest(Channel.Accounts, null, SyncAnomaly.MalformedFrame, ResyncMode.Resubscribe), Assert.Single(resyncs));
        Assert.Equal(1, stream.Counters.MalformedFrames);
        Assert.False(stream.IsSeeded);
        Assert.Equal(558.519283m, stream.QuoteBalance);
    }
}
