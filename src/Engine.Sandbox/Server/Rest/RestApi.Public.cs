using System.Globalization;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Server.Json;
using Engine.Stark.Assets;
using Microsoft.AspNetCore.Http;

namespace Engine.Sandbox.Server.Rest;

// Public endpoints (no auth): time, config, markets, orderbook, trades, historical funding.
internal sealed partial class RestApi
{
    /// <summary>Header with the offset of the last published book change a GET /v3/orderbook snapshot includes (sandbox extension).</summary>
    public const string OrderbookOffsetHeader = "X-Sandbox-Orderbook-Offset";

    /// <summary>GET /v3/time: server time (wall clock + injected skew), iso and epoch seconds with milliseconds.</summary>
    private Task Time(HttpContext ctx)
    {
        var now = clock.ServerNow();
        long ms = now.ToUnixTimeMilliseconds();
        return WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("iso", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("epoch", (ms / 1000).ToString(CultureInfo.InvariantCulture) + "." + (ms % 1000).ToString("D3", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    /// <summary>GET /v3/config: v3's shape; the fee defaults and rate limits are the ones this server applies.</summary>
    private Task Config(HttpContext ctx)
    {
        var limits = options.RateLimits;
        var collateral = CollateralAssets.TryGet(options.NetworkId, out var asset) ? asset : CollateralAssets.ForNetwork(CollateralAssets.Mainnet);
        return WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("collateralAssetId", "0x" + collateral.AssetId.ToHex());
            w.WriteString("collateralTokenAddress", collateral.TokenAddress);
            w.WriteString("defaultMakerFee", V3Json.Plain(options.Exchange.DefaultMakerFeeRate));
            w.WriteString("defaultTakerFee", V3Json.Plain(options.Exchange.DefaultTakerFeeRate));
            w.WriteString("exchangeAddress", ExchangeAddress(options.NetworkId));
            w.WriteString("maxExpectedBatchLengthMinutes", "240");
            w.WriteString("maxFastWithdrawalAmount", "200000");
            w.WriteStartObject("cancelOrderRateLimiting");
            w.WriteNumber("maxPointsMulti", limits.CancelMaxPointsMulti);
            w.WriteNumber("maxPointsSingle", limits.CancelMaxPointsSingle);
            w.WriteNumber("windowSecMulti", limits.CancelWindowSecMulti);
            w.WriteNumber("windowSecSingle", limits.CancelWindowSecSingle);
            w.WriteEndObject();
            w.WriteStartObject("placeOrderRateLimiting");
            w.WriteNumber("maxPoints", limits.PlaceMaxPoints);
            w.WriteNumber("windowSec", limits.PlaceWindowSec);
            w.WriteNumber("targetNotional", limits.TargetNotional);
            w.WriteNumber("minLimitConsumption", limits.MinLimitConsumption);
            w.WriteNumber("minMarketConsumption", limits.MinMarketConsumption);
            w.WriteNumber("minTriggerableConsumption", limits.MinTriggerableConsumption);
            w.WriteNumber("maxOrderConsumption", limits.MaxOrderConsumption);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>The StarkEx perpetual contract v3 used (mainnet; Ropsten for network 3). Informational only.</summary>
    private static string ExchangeAddress(int networkId) => networkId == CollateralAssets.Ropsten
        ? "0x014F738EAd8Ec6C50BCD456a971F8B84Cd693BBe"
        : "0xD54f502e184B6B739d7D27a6410a67dc462D69c8";

    /// <summary>GET /v3/markets[?market=]: always a map keyed by market.</summary>
    private async Task Markets(HttpContext ctx)
    {
        string? market = Query(ctx, "market");
        var result = await OnExchange((ex, _) => market is null
            ? ExchangeResult<IReadOnlyList<MarketView>>.Ok(ex.GetMarkets())
            : ex.GetMarket(market) is { IsSuccess: true } one
                ? ExchangeResult<IReadOnlyList<MarketView>>.Ok([one.Value])
                : ExchangeResult<IReadOnlyList<MarketView>>.Fail(ErrorMessages.InvalidMarket(market) with { Location = "query" })).ConfigureAwait(false);
        if (!result.IsSuccess) await WriteError(ctx, result.Error).ConfigureAwait(false);
        else await WriteJson(ctx, 200, w => V3Json.Markets(w, result.Value)).ConfigureAwait(false);
    }

    /// <summary>GET /v3/orderbook/:market: {"bids","asks"} of {"price","size"}, no offsets (the offset is in a sandbox header).</summary>
    private async Task Orderbook(HttpContext ctx)
    {
        string market = (string)ctx.Request.RouteValues["market"]!;
        var result = await OnExchange((ex, _) => ex.GetOrderbook(market)).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            await WriteError(ctx, result.Error with { Location = "params" }).ConfigureAwait(false);
            return;
        }
        ctx.Response.Headers[OrderbookOffsetHeader] = result.Value.Offset.ToString(CultureInfo.InvariantCulture);
        await WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            WriteLevels(w, "bids", result.Value.Bids);
            WriteLevels(w, "asks", result.Value.Asks);
            w.WriteEndObject();
        }).ConfigureAwait(false);

        static void WriteLevels(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<Exchange.Queries.PublicBookLevel> levels)
        {
            w.WriteStartArray(name);
            foreach (var l in levels)
            {
                w.WriteStartObject();
                w.WriteString("price", l.Price.ToString());
                w.WriteString("size", l.Size.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }

    /// <summary>GET /v3/trades/:market?startingBeforeOrAt=&amp;limit=: newest first.</summary>
    private async Task TradesOf(HttpContext ctx)
    {
        string market = (string)ctx.Request.RouteValues["market"]!;
        if (!TryTime(ctx, "startingBeforeOrAt", out var before, out var error) || !TryLimit(ctx, out int limit, out error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        var result = await OnExchange((ex, _) => ex.GetTrades(market, before, limit)).ConfigureAwait(false);
        await WriteList(ctx, result, "trades", V3Json.PublicTrade).ConfigureAwait(false);
    }

    /// <summary>GET /v3/historical-funding/:market?effectiveBeforeOrAt=: newest first.</summary>
    private async Task HistoricalFunding(HttpContext ctx)
    {
        string market = (string)ctx.Request.RouteValues["market"]!;
        if (!TryTime(ctx, "effectiveBeforeOrAt", out var before, out var error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        var result = await OnExchange((ex, _) => ex.GetHistoricalFunding(market, before)).ConfigureAwait(false);
        await WriteList(ctx, result, "historicalFunding", V3Json.HistoricalFunding).ConfigureAwait(false);
    }
}
