using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Stark.Keys;
using Engine.Stark.Orders;
using Side = Engine.Core.Primitives.Side;
using TimeInForce = Engine.Core.Orders.TimeInForce;

namespace Engine.Runtime.Tests;

/// <summary>Places a STARK-signed 0.01 limit order as a test (not the engine) would: mainnet network id, an hour to live.</summary>
internal static class SignedOrders
{
    public static Task<Order> PlaceAsync(DydxRestClient rest, StarkPrivateKey key, ulong positionId, string market, string clientId, Side side,
        decimal price, TimeInForce timeInForce = TimeInForce.Gtt, bool postOnly = false)
    {
        var expiration = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds());
        var order = new StarkOrder(1, positionId, market, side == Side.Buy ? StarkOrderSide.Buy : StarkOrderSide.Sell, 0.01m, price, 0.0015m, clientId, expiration);
        return rest.PlaceOrderAsync(new PlaceOrderRequest
        {
            Market = market, Side = side, Type = DydxOrderType.Limit, TimeInForce = timeInForce, PostOnly = postOnly,
            Size = 0.01m, Price = price, LimitFee = 0.0015m, Expiration = expiration, ClientId = clientId,
            Signature = StarkOrderSigner.Default.Sign(order, key).Signature.ToHex(),
        });
    }
}
