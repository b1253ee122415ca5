using System.Globalization;
using System.Text.Json;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;

namespace Engine.Stark.Tests.Kat;

/// <summary>Turns a kat.json order "input" object into a <see cref="StarkOrder"/> built from the very strings.</summary>
public static class KatOrders
{
    public static StarkOrder FromInput(JsonElement input) => new(
        input.GetProperty("networkId").GetInt32(),
        ulong.Parse(input.Text("positionId"), CultureInfo.InvariantCulture),
        input.Text("market"),
        input.Text("side") == "BUY" ? StarkOrderSide.Buy : StarkOrderSide.Sell,
        ExactDecimal.Parse(input.Text("humanSize")),
        ExactDecimal.Parse(input.Text("humanPrice")),
        ExactDecimal.Parse(input.Text("limitFee")),
        input.Text("clientId"),
        DateTimeOffset.Parse(input.Text("expirationIsoTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
