using System.Collections.Concurrent;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Server.Json;
using Engine.Stark.Assets;
using Engine.Stark.Orders;
using Microsoft.AspNetCore.Http;

namespace Engine.Sandbox.Server.Rest;

// POST /v3/orders: parse, charge the placement pool, verify the STARK signature, hand over to the matcher.
internal sealed partial class RestApi
{
    private readonly ConcurrentDictionary<string, StarkOrderSigner> _signers = new(StringComparer.Ordinal);

    /// <summary>
    /// 201 {"order": order with status PENDING}; the matcher's verdict (OPEN, FILLED, CANCELED + cancelReason) follows
    /// on v3_accounts. 400 for a malformed body, a bad STARK signature ("Invalid signature for order") or a v3
    /// validation failure (tick/step/size, expiration, duplicate clientId, ...); 429 when the market's points are used up.
    /// </summary>
    private async Task PlaceOrder(HttpContext ctx, PrivateRequest request)
    {
        if (!OrderBody.TryParse(request.Body, out var body, out var error))
        {
            await WriteError(ctx, error!).ConfigureAwait(false);
            return;
        }
        var account = request.Account;
        int cost = limiter.OrderCost(body!.Type, body.TimeInForce, body.Size, body.Price);
        if (!await ChargeAsync(ctx, limiter.PlaceOrder(account.AccountId, body.Market, cost, clock.WallNow())).ConfigureAwait(false)) return;

        var signer = await SignerForAsync(body.Market).ConfigureAwait(false);
        if (signer is not null && !body.VerifySignature(signer, options.NetworkId, account))
        {
            await WriteErrors(ctx, 400, new ExchangeError(400, OrderBody.InvalidSignatureMessage)).ConfigureAwait(false);
            return;
        }
        // An unknown market (signer null) is rejected by the exchange with its own message.
        var placing = body.ToRequest();
        var result = await OnExchange((ex, now) => ex.PlaceOrder(account.AccountId, placing, now)).ConfigureAwait(false);
        await WriteResult(ctx, result, "order", (w, o) => V3Json.Order(w, o, rest: true), status: 201).ConfigureAwait(false);
    }

    /// <summary>
    /// The signer that knows the market's synthetic asset: the built-in catalog, else the market's own metadata
    /// (assetResolution, syntheticAssetId); null when the exchange does not list the market at all.
    /// </summary>
    private async Task<StarkOrderSigner?> SignerForAsync(string market)
    {
        if (StarkOrderSigner.Default.Markets.TryGet(market, out _)) return StarkOrderSigner.Default;
        if (_signers.TryGetValue(market, out var known)) return known;
        var view = await OnExchange((ex, _) => ex.GetMarket(market)).ConfigureAwait(false);
        if (!view.IsSuccess) return null;
        StarkOrderSigner signer = StarkOrderSigner.Default; // cannot verify: every order of the market fails the check
        if (view.Value.AssetResolution is { } resolution && view.Value.SyntheticAssetId is { } assetId)
        {
            try
            {
                signer = new StarkOrderSigner(MarketCatalog.Default.With(SyntheticAsset.FromMarketMetadata(market, resolution, assetId)));
            }
            catch (FormatException)
            {
            }
        }
        return _signers.GetOrAdd(market, signer);
    }
}
