using Engine.Core.Orders;
using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Rest.RateLimiting;

/// <summary>Points a pool allows per window.</summary>
public sealed record PoolLimit(int MaxPoints, TimeSpan Window)
{
    public void Validate(string name)
    {
        if (MaxPoints <= 0) throw new ArgumentException($"rate limit {name}: max points must be positive");
        if (Window <= TimeSpan.Zero) throw new ArgumentException($"rate limit {name}: window must be positive");
    }
}

/// <summary>
/// POST /v3/orders points per order: clamp(ceil(TargetNotional / (size × price)), minimum, MaxOrder), the minimum
/// being MinLimit for GTT limit orders, MinMarket for MARKET and FOK/IOC limits, MinTriggerable for stop,
/// take-profit and trailing orders (v3 §1.6). Small orders are expensive: a 1,000 USD quote costs 40 points.
/// </summary>
public sealed record OrderPointCosts
{
    public decimal TargetNotional { get; init; } = 40_000m;
    public int MinLimit { get; init; } = 4;
    public int MinMarket { get; init; } = 20;
    public int MinTriggerable { get; init; } = 100;
    public int MaxOrder { get; init; } = 100;

    public int PointsFor(DydxOrderType type, TimeInForce timeInForce, decimal size, decimal price)
    {
        int minimum = type is DydxOrderType.StopLimit or DydxOrderType.TakeProfit or DydxOrderType.TrailingStop ? MinTriggerable
            : type == DydxOrderType.Market || timeInForce != TimeInForce.Gtt ? MinMarket
            : MinLimit;
        decimal notional = Math.Abs(size * price);
        decimal raw = notional == 0m ? MaxOrder : Math.Ceiling(TargetNotional / notional);
        int points = raw >= MaxOrder ? MaxOrder : (int)raw;
        return Math.Clamp(points, Math.Min(minimum, MaxOrder), MaxOrder);
    }
}

/// <summary>
/// The client-side model of v3's rate limits (§1.6). Defaults are the documented values of 2022; GET /v3/config
/// overrides the order-placement and cancel-all values (<see cref="WithExchangeConfig"/>), and responses' RateLimit-*
/// headers tighten pools further at run time. Pools are counted over a sliding window, which is at least as strict
/// as the exchange's fixed windows whatever their alignment; <see cref="SafetyMargin"/> is added to every window to
/// absorb the difference between when we send and when the server counts.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>All GET v3/* requests of the IP/account share one pool.</summary>
    public PoolLimit Get { get; init; } = new(175, TimeSpan.FromSeconds(10));

    /// <summary>POST /v3/orders, per market.</summary>
    public PoolLimit PlaceOrder { get; init; } = new(1750, TimeSpan.FromSeconds(10));

    public OrderPointCosts OrderCosts { get; init; } = new();

    /// <summary>DELETE /v3/orders/:id, per market, 1 point each (docs: 250 per 10 s).</summary>
    public PoolLimit CancelSingle { get; init; } = new(250, TimeSpan.FromSeconds(10));

    /// <summary>DELETE /v3/orders (cancel-all), per market (or for all markets), 1 point each.</summary>
    public PoolLimit CancelAll { get; init; } = new(3, TimeSpan.FromSeconds(10));

    /// <summary>DELETE /v3/active-orders, per market: 1 point with an id, 25 with only a side, 50 otherwise.</summary>
    public PoolLimit ActiveOrdersCancel { get; init; } = new(425, TimeSpan.FromSeconds(10));

    /// <summary>GET /v3/active-orders, per market: 1 point with an id, 3 with only a side, 5 otherwise.</summary>
    public PoolLimit ActiveOrdersGet { get; init; } = new(175, TimeSpan.FromSeconds(10));

    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest block a server header (Retry-After, RateLimit-Reset) can impose; guards against nonsense values.</summary>
    public TimeSpan MaxServerBlock { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The live values of GET /v3/config: placeOrderRateLimiting fully, cancelOrderRateLimiting's multi (cancel-all)
    /// and single (cancel by id) pools. Pools the config does not describe keep their documented values.
    /// </summary>
    public RateLimitOptions WithExchangeConfig(ExchangeConfig config)
    {
        var result = this;
        if (config.PlaceOrderRateLimiting is { } place)
            result = result with
            {
                PlaceOrder = new PoolLimit(place.MaxPoints, TimeSpan.FromSeconds(place.WindowSec)),
                OrderCosts = new OrderPointCosts
                {
                    TargetNotional = place.TargetNotional,
                    MinLimit = place.MinLimitConsumption,
                    MinMarket = place.MinMarketConsumption,
                    MinTriggerable = place.MinTriggerableConsumption,
                    MaxOrder = place.MaxOrderConsumption,
                },
            };
        if (config.CancelOrderRateLimiting is { } cancel)
            result = result with
            {
                CancelAll = new PoolLimit(cancel.MaxPointsMulti, TimeSpan.FromSeconds(cancel.WindowSecMulti)),
                CancelSingle = new PoolLimit(cancel.MaxPointsSingle, TimeSpan.FromSeconds(cancel.WindowSecSingle)),
            };
        result.Validate();
        return result;
    }

    public PoolLimit For(RateLimitPool pool) => pool switch
    {
        RateLimitPool.Get => Get,
        RateLimitPool.PlaceOrder => PlaceOrder,
        RateLimitPool.CancelSingle => CancelSingle,
        RateLimitPool.CancelAll => CancelAll,
        RateLimitPool.ActiveOrdersCancel => ActiveOrdersCancel,
        RateLimitPool.ActiveOrdersGet => ActiveOrdersGet,
        _ => throw new ArgumentOutOfRangeException(nameof(pool), pool, null),
    };

    public void Validate()
    {
        Get.Validate(nameof(Get));
        PlaceOrder.Validate(nameof(PlaceOrder));
        CancelSingle.Validate(nameof(CancelSingle));
        CancelAll.Validate(nameof(CancelAll));
        ActiveOrdersCancel.Validate(nameof(ActiveOrdersCancel));
        ActiveOrdersGet.Validate(nameof(ActiveOrdersGet));
        if (OrderCosts.MaxOrder <= 0 || OrderCosts.MinLimit <= 0 || OrderCosts.MinMarket <= 0 || OrderCosts.MinTriggerable <= 0 || OrderCosts.TargetNotional <= 0)
            throw new ArgumentException("rate limit order costs must be positive");
        if (SafetyMargin < TimeSpan.Zero) throw new ArgumentException("rate limit safety margin cannot be negative");
    }
}
