using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Markets;

namespace Engine.Sandbox.Exchange.Orders;

/// <summary>
/// The synchronous checks of POST /v3/orders (HTTP 400 on failure). Everything that depends on the book or on
/// margin is NOT here: v3 accepted such orders as PENDING and cancelled them asynchronously.
/// </summary>
internal static class OrderValidator
{
    public static ExchangeError? Validate(PlaceOrderRequest r, SandboxAccount account, SandboxMarket? market, SandboxOptions options, Timestamp now)
    {
        if (market is null) return ErrorMessages.InvalidMarket(r.Market);
        if (market.Status is MarketStatus.Offline or MarketStatus.CancelOnly || (market.Status == MarketStatus.PostOnly && !r.PostOnly))
            return ErrorMessages.MarketNotAccepting(market.Name, market.Status);
        if (r.Type is not (OrderType.Limit or OrderType.Market)) return ErrorMessages.UnsupportedOrderType(r.Type.ToWire());
        if (r.Type == OrderType.Market && r.TimeInForce == TimeInForce.Gtt) return ErrorMessages.MarketOrderNeedsFokOrIoc();
        if (r.ReduceOnly && r.TimeInForce == TimeInForce.Gtt) return ErrorMessages.ReduceOnlyNeedsFokOrIoc();
        if (string.IsNullOrEmpty(r.ClientId)) return ErrorMessages.ClientIdRequired();

        var rules = market.Rules;
        if (r.Price.Units <= 0) return ErrorMessages.PriceNotPositive(r.Price);
        if (r.PriceText is { } text && (!FixedPoint.TryParse(text.AsSpan(), out long units) || units != r.Price.Units))
            return ErrorMessages.PriceTextMismatch(text, r.Price);
        if (r.Price.Units % rules.TickSize.Units != 0) return ErrorMessages.PriceNotOnTick(r.Price, rules.TickSize);
        if (r.Size.Units <= 0) return ErrorMessages.SizeNotPositive(r.Size);
        if (r.Size.Units % rules.StepSize.Units != 0) return ErrorMessages.SizeNotOnStep(r.Size, rules.StepSize);
        if (r.Size < rules.MinOrderSize) return ErrorMessages.SizeBelowMinimum(r.Size, rules.MinOrderSize);

        decimal required = RequiredFeeRate(r, account);
        if (r.LimitFee < required) return ErrorMessages.LimitFeeTooLow(r.LimitFee, required);
        if (r.Expiration.Nanos < now.Nanos + options.MinimumExpiration.Ticks * 100L) return ErrorMessages.ExpirationTooSoon(r.Expiration);
        if (account.OrdersByClientId.ContainsKey(r.ClientId)) return ErrorMessages.DuplicateClientId(r.ClientId);

        SandboxOrder? replaced = null;
        if (r.CancelId is { } cancelId && !account.OrdersById.TryGetValue(cancelId, out replaced))
            return ErrorMessages.NoOrderFound(cancelId);

        if (r.ReduceOnly)
        {
            long position = account.PositionUnits(market.Name);
            if (position == 0) return ErrorMessages.ReduceOnlyWithoutPosition(market.Name);
            if (Math.Sign(position) == r.Side.Sign()) return ErrorMessages.ReduceOnlyWrongSide(r.Side);
            if (r.Size.Units > Math.Abs(position)) return ErrorMessages.ReduceOnlyTooLarge(r.Size, new Quantity(Math.Abs(position)));
        }

        // The order being replaced and orders already being cancelled make room (cancel-replace at the limit works).
        int open = account.ActiveOrders.Count(o => o.Market == market.Name && o.Side == r.Side && !o.CancelRequested && o != replaced);
        if (open >= options.MaxOpenOrdersPerMarketSide) return ErrorMessages.TooManyOpenOrders(market.Name, r.Side);
        return null;
    }

    /// <summary>v3 rule: postOnly is checked against the maker rate, FOK/IOC against the taker rate, anything else against the larger.</summary>
    public static decimal RequiredFeeRate(PlaceOrderRequest r, SandboxAccount account) =>
        r.PostOnly ? account.MakerFeeRate
        : r.TimeInForce != TimeInForce.Gtt ? account.TakerFeeRate
        : Math.Max(account.MakerFeeRate, account.TakerFeeRate);
}
