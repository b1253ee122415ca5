using Akka.Actor;
using Akka.TestKit.Xunit2;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using Engine.Dydx.Rest;
using Engine.Runtime.Feed.Live;
using Engine.Runtime.Orders;
using Engine.Runtime.Signing;
using Engine.Runtime.Venue;
using Engine.Runtime.Venue.Dydx;
using Engine.Sandbox.Server;
using Engine.Stark.Keys;
using Xunit;
using Xunit.Abstractions;

namespace Engine.Runtime.Tests;

/// <summary>
/// The v3 venue actor against the real sandbox exchange over loopback: orders signed by the signer actor,
/// placed over REST, accepted, canceled and filled, each reported to the order manager exactly once.
/// </summary>
public sealed class DydxVenueActorTests(ITestOutputHelper output) : TestKit(TestConfigs.InMemory, "dydx-venue", output), IAsyncLifetime
{
    private const string StarkPrivateKey = "58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3";
    private const string Market = "BTC-USD";
    private SandboxServer _server = null!;
    private DydxRestClient _rest = null!;
    private IActorRef _venue = null!;
    private Akka.TestKit.TestProbe _orders = null!;
    private int _nextClientId = 1;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartNewAsync(new SandboxServerOptions { Port = 0, SyntheticSeed = 5, SyntheticMarket = Market });
        var account = await _server.CreateAccountAsync(new SandboxAccountSpec
        {
            StarkPublicKey = Engine.Stark.Keys.StarkPrivateKey.ParseHex(StarkPrivateKey).PublicKey.ToHex(),
            Collateral = 100_000m,
        });
        var signer = Sys.ActorOf(SignerActor.Props(new DydxCredentials(account.ApiKey.Key, account.ApiKey.Secret, account.ApiKey.Passphrase, StarkPrivateKey, 0)), "signer");
        _rest = new DydxRestClient(new DydxRestOptions { BaseUri = _server.BaseUrl }, authenticator: new SignerRequestAuthenticator(signer, TimeSpan.FromSeconds(5)));
        _venue = Sys.ActorOf(DydxVenueActor.Props(new DydxVenueSettings(1, (ulong)account.PositionId, 0.0015m), _rest, signer), "venue");
        _orders = CreateTestProbe();
        _venue.Tell(new AttachMarket(Market, _orders, CreateTestProbe()));
    }

    public async Task DisposeAsync()
    {
        _rest.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(decimal Bid, decimal Ask)> TopOfBook()
    {
        for (int i = 0; i < 100; i++)
        {
            var book = await _rest.GetOrderbookAsync(Market);
            if (book.Bids.Count > 0 && book.Asks.Count > 0) return (book.Bids[0].Price, book.Asks[0].Price);
            await Task.Delay(50);
        }
        throw new InvalidOperationException("the sandbox's background book never filled");
    }

    private OrderRequest Order(Side side, decimal price, bool postOnly, TimeInForce tif = TimeInForce.Gtt) => new(
        $"engine-{_nextClientId++}", Market, side, Price.FromDecimal(price), Quantity.Parse("0.01"), tif, postOnly,
        Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)));

    /// <summary>Reconciles over REST until the venue reports what <paramref name="until"/> waits for.</summary>
    private List<ExecutionReport> ReportsUntil(Func<ExecutionReport, bool> until)
    {
        var seen = new List<ExecutionReport>();
        for (int attempt = 0; attempt < 50 && !seen.Any(until); attempt++)
        {
            _venue.Tell(new ReconcileOrders(Market), TestActor);
            ExpectMsg<OrdersReconciled>(TimeSpan.FromSeconds(10));
            while (_orders.HasMessages) seen.AddRange(_orders.ExpectMsg<VenueReports>().Reports);
            if (!seen.Any(until)) Thread.Sleep(50);
        }
        Assert.Contains(seen, r => until(r));
        return seen;
    }

    [Fact]
    public async Task A_signed_order_is_accepted_then_canceled_each_reported_once()
    {
        var (bid, _) = await TopOfBook();
        var order = Order(Side.Buy, bid - 200m, postOnly: true);
        _venue.Tell(new SubmitOrder(order, Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow)));
        var accepted = Assert.IsType<OrderAccepted>(Assert.Single(_orders.ExpectMsg<VenueReports>(TimeSpan.FromSeconds(10)).Reports));
        Assert.Equal(order.ClientId, accepted.ClientId);
        Assert.False(string.IsNullOrEmpty(accepted.VenueOrderId));

        _venue.Tell(new CancelOrder(Market, order.ClientId, Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow)));
        var reports = ReportsUntil(r => r is OrderCanceled);
        var canceled = Assert.IsType<OrderCanceled>(Assert.Single(reports));
        Assert.Equal(CancelReason.UserCanceled, canceled.Reason);

        // Reconciling again reports nothing new.
        _venue.Tell(new ReconcileOrders(Market), TestActor);
        ExpectMsg<OrdersReconciled>(TimeSpan.FromSeconds(10));
        _orders.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_crossing_order_fills_as_taker_with_the_venue_fee()
    {
        var (_, ask) = await TopOfBook();
        var order = Order(Side.Buy, ask + 50m, postOnly: false, TimeInForce.Ioc);
        _venue.Tell(new SubmitOrder(order, Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow)));
        Assert.IsType<OrderAccepted>(_orders.ExpectMsg<VenueReports>(TimeSpan.FromSeconds(10)).Reports[0]);

        var fills = ReportsUntil(r => r is OrderFilled { RemainingSize.IsZero: true }).OfType<OrderFilled>().ToList();
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Fill.Liquidity));
        Assert.Equal(order.Size, new Quantity(fills.Sum(f => f.Fill.Size.Units)));
        foreach (var f in fills)
        {
            Assert.True(f.Fill.Price.ToDecimal() <= ask + 50m);
            Assert.Equal(decimal.Round(f.Fill.Size.Notional(f.Fill.Price) * 0.001m, 6, MidpointRounding.ToPositiveInfinity), f.Fill.Fee);
        }
    }

    [Fact]
    public void An_order_the_venue_refuses_is_reported_rejected_with_its_message()
    {
        // A price off the 1-dollar tick of BTC-USD.
        var order = Order(Side.Buy, 1000.5m, postOnly: true);
        _venue.Tell(new SubmitOrder(order, Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow)));
        var rejected = Assert.IsType<OrderRejected>(Assert.Single(_orders.ExpectMsg<VenueReports>(TimeSpan.FromSeconds(10)).Reports));
        Assert.Equal(order.ClientId, rejected.ClientId);
        Assert.Contains("tick", rejected.Reason, StringComparison.OrdinalIgnoreCase);
    }
}
