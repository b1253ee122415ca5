using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Orders;
using Xunit;

namespace Engine.Sandbox.Tests.Support;

/// <summary>
/// A sandbox with BTC-USD listed at the real 2022 v3 rules (tick 1, step 0.0001, min 0.001, IMF 0.05, MMF 0.03,
/// baseline 9, increment 1.5, incremental IMF 0.01, max 170), oracle 30000, and a manual clock.
/// </summary>
internal sealed class Harness
{
    public const string Btc = "BTC-USD";
    public static readonly Timestamp Start = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 5, 2, 0, 0, 10, TimeSpan.Zero));

    private int _clientIds;
    private int _addresses;

    public Harness(SandboxOptions? options = null, Price? oracle = null)
    {
        Now = Start;
        Exchange = new SandboxExchange(options);
        Exchange.AddMarkets([new MarketConfig { Rules = BtcRules, OraclePrice = oracle ?? P("30000"), NextFundingRate = 0.0000125m }], Now);
    }

    public static MarketRules BtcRules { get; } = new(
        Btc, P("1"), Q("0.0001"), Q("0.001"), 0.05m, 0.03m, Q("9"), Q("1.5"), 0.01m, Q("170"));

    public SandboxExchange Exchange { get; }
    public Timestamp Now { get; private set; }

    public void Advance(TimeSpan by) => Now = Now.AddNanos(by.Ticks * 100L);

    public static Price P(string text) => Price.Parse(text);
    public static Quantity Q(string text) => Quantity.Parse(text);

    public string NewAccount(decimal collateral = 100_000m, decimal? makerFee = null, decimal? takerFee = null)
    {
        int n = ++_addresses;
        var result = Exchange.CreateAccount(new NewAccountRequest
        {
            EthereumAddress = "0x" + n.ToString("x40"),
            StarkPublicKey = "0x" + (n + 1000).ToString("x63"),
            PositionId = 100 + n,
            InitialCollateral = collateral,
            MakerFeeRate = makerFee,
            TakerFeeRate = takerFee,
        }, Now);
        return result.Unwrap().Id;
    }

    public PlaceOrderRequest Order(Side side, string price, string size, TimeInForce tif = TimeInForce.Gtt, bool postOnly = false,
        bool reduceOnly = false, OrderType type = OrderType.Limit, string? clientId = null, string? cancelId = null,
        decimal limitFee = 0.002m, TimeSpan? expiresIn = null) => new()
    {
        Market = Btc,
        Side = side,
        Type = type,
        Price = P(price),
        Size = Q(size),
        LimitFee = limitFee,
        Expiration = Now.AddNanos((expiresIn ?? TimeSpan.FromHours(1)).Ticks * 100L),
        TimeInForce = tif,
        PostOnly = postOnly,
        ReduceOnly = reduceOnly,
        ClientId = clientId ?? (++_clientIds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        CancelId = cancelId,
        Signature = "0x01",
    };

    public ExchangeResult<OrderView> Place(string account, PlaceOrderRequest request) => Exchange.PlaceOrder(account, request, Now);

    /// <summary>Places and runs the matcher; returns the order's final state.</summary>
    public OrderView PlaceAndProcess(string account, PlaceOrderRequest request)
    {
        var placed = Place(account, request).Unwrap();
        Assert.Equal(V3OrderStatus.Pending, placed.Status);
        Exchange.ProcessPending(Now);
        return Get(account, placed.Id);
    }

    public OrderView Get(string account, string orderId) => Exchange.GetOrder(account, orderId).Unwrap();

    public AccountView Account(string account) => Exchange.GetAccount(account).Unwrap();

    public void Background(Side side, string price, string size) =>
        Exchange.ApplyBackgroundBook(Btc, false, [new BackgroundLevel(side, P(price), Q(size))], Now);

    public void BackgroundSnapshot(params (Side Side, string Price, string Size)[] levels) =>
        Exchange.ApplyBackgroundBook(Btc, true, levels.Select(l => new BackgroundLevel(l.Side, P(l.Price), Q(l.Size))).ToList(), Now);

    public void BackgroundTrade(Side takerSide, string price, string size) =>
        Exchange.ApplyBackgroundTrades(Btc, [new PublicTrade(takerSide, P(price), Q(size), Now, false)], Now);

    public void SetOracle(string price) =>
        Exchange.ApplyMarketUpdate(new MarketUpdate(Btc) { OraclePrice = P(price) }, Now);

    public IReadOnlyList<ExchangeEvent> Drain() => Exchange.DrainEvents();

    public static void AssertError(ExchangeResult<OrderView> result, string message, int status = 400)
    {
        Assert.False(result.IsSuccess, $"expected '{message}', got {result}");
        Assert.Equal(status, result.Error!.HttpStatus);
        Assert.Equal(message, result.Error.Message);
    }

    public static void AssertCanceled(OrderView order, CancelReason reason)
    {
        Assert.Equal(V3OrderStatus.Canceled, order.Status);
        Assert.Equal(reason, order.CancelReason);
    }
}
