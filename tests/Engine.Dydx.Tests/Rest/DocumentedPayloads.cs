namespace Engine.Dydx.Tests.Rest;

/// <summary>
/// Answers of the endpoints that have no real capture in ../shared, written from the shapes and values of
/// docs/dydx-v3-api.md §1.4–1.5 (BTC-USD parameters are the real 2022-02-11 values tabulated there; the order
/// and fill reuse a real captured order and fill).
/// </summary>
internal static class DocumentedPayloads
{
    public const string TimeWithStringEpoch = """{"iso":"2021-02-02T18:35:45Z","epoch":"1611965998.515"}""";
    public const string TimeWithNumberEpoch = """{"iso":"2021-02-02T18:35:45Z","epoch":1611965998.515}""";

    public const string Config = """
        {"collateralAssetId":"0x02c04d8b650f44092278a7cb1e1028c82025dff622db96c934b611b84cc8de5a","collateralTokenAddress":"0x8707a5bf4c2842d46b31a405ba41b858c0f876c4","defaultMakerFee":"0.0005","defaultTakerFee":"0.001",
         "exchangeAddress":"0x014F738EAd8Ec6C50BCD456a971F8B84Cd693BBe","maxExpectedBatchLengthMinutes":"240","maxFastWithdrawalAmount":"200000",
         "cancelOrderRateLimiting":{"maxPointsMulti":3,"maxPointsSingle":8500,"windowSecMulti":10,"windowSecSingle":10},
         "placeOrderRateLimiting":{"maxPoints":1750,"windowSec":10,"targetNotional":40000,"minLimitConsumption":4,
           "minMarketConsumption":20,"minTriggerableConsumption":100,"maxOrderConsumption":100}}
        """;

    public const string Markets = """
        {"markets":{"BTC-USD":{"market":"BTC-USD","status":"ONLINE","baseAsset":"BTC","quoteAsset":"USD","stepSize":"0.0001","tickSize":"1",
         "indexPrice":"43950.1700","oraclePrice":"43945.3100","priceChange24H":"-512.330000","nextFundingRate":"0.0000125000",
         "nextFundingAt":"2022-02-11T13:00:00.000Z","minOrderSize":"0.001","type":"PERPETUAL","initialMarginFraction":"0.05",
         "maintenanceMarginFraction":"0.03","baselinePositionSize":"9","incrementalPositionSize":"1.5","incrementalInitialMarginFraction":"0.01",
         "maxPositionSize":"170","volume24H":"1124935271.518500","trades24H":"165310","openInterest":"6011.5573","assetResolution":"10000000000",
         "syntheticAssetId":"0x4254432d3130000000000000000000"}}}
        """;

    public const string Orderbook = """{"bids":[{"price":"29000","size":"1"},{"price":"28999.5","size":"0.25"}],"asks":[{"price":"29500","size":"0.499"}]}""";

    public const string Trades = """{"trades":[{"side":"BUY","size":"0.001","price":"29000","createdAt":"2021-01-05T16:33:43.163Z","liquidation":false}]}""";

    public const string HistoricalFunding = """{"historicalFunding":[{"market":"BTC-USD","rate":"0.0000125000","price":"31297.5000008009374142","effectiveAt":"2021-01-05T09:10:49.000Z"}]}""";

    public const string User = """
        {"user":{"ethereumAddress":"0x0913017c740260fea4b2c62828a4008ca8b0d6e4","isRegistered":true,"email":"email@dydx.exchange","username":"supersam15o",
         "userData":{},"makerFeeRate":"0.00050","takerFeeRate":"0.00100","makerVolume30D":"0","takerVolume30D":"0","fees30D":"0",
         "referredByAffiliateLink":null,"isSharingUsername":true,"isSharingAddress":true,"dydxTokenBalance":"0","stakedDydxTokenBalance":"0",
         "isEmailVerified":false,"country":null,"languageCode":null}}
        """;

    public const string Positions = """
        {"positions":[{"market":"SNX-USD","status":"OPEN","side":"LONG","size":"0.7","maxSize":"0.7","entryPrice":"7.880000","exitPrice":null,
         "unrealizedPnl":"0.014000","realizedPnl":"0.000000","createdAt":"2021-11-23T09:38:44.419Z","closedAt":null,"sumOpen":"0.7","sumClose":"0","netFunding":"0"}]}
        """;

    /// <summary>A real order (ws-account-after-filled.json) in REST form.</summary>
    public const string Order = """
        {"id":"0daf20004ef1575e32840cb83fc1cf396aa1dd0c4cfa53481fb2f53bfa63b9a","clientId":"16344815692096","market":"XMR-USD","accountId":"00000000-0000-5000-8000-000000000002",
         "side":"SELL","size":"0.27","remainingSize":"0.27","limitFee":"0.0015","price":"261.6","triggerPrice":null,"trailingPercent":null,"type":"LIMIT",
         "status":"PENDING","signature":"0516affb1d5e9b2939a16da3188db875a323a1758ea364f6445471a49725ff9f021a22f9c906cbedb238aae34b65b1f4d95220ecd9a84aa343bc3f7bfebfaea7",
         "timeInForce":"FOK","postOnly":false,"reduceOnly":false,"cancelReason":null,"expiresAt":"2021-10-18T14:39:29.227Z","unfillableAt":null,
         "updatedAt":"2021-10-17T14:39:29.489Z","createdAt":"2021-10-17T14:39:29.489Z"}
        """;

    public static string OrderResponse => $$"""{"order":{{Order}}}""";
    public static string OrdersResponse => $$"""{"orders":[{{Order}}]}""";
    public static string CancelOrderResponse => $$"""{"cancelOrder":{{Order}}}""";
    public static string CancelOrdersResponse => $$"""{"cancelOrders":[{{Order}}]}""";

    public const string ActiveOrders = """{"orders":[{"id":"0daf20004ef1575e32840cb83fc1cf396aa1dd0c4cfa53481fb2f53bfa63b9a","accountId":"00000000-0000-5000-8000-000000000002","market":"XMR-USD","side":"SELL","price":"261.6","remainingSize":"0.27"}]}""";
    public const string CancelActiveOrders = """{"cancelOrders":[{"id":"0daf20004ef1575e32840cb83fc1cf396aa1dd0c4cfa53481fb2f53bfa63b9a","accountId":"00000000-0000-5000-8000-000000000002","market":"XMR-USD","side":"SELL","price":"261.6","remainingSize":"0.27"}]}""";

    /// <summary>A real fill (ws-account-after-filled.json).</summary>
    public const string Fills = """
        {"fills":[{"market":"XMR-USD","transactionId":"16751938","quoteAmount":"70.632","price":"261.600000","size":"0.27","liquidity":"TAKER",
         "accountId":"00000000-0000-5000-8000-000000000002","side":"SELL","orderId":"0daf20004ef1575e32840cb83fc1cf396aa1dd0c4cfa53481fb2f53bfa63b9a",
         "fee":"0.070632","type":"LIMIT","id":"00000000-0000-5000-8000-000000000011","nonce":null,"forcePositionId":null,
         "updatedAt":"2021-10-17T14:39:29.506Z","createdAt":"2021-10-17T14:39:29.506Z","orderClientId":"16344815692096"}]}
        """;

    public const string Funding = """{"fundingPayments":[{"market":"ETH-USD","payment":"-0.013937","rate":"0.0000119863","positionSize":"0.8","price":"1453.5","effectiveAt":"2022-05-02T13:00:00.000Z"}]}""";
}
