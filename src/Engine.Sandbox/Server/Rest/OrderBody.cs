using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Wire;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Orders;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Engine.Stark.Signing;

namespace Engine.Sandbox.Server.Rest;

/// <summary>
/// The body of POST /v3/orders, parsed. The decimal fields keep the exact text sent: the STARK signature covers the
/// values the client quantised from those strings, and the order price is echoed back as submitted.
/// </summary>
internal sealed record OrderBody(
    string Market,
    Side Side,
    OrderType Type,
    string SizeText,
    Quantity Size,
    string PriceText,
    Price Price,
    string LimitFeeText,
    decimal LimitFee,
    Timestamp Expiration,
    TimeInForce TimeInForce,
    bool PostOnly,
    bool ReduceOnly,
    string ClientId,
    string Signature,
    string? CancelId)
{
    /// <summary>[real] v3's answer to a STARK signature that does not verify.</summary>
    public const string InvalidSignatureMessage = "Invalid signature for order";

    /// <summary>express-validator style entry for a missing or malformed body field.</summary>
    private static ExchangeError Invalid(string param, string? value) => new(400, "Invalid value", param, "body", value);

    public static bool TryParse(JsonElement? body, out OrderBody? order, out ExchangeError? error)
    {
        order = null;
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            error = new ExchangeError(400, "Request body must be a JSON object"); // [sim]
            return false;
        }
        error = null;

        string? market = Text(root, "market");
        if (string.IsNullOrEmpty(market)) return Fail(Invalid("market", market), out error);

        string? sideText = Text(root, "side");
        if (sideText is null || !SideExtensions.TryParseWire(Encoding.ASCII.GetBytes(sideText), out var side)) return Fail(Invalid("side", sideText), out error);

        string? typeText = Text(root, "type");
        if (typeText is null || !TryParseType(typeText, out var type)) return Fail(Invalid("type", typeText), out error);

        string? sizeText = Text(root, "size");
        if (sizeText is null || !FixedPoint.TryParse(sizeText.AsSpan(), out long sizeUnits) || !ExactDecimal.TryParse(sizeText, out _))
            return Fail(Invalid("size", sizeText), out error);

        string? priceText = Text(root, "price");
        if (priceText is null || !FixedPoint.TryParse(priceText.AsSpan(), out long priceUnits) || !ExactDecimal.TryParse(priceText, out _))
            return Fail(Invalid("price", priceText), out error);

        string? feeText = Text(root, "limitFee");
        if (feeText is null || !decimal.TryParse(feeText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal limitFee) || !ExactDecimal.TryParse(feeText, out _))
            return Fail(Invalid("limitFee", feeText), out error);

        string? expirationText = Text(root, "expiration");
        if (expirationText is null || !IsoTime.TryParse(expirationText, out var expiration)) return Fail(Invalid("expiration", expirationText), out error);

        var timeInForce = TimeInForce.Gtt;
        if (Text(root, "timeInForce") is { } tifText)
        {
            TimeInForce? parsed = tifText switch { "GTT" => TimeInForce.Gtt, "FOK" => TimeInForce.Fok, "IOC" => TimeInForce.Ioc, _ => null };
            if (parsed is null) return Fail(Invalid("timeInForce", tifText), out error);
            timeInForce = parsed.Value;
        }

        if (!Bool(root, "postOnly", out bool postOnly)) return Fail(Invalid("postOnly", Raw(root, "postOnly")), out error);
        if (!Bool(root, "reduceOnly", out bool reduceOnly)) return Fail(Invalid("reduceOnly", Raw(root, "reduceOnly")), out error);

        string? clientId = Text(root, "clientId");
        if (string.IsNullOrEmpty(clientId)) return Fail(ErrorMessages.ClientIdRequired(), out error);

        string? signature = Text(root, "signature");
        if (string.IsNullOrEmpty(signature)) return Fail(Invalid("signature", signature), out error);

        string? cancelId = Text(root, "cancelId");
        order = new OrderBody(market, side, type, sizeText, new Quantity(sizeUnits), priceText, new Price(priceUnits), feeText, limitFee,
            expiration, timeInForce, postOnly, reduceOnly, clientId, signature, string.IsNullOrEmpty(cancelId) ? null : cancelId);
        return true;
    }

    public static bool TryParseType(string text, out OrderType type)
    {
        OrderType? parsed = text switch
        {
            "LIMIT" => OrderType.Limit,
            "MARKET" => OrderType.Market,
            "STOP_LIMIT" => OrderType.StopLimit,
            "TRAILING_STOP" => OrderType.TrailingStop,
            "TAKE_PROFIT" => OrderType.TakeProfit,
            _ => null,
        };
        type = parsed ?? default;
        return parsed is not null;
    }

    public PlaceOrderRequest ToRequest() => new()
    {
        Market = Market,
        Side = Side,
        Type = Type,
        Size = Size,
        Price = Price,
        PriceText = PriceText,
        LimitFee = LimitFee,
        Expiration = Expiration,
        TimeInForce = TimeInForce,
        PostOnly = PostOnly,
        ReduceOnly = ReduceOnly,
        ClientId = ClientId,
        CancelId = CancelId,
        Signature = Signature,
    };

    /// <summary>The signed fields, from the exact strings sent, with the account's position id and the server's network.</summary>
    public StarkOrder ToStarkOrder(int networkId, long positionId) => new(
        networkId,
        (ulong)positionId,
        Market,
        Side == Side.Buy ? StarkOrderSide.Buy : StarkOrderSide.Sell,
        ExactDecimal.Parse(SizeText),
        ExactDecimal.Parse(PriceText),
        ExactDecimal.Parse(LimitFeeText),
        ClientId,
        Expiration.ToDateTimeOffset());

    /// <summary>Checks the "signature" field against the account's STARK key; false for anything that does not verify.</summary>
    public bool VerifySignature(StarkOrderSigner signer, int networkId, OnboardedAccount account)
    {
        if (!StarkSignature.TryParseHex(Signature, out var signature)) return false;
        try
        {
            return signer.Verify(ToStarkOrder(networkId, account.PositionId), signature, account.StarkKey);
        }
        catch (Exception e) when (e is StarkOrderException or FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static bool Fail(ExchangeError e, out ExchangeError? error)
    {
        error = e;
        return false;
    }

    /// <summary>A string field; numbers are taken as their JSON text (some clients sent numbers).</summary>
    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static string? Raw(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.GetRawText() : null;

    /// <summary>A boolean field: absent or null = false; true/false or "true"/"false".</summary>
    private static bool Bool(JsonElement root, string name, out bool value)
    {
        value = false;
        if (!root.TryGetProperty(name, out var v)) return true;
        switch (v.ValueKind)
        {
            case JsonValueKind.Null: return true;
            case JsonValueKind.True: value = true; return true;
            case JsonValueKind.False: return true;
            case JsonValueKind.String when v.GetString() is "true" or "false":
                value = v.GetString() == "true";
                return true;
            default: return false;
        }
    }
}
