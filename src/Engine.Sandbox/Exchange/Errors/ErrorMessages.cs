using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Markets;

namespace Engine.Sandbox.Exchange.Errors;

/// <summary>
/// Every synchronous rejection the sandbox returns, in one place. [real] = text seen in a live v3 response;
/// [doc] = suggested by docs/dydx-v3-api.md §1.3 for a case whose real text is unknown; [sim] = chosen here.
/// </summary>
public static class ErrorMessages
{
    /// <summary>[real] Unknown order id on GET/DELETE.</summary>
    public static ExchangeError NoOrderFound(string id) => new(400, $"No order found with id: {id}", "id", "params", id);

    /// <summary>[sim] Unknown clientId on GET /v3/orders/client/:clientId (v3 only looked back one hour).</summary>
    public static ExchangeError NoOrderFoundWithClientId(string clientId) =>
        new(400, $"No order found with clientId: {clientId}", "clientId", "params", clientId);

    /// <summary>[sim, real prefix "No order for market"] Active-orders call with an id that is not active.</summary>
    public static ExchangeError NoActiveOrder(string market, Side side, string id) =>
        new(400, $"No order for market {market}, side {side.ToWire()}, id {id}", "id", "query", id);

    /// <summary>[sim] Active-orders call with an id but no side.</summary>
    public static ExchangeError SideRequiredWithId() => new(400, "side is required when id is given", "side", "query");

    /// <summary>[real]</summary>
    public static ExchangeError ExpirationTooSoon(Timestamp expiration) =>
        ExchangeError.BadRequest("Order expiration cannot be less than 1 minute(s) in the future", "expiration", expiration.ToIso());

    /// <summary>[doc]</summary>
    public static ExchangeError DuplicateClientId(string clientId) =>
        ExchangeError.BadRequest("Order with specified clientId already exists", "clientId", clientId);

    /// <summary>[doc]</summary>
    public static ExchangeError PriceNotOnTick(Price price, Price tick) =>
        ExchangeError.BadRequest($"Order price must be a multiple of the tickSize {tick}", "price", price.ToString());

    /// <summary>[doc]</summary>
    public static ExchangeError SizeNotOnStep(Quantity size, Quantity step) =>
        ExchangeError.BadRequest($"Order size must be a multiple of the stepSize {step}", "size", size.ToString());

    /// <summary>[doc]</summary>
    public static ExchangeError SizeBelowMinimum(Quantity size, Quantity minimum) =>
        ExchangeError.BadRequest($"Order size must be at least minOrderSize {minimum}", "size", size.ToString());

    /// <summary>[doc]</summary>
    public static ExchangeError TooManyOpenOrders(string market, Side side) =>
        ExchangeError.BadRequest($"Account has too many open orders for market {market} and side {side.ToWire()}");

    /// <summary>[sim] (same text as the engine's simulated venue)</summary>
    public static ExchangeError PriceNotPositive(Price price) =>
        ExchangeError.BadRequest("Order price must be greater than 0", "price", price.ToString());

    /// <summary>[sim] A caller bug: the echoed price text is not the price that was validated.</summary>
    public static ExchangeError PriceTextMismatch(string text, Price price) =>
        ExchangeError.BadRequest($"price text '{text}' does not denote the order price {price}", "price", text);

    /// <summary>[sim]</summary>
    public static ExchangeError SizeNotPositive(Quantity size) =>
        ExchangeError.BadRequest("Order size must be greater than 0", "size", size.ToString());

    /// <summary>[sim] (same text as the engine's simulated venue)</summary>
    public static ExchangeError InvalidMarket(string market) => ExchangeError.BadRequest($"Invalid market {market}", "market", market);

    /// <summary>[sim] Market status gating: OFFLINE and CANCEL_ONLY take no orders, POST_ONLY takes only postOnly ones.</summary>
    public static ExchangeError MarketNotAccepting(string market, MarketStatus status) => status switch
    {
        MarketStatus.PostOnly => ExchangeError.BadRequest($"Market {market} is POST_ONLY: only postOnly orders are accepted", "postOnly", "false"),
        _ => ExchangeError.BadRequest($"Market {market} is {status.ToWire()}: orders cannot be placed", "market", market),
    };

    /// <summary>[sim]</summary>
    public static ExchangeError UnsupportedOrderType(string type) =>
        ExchangeError.BadRequest($"Order type {type} is not supported by the sandbox", "type", type);

    /// <summary>[sim]</summary>
    public static ExchangeError MarketOrderNeedsFokOrIoc() =>
        ExchangeError.BadRequest("Market orders must have timeInForce FOK or IOC", "timeInForce");

    /// <summary>[sim]</summary>
    public static ExchangeError ReduceOnlyNeedsFokOrIoc() =>
        ExchangeError.BadRequest("reduceOnly orders must have timeInForce FOK or IOC", "reduceOnly", "true");

    /// <summary>[sim]</summary>
    public static ExchangeError ReduceOnlyWithoutPosition(string market) =>
        ExchangeError.BadRequest($"reduceOnly order requires an open position in {market}", "reduceOnly", "true");

    /// <summary>[sim]</summary>
    public static ExchangeError ReduceOnlyWrongSide(Side side) =>
        ExchangeError.BadRequest($"reduceOnly {side.ToWire()} order would increase the position", "side", side.ToWire());

    /// <summary>[sim]</summary>
    public static ExchangeError ReduceOnlyTooLarge(Quantity size, Quantity position) =>
        ExchangeError.BadRequest($"reduceOnly order size {size} exceeds the position size {position}", "size", size.ToString());

    /// <summary>[sim] limitFee below the rate that applies (postOnly: maker, FOK/IOC: taker, else the larger).</summary>
    public static ExchangeError LimitFeeTooLow(decimal limitFee, decimal requiredRate) =>
        ExchangeError.BadRequest($"Order limitFee {limitFee} is below the account fee rate {requiredRate}", "limitFee",
            limitFee.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>[sim]</summary>
    public static ExchangeError ClientIdRequired() => ExchangeError.BadRequest("clientId must be a non-empty string", "clientId");

    /// <summary>[sim] Cancelling an order that is already FILLED or CANCELED.</summary>
    public static ExchangeError OrderAlreadyFinal(string id, string status) =>
        new(400, $"Order with id: {id} is already {status}", "id", "params", id);

    /// <summary>[sim]</summary>
    public static ExchangeError AccountNotFound(string accountId) => new(404, $"No account found with id: {accountId}", "id", "params", accountId);

    /// <summary>[sim]</summary>
    public static ExchangeError AccountExists(string address, int accountNumber) =>
        ExchangeError.BadRequest($"Account {accountNumber} already exists for {address}", "ethereumAddress", address);

    /// <summary>[sim]</summary>
    public static ExchangeError InvalidEthereumAddress(string address) =>
        ExchangeError.BadRequest("ethereumAddress must be a 0x-prefixed 40-hex-digit address", "ethereumAddress", address);

    /// <summary>[sim]</summary>
    public static ExchangeError InvalidStarkKey(string key) =>
        ExchangeError.BadRequest("starkKey must be a hex string of at most 64 digits", "starkKey", key);

    /// <summary>[sim]</summary>
    public static ExchangeError InvalidAmount(string param, decimal amount) =>
        ExchangeError.BadRequest($"{param} must be a non-negative USD amount with at most 6 decimals", param,
            amount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>[sim]</summary>
    public static ExchangeError InvalidLimit(int limit) =>
        new(400, "limit must be between 1 and 100", "limit", "query", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
