using Engine.Core.Primitives;

namespace Engine.Dydx.Rest.RateLimiting;

/// <summary>The v3 rate-limit pools. All but <see cref="Get"/> are kept per market.</summary>
public enum RateLimitPool { Get, PlaceOrder, CancelSingle, CancelAll, ActiveOrdersCancel, ActiveOrdersGet }

/// <summary>
/// Points one request takes from one pool; Scope is the market for per-market pools ("*" when the request is not
/// tied to one market, e.g. cancel-all across markets or a cancel by id whose market the caller did not give).
/// </summary>
public readonly record struct RateLimitCharge(RateLimitPool Pool, string Scope, int Points)
{
    public const string AnyMarket = "*";

    public static RateLimitCharge Get() => new(RateLimitPool.Get, "", 1);

    public static RateLimitCharge PlaceOrder(string market, int points) => new(RateLimitPool.PlaceOrder, market, points);

    public static RateLimitCharge CancelSingle(string? market) => new(RateLimitPool.CancelSingle, market ?? AnyMarket, 1);

    public static RateLimitCharge CancelAll(string? market) => new(RateLimitPool.CancelAll, market ?? AnyMarket, 1);

    public static RateLimitCharge ActiveOrdersCancel(string market, Side? side, string? id) =>
        new(RateLimitPool.ActiveOrdersCancel, market, id is not null ? 1 : side is not null ? 25 : 50);

    public static RateLimitCharge ActiveOrdersGet(string market, Side? side, string? id) =>
        new(RateLimitPool.ActiveOrdersGet, market, id is not null ? 1 : side is not null ? 3 : 5);

    internal string Key => Scope.Length == 0 ? Pool.ToString() : $"{Pool}:{Scope}";
}
