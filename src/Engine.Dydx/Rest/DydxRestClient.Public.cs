using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Rest;

// Public endpoints (no authentication). Each charges the shared GET pool.
public sealed partial class DydxRestClient
{
    public Task<ServerTime> GetTimeAsync(CancellationToken cancellation = default) =>
        SendValueAsync<ServerTime>(Get(RequestPath.For("/v3/time")), cancellation);

    /// <summary>Fees and the live rate-limit parameters (feed them to <see cref="RateLimiting.DydxRateLimiter.ApplyExchangeConfig"/>).</summary>
    public Task<ExchangeConfig> GetConfigAsync(CancellationToken cancellation = default) =>
        SendValueAsync<ExchangeConfig>(Get(RequestPath.For("/v3/config")), cancellation);

    /// <summary>All markets, or one (still returned as a map).</summary>
    public async Task<IReadOnlyDictionary<string, Market>> GetMarketsAsync(string? market = null, CancellationToken cancellation = default) =>
        (await SendValueAsync<MarketsResponse>(Get(RequestPath.For("/v3/markets").Add("market", market)), cancellation).ConfigureAwait(false)).Markets;

    /// <summary>The full book of fillable orders; bids descending, asks ascending.</summary>
    public Task<OrderbookSnapshot> GetOrderbookAsync(string market, CancellationToken cancellation = default) =>
        SendValueAsync<OrderbookSnapshot>(Get(RequestPath.For("/v3/orderbook", market)), cancellation);

    /// <summary>Recent public trades, newest first (limit ≤ 100).</summary>
    public async Task<IReadOnlyList<Trade>> GetTradesAsync(string market, DateTimeOffset? startingBeforeOrAt = null, int? limit = null,
        CancellationToken cancellation = default) =>
        (await SendValueAsync<TradesResponse>(Get(RequestPath.For("/v3/trades", market)
            .Add("startingBeforeOrAt", startingBeforeOrAt).Add("limit", limit)), cancellation).ConfigureAwait(false)).Trades;

    /// <summary>Hourly funding rates, newest first, 100 per page.</summary>
    public async Task<IReadOnlyList<HistoricalFunding>> GetHistoricalFundingAsync(string market, DateTimeOffset? effectiveBeforeOrAt = null,
        CancellationToken cancellation = default) =>
        (await SendValueAsync<HistoricalFundingResponse>(Get(RequestPath.For("/v3/historical-funding", market)
            .Add("effectiveBeforeOrAt", effectiveBeforeOrAt)), cancellation).ConfigureAwait(false)).HistoricalFunding;
}
