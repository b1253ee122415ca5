using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Dydx.Rest.RateLimiting;
using Xunit;

namespace Engine.Dydx.Tests.Rest.RateLimiting;

/// <summary>The client-side limiter on a clock that only the test moves.</summary>
public sealed class DydxRateLimiterTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private readonly ManualTimeProvider _clock = new();

    private DydxRateLimiter Limiter(RateLimitOptions? options = null) =>
        new((options ?? new RateLimitOptions()) with { SafetyMargin = TimeSpan.Zero }, _clock);

    private static RateLimitOptions GetPool(int points, double seconds) =>
        new() { Get = new PoolLimit(points, TimeSpan.FromSeconds(seconds)) };

    private static ValueTask Acquire(DydxRateLimiter limiter, RateLimitCharge charge, CancellationToken cancellation = default) =>
        limiter.AcquireAsync([charge], cancellation);

    private static async Task Completes(Task task) => await task.WaitAsync(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Requests_within_the_pool_pass_at_once_and_the_next_waits_for_the_window()
    {
        var limiter = Limiter(GetPool(3, 1));
        for (int i = 0; i < 3; i++) Assert.True(Acquire(limiter, RateLimitCharge.Get()).IsCompletedSuccessfully);

        var fourth = Acquire(limiter, RateLimitCharge.Get()).AsTask();
        Assert.False(fourth.IsCompleted);
        _clock.Advance(999 * Ms);
        await Task.Delay(20);
        Assert.False(fourth.IsCompleted);
        _clock.Advance(Ms);
        await Completes(fourth);
        Assert.Equal(4, limiter.Counters.Acquired);
        Assert.Equal(1, limiter.Counters.Waited);
    }

    [Fact]
    public async Task The_window_slides_so_points_free_up_as_old_requests_age_out()
    {
        var limiter = Limiter(GetPool(3, 1));
        await Acquire(limiter, RateLimitCharge.Get());           // t = 0
        _clock.Advance(500 * Ms);
        await Acquire(limiter, RateLimitCharge.Get());           // t = 0.5
        await Acquire(limiter, RateLimitCharge.Get());           // t = 0.5
        _clock.Advance(100 * Ms);                                 // t = 0.6: full

        var next = Acquire(limiter, RateLimitCharge.Get()).AsTask();
        _clock.Advance(399 * Ms);                                 // t = 0.999: the t = 0 request still counts
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        _clock.Advance(Ms);                                       // t = 1.0: it ages out
        await Completes(next);
        Assert.Equal(0, limiter.Available(RateLimitCharge.Get()));
    }

    [Fact]
    public async Task Safety_margin_lengthens_every_window()
    {
        var limiter = new DydxRateLimiter(GetPool(1, 1) with { SafetyMargin = TimeSpan.FromMilliseconds(200) }, _clock);
        await Acquire(limiter, RateLimitCharge.Get());
        var next = Acquire(limiter, RateLimitCharge.Get()).AsTask();
        _clock.Advance(1100 * Ms);
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        _clock.Advance(100 * Ms);
        await Completes(next);
    }

    [Theory]
    [InlineData(DydxOrderType.Limit, TimeInForce.Gtt, "1", "1000", 40)]        // the doc's example: 1,000 USD quote
    [InlineData(DydxOrderType.Limit, TimeInForce.Gtt, "0.5", "20000", 4)]      // 10,000 USD
    [InlineData(DydxOrderType.Limit, TimeInForce.Gtt, "1", "40000", 4)]        // ceil(1) = 1 → minimum 4
    [InlineData(DydxOrderType.Limit, TimeInForce.Gtt, "0.001", "30000", 100)]  // 30 USD: capped at 100
    [InlineData(DydxOrderType.Limit, TimeInForce.Gtt, "3", "1000", 14)]        // ceil(13.33)
    [InlineData(DydxOrderType.Limit, TimeInForce.Ioc, "1", "40000", 20)]       // FOK/IOC count as market
    [InlineData(DydxOrderType.Market, TimeInForce.Fok, "1", "40000", 20)]
    [InlineData(DydxOrderType.StopLimit, TimeInForce.Gtt, "10", "40000", 100)] // triggerable minimum
    [InlineData(DydxOrderType.TakeProfit, TimeInForce.Gtt, "10", "40000", 100)]
    public void Order_points_follow_the_v3_formula(DydxOrderType type, TimeInForce tif, string size, string price, int points) =>
        Assert.Equal(points, new OrderPointCosts().PointsFor(type, tif, decimal.Parse(size), decimal.Parse(price)));

    [Fact]
    public async Task Placement_points_are_counted_per_market()
    {
        var limiter = Limiter(new RateLimitOptions { PlaceOrder = new PoolLimit(100, TimeSpan.FromSeconds(10)) });
        await Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 100));
        var btc = Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 4));
        var eth = Acquire(limiter, RateLimitCharge.PlaceOrder("ETH-USD", 100));
        Assert.False(btc.IsCompleted);
        Assert.True(eth.IsCompletedSuccessfully);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Completes(btc.AsTask());
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_line_and_the_next_one_is_served()
    {
        var limiter = Limiter(GetPool(1, 1));
        await Acquire(limiter, RateLimitCharge.Get());
        using var cancel = new CancellationTokenSource();
        var abandoned = Acquire(limiter, RateLimitCharge.Get(), cancel.Token).AsTask();
        var patient = Acquire(limiter, RateLimitCharge.Get()).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Completes(patient);
        Assert.Equal(2, limiter.Counters.Acquired);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_so_a_large_order_is_not_starved()
    {
        var limiter = Limiter(new RateLimitOptions { PlaceOrder = new PoolLimit(100, TimeSpan.FromSeconds(1)) });
        await Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 100));
        var large = Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 100)).AsTask();
        var small = Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 4)).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Completes(large);
        await Task.Delay(20);
        Assert.False(small.IsCompleted); // it came second: it waits for the large one's window to pass
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Completes(small);
    }

    [Fact]
    public async Task A_request_larger_than_the_pool_waits_for_an_empty_window_instead_of_forever()
    {
        var limiter = Limiter(new RateLimitOptions { PlaceOrder = new PoolLimit(50, TimeSpan.FromSeconds(1)) });
        await Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 10));
        var huge = Acquire(limiter, RateLimitCharge.PlaceOrder("BTC-USD", 100)).AsTask();
        Assert.False(huge.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Completes(huge);
    }

    [Fact]
    public async Task Multi_pool_requests_spend_nothing_until_every_pool_has_room()
    {
        var limiter = Limiter(GetPool(1, 1));
        var activeGet = RateLimitCharge.ActiveOrdersGet("BTC-USD", null, null);
        Assert.Equal(5, activeGet.Points);
        await Acquire(limiter, RateLimitCharge.Get());
        var both = limiter.AcquireAsync([RateLimitCharge.Get(), activeGet]).AsTask();
        await Task.Delay(20);
        Assert.False(both.IsCompleted);
        Assert.Equal(175, limiter.Available(activeGet)); // not taken while waiting for the GET pool
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Completes(both);
        Assert.Equal(170, limiter.Available(activeGet));
    }

    [Fact]
    public async Task Remaining_and_reset_headers_tighten_the_pool_until_the_server_window_ends()
    {
        var limiter = Limiter(GetPool(175, 10));
        var serverNow = _clock.GetUtcNow();
        // Someone else on this IP used the pool up: 0 left for 2 s.
        limiter.Observe(RateLimitCharge.Get(), new RateLimitHeaders(175, 0, serverNow.AddSeconds(2), null), serverNow);
        Assert.Equal(1, limiter.Counters.ServerAdjustments);
        Assert.Equal(0, limiter.Available(RateLimitCharge.Get()));
        var next = Acquire(limiter, RateLimitCharge.Get()).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        _clock.Advance(Ms);
        await Completes(next);
    }

    [Fact]
    public async Task An_out_of_order_older_answer_does_not_loosen_the_pool()
    {
        var limiter = Limiter(GetPool(175, 10));
        var now = _clock.GetUtcNow();
        limiter.Observe(RateLimitCharge.Get(), new RateLimitHeaders(175, 2, now.AddSeconds(5), null), now);
        limiter.Observe(RateLimitCharge.Get(), new RateLimitHeaders(175, 90, now.AddSeconds(5), null), now);
        await Acquire(limiter, RateLimitCharge.Get());
        await Acquire(limiter, RateLimitCharge.Get());
        Assert.False(Acquire(limiter, RateLimitCharge.Get()).IsCompleted);
    }

    [Fact]
    public async Task A_lower_limit_header_is_adopted_but_a_higher_one_is_not()
    {
        var limiter = Limiter(GetPool(10, 1));
        var now = _clock.GetUtcNow();
        limiter.Observe(RateLimitCharge.Get(), new RateLimitHeaders(500, null, null, null), now);
        limiter.Observe(RateLimitCharge.Get(), new RateLimitHeaders(2, null, null, null), now);
        await Acquire(limiter, RateLimitCharge.Get());
        await Acquire(limiter, RateLimitCharge.Get());
        Assert.False(Acquire(limiter, RateLimitCharge.Get()).IsCompleted);
    }

    [Fact]
    public async Task A_429_closes_its_pool_for_retry_after_only()
    {
        var limiter = Limiter();
        var now = _clock.GetUtcNow();
        var block = limiter.OnRejected(RateLimitCharge.CancelSingle("BTC-USD"), new RateLimitHeaders(null, null, null, TimeSpan.FromMilliseconds(1500)), now);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), block);
        Assert.Equal(1, limiter.Counters.Rejections);
        var blocked = Acquire(limiter, RateLimitCharge.CancelSingle("BTC-USD")).AsTask();
        Assert.True(Acquire(limiter, RateLimitCharge.CancelSingle("ETH-USD")).IsCompletedSuccessfully);
        _clock.Advance(TimeSpan.FromMilliseconds(1499));
        await Task.Delay(20);
        Assert.False(blocked.IsCompleted);
        _clock.Advance(Ms);
        await Completes(blocked);
    }

    [Fact]
    public void A_nonsense_retry_after_is_capped()
    {
        var limiter = Limiter();
        var block = limiter.OnRejected(RateLimitCharge.Get(), new RateLimitHeaders(null, null, null, TimeSpan.FromDays(3)), _clock.GetUtcNow());
        Assert.Equal(new RateLimitOptions().MaxServerBlock, block);
    }

    [Fact]
    public void Exchange_config_replaces_the_documented_defaults()
    {
        var limiter = Limiter();
        limiter.ApplyExchangeConfig(new ExchangeConfig
        {
            DefaultMakerFee = 0.0005m,
            DefaultTakerFee = 0.001m,
            CancelOrderRateLimiting = new CancelOrderRateLimiting { MaxPointsMulti = 6, MaxPointsSingle = 8500, WindowSecMulti = 20, WindowSecSingle = 10 },
            PlaceOrderRateLimiting = new PlaceOrderRateLimiting
            {
                MaxPoints = 900, WindowSec = 5, TargetNotional = 20_000m, MinLimitConsumption = 2, MinMarketConsumption = 10,
                MinTriggerableConsumption = 50, MaxOrderConsumption = 50,
            },
        });
        var options = limiter.Options;
        Assert.Equal(new PoolLimit(900, TimeSpan.FromSeconds(5)), options.PlaceOrder);
        Assert.Equal(new PoolLimit(6, TimeSpan.FromSeconds(20)), options.CancelAll);
        Assert.Equal(new PoolLimit(8500, TimeSpan.FromSeconds(10)), options.CancelSingle);
        Assert.Equal(new PoolLimit(175, TimeSpan.FromSeconds(10)), options.Get); // not in the config: documented value
        Assert.Equal(20, limiter.PlaceOrderPoints(DydxOrderType.Limit, TimeInForce.Gtt, 1m, 1000m));
        Assert.Equal(900, limiter.Available(RateLimitCharge.PlaceOrder("BTC-USD", 1)));
    }

    [Fact]
    public void Active_order_charges_follow_the_documented_costs()
    {
        Assert.Equal(1, RateLimitCharge.ActiveOrdersCancel("BTC-USD", Side.Buy, "abc").Points);
        Assert.Equal(25, RateLimitCharge.ActiveOrdersCancel("BTC-USD", Side.Buy, null).Points);
        Assert.Equal(50, RateLimitCharge.ActiveOrdersCancel("BTC-USD", null, null).Points);
        Assert.Equal(1, RateLimitCharge.ActiveOrdersGet("BTC-USD", Side.Sell, "abc").Points);
        Assert.Equal(3, RateLimitCharge.ActiveOrdersGet("BTC-USD", Side.Sell, null).Points);
        Assert.Equal(RateLimitCharge.AnyMarket, RateLimitCharge.CancelAll(null).Scope);
    }
}
