using Engine.Stark.Numerics;

namespace Engine.Stark.Orders;

/// <summary>
/// The fields of a v3 limit order that its STARK signature covers. Amounts are exact decimals: pass
/// System.Decimal values (converted exactly) or parse the very strings that go into the POST body with
/// <see cref="ExactDecimal.Parse"/>. The expiration counts in whole milliseconds, as on the wire
/// (<see cref="OrderExpiration.FormatIso"/> gives the matching body string).
/// </summary>
public sealed record StarkOrder(
    int NetworkId,
    ulong PositionId,
    string Market,
    StarkOrderSide Side,
    ExactDecimal Size,
    ExactDecimal Price,
    ExactDecimal LimitFee,
    string ClientId,
    DateTimeOffset Expiration);
