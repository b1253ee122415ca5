using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Orders;

namespace Engine.Sandbox.Server;

/// <summary>One pool's verdict and the values of its RateLimit-* headers.</summary>
internal readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, long ResetEpochMs, long RetryAfterMs);

/// <summary>
/// Fixed-window point pools (v3 §1.6): a pool opens with its first request and refills completely when its window
/// ends. Thread-safe. Pool keys name the limit and its scope (IP, account, market).
/// </summary>
internal sealed class RateLimiter(SandboxRateLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long StartMs, int Used, long WindowMs)> _pools = new(StringComparer.Ordinal);

    public SandboxRateLimits Limits => limits;

    public RateDecision Consume(string pool, int limit, int windowSec, int cost, DateTimeOffset now)
    {
        long nowMs = now.ToUnixTimeMilliseconds();
        long windowMs = windowSec * 1000L;
        lock (_lock)
        {
            if (!_pools.TryGetValue(pool, out var state) || nowMs >= state.StartMs + windowMs) state = (nowMs, 0, windowMs);
            long reset = state.StartMs + windowMs;
            bool allowed = !limits.Enabled || state.Used + cost <= limit;
            if (allowed) state.Used += cost;
            _pools[pool] = state;
            if (_pools.Count > 100_000) Prune(nowMs);
            return new RateDecision(allowed, limit, Math.Max(0, limit - state.Used), reset, allowed ? 0 : Math.Max(1, reset - nowMs));
        }
    }

    public RateDecision Get(string scope, DateTimeOffset now) =>
        Consume("get:" + scope, limits.GetRequests, limits.GetWindowSec, 1, now);

    /// <summary>POST v3/orders: points per market and account.</summary>
    public RateDecision PlaceOrder(string accountId, string market, int cost, DateTimeOffset now) =>
        Consume($"place:{accountId}:{market}", limits.PlaceMaxPoints, limits.PlaceWindowSec, cost, now);

    public RateDecision CancelAll(string accountId, string? market, DateTimeOffset now) =>
        Consume($"cancel-multi:{accountId}:{market ?? "*"}", limits.CancelMaxPointsMulti, limits.CancelWindowSecMulti, 1, now);

    public RateDecision CancelSingle(string accountId, string market, DateTimeOffset now) =>
        Consume($"cancel-single:{accountId}:{market}", limits.CancelMaxPointsSingle, limits.CancelWindowSecSingle, 1, now);

    public RateDecision CancelActive(string accountId, string market, bool hasId, bool hasSide, DateTimeOffset now) =>
        Consume($"active-delete:{accountId}:{market}", limits.ActiveOrdersCancelPoints, limits.ActiveOrdersWindowSec,
            hasId ? 1 : hasSide ? 25 : 50, now);

    public RateDecision GetActive(string accountId, string market, bool hasId, bool hasSide, DateTimeOffset now) =>
        Consume($"active-get:{accountId}:{market}", limits.ActiveOrdersGetPoints, limits.ActiveOrdersWindowSec,
            hasId ? 1 : hasSide ? 3 : 5, now);

    /// <summary>
    /// Points of one order: clamp(ceil(targetNotional / (size × price)), minimum, maxOrderConsumption), the minimum
    /// being the limit one for GTT limit orders, the market one for MARKET and FOK/IOC, the triggerable one for stops.
    /// </summary>
    public int OrderCost(OrderType type, TimeInForce timeInForce, Quantity size, Price price)
    {
        int minimum = type is OrderType.StopLimit or OrderType.TakeProfit or OrderType.TrailingStop ? limits.MinTriggerableConsumption
            : type == OrderType.Market || timeInForce != TimeInForce.Gtt ? limits.MinMarketConsumption
            : limits.MinLimitConsumption;
        decimal notional = Math.Abs(size.Notional(price));
        decimal raw = notional <= 0m ? limits.MaxOrderConsumption : Math.Ceiling(limits.TargetNotional / notional);
        int cost = raw >= limits.MaxOrderConsumption ? limits.MaxOrderConsumption : (int)raw;
        return Math.Clamp(cost, Math.Min(minimum, limits.MaxOrderConsumption), limits.MaxOrderConsumption);
    }

    private void Prune(long nowMs)
    {
        foreach (var (key, state) in _pools.ToList())
            if (nowMs >= state.StartMs + state.WindowMs) _pools.Remove(key);
    }
}
