using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Stark.Assets;

namespace Engine.Sandbox.Server.Json;

/// <summary>
/// The v3 wire shapes, written field by field so names, order and number formats match the real captures
/// (data/real/dydx-v3): every decimal is a string; USD balances, fees, fill and entry prices carry six decimals;
/// order prices are echoed as submitted; sizes and quote amounts are in shortest form; times are ISO with
/// milliseconds and Z.
/// </summary>
internal static class V3Json
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Bytes(Action<Utf8JsonWriter> write)
    {
        // One buffer and writer per thread, reused: every book update on the exchange thread goes through here.
        var cached = t_writer ??= new CachedWriter();
        if (cached.InUse) // a document written while writing another: give it its own writer
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
            return buffer.WrittenSpan.ToArray();
        }
        cached.InUse = true;
        try
        {
            cached.Buffer.ResetWrittenCount();
            cached.Writer.Reset(cached.Buffer);
            write(cached.Writer);
            cached.Writer.Flush();
            return cached.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            cached.InUse = false;
            if (cached.Buffer.Capacity > 1 << 20) t_writer = null; // do not pin a huge snapshot's buffer forever
        }
    }

    [ThreadStatic] private static CachedWriter? t_writer;

    private sealed class CachedWriter
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(512);
        public readonly Utf8JsonWriter Writer;
        public bool InUse;

        public CachedWriter() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    public static string Text(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Bytes(write));

    // ---- numbers -------------------------------------------------------------------------------------------

    /// <summary>Six decimals, as v3 wrote USD amounts ("0.000000", "558.519283"); rounded half away from zero.</summary>
    public static string Usd(decimal value)
    {
        decimal rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        if (rounded == 0m) rounded = 0m; // no "-0.000000"
        return rounded.ToString("F6", CultureInfo.InvariantCulture);
    }

    /// <summary>A price with at least six decimals (fill and entry prices: "261.600000"); finer ticks keep their digits.</summary>
    public static string Usd(Price price)
    {
        decimal value = price.ToDecimal();
        return Math.Round(value, 6) == value ? value.ToString("F6", CultureInfo.InvariantCulture) : price.ToString();
    }

    /// <summary>Shortest exact form ("0.0000125", "-0.015127", "0").</summary>
    public static string Plain(decimal value)
    {
        if (value == 0m) return "0";
        return value.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    /// <summary>Funding rates with ten decimals, as v3 printed them ("0.0000125000"); finer rates keep their digits.</summary>
    public static string Rate(decimal rate) =>
        Math.Round(rate, 10) == rate ? (rate == 0m ? 0m : rate).ToString("F10", CultureInfo.InvariantCulture) : Plain(rate);

    // ---- errors --------------------------------------------------------------------------------------------

    /// <summary>{"errors":[{"value","msg","param","location"}]} with the optional fields only when present (real field order).</summary>
    public static void Errors(Utf8JsonWriter w, IEnumerable<ExchangeError> errors)
    {
        w.WriteStartObject();
        w.WriteStartArray("errors");
        foreach (var e in errors)
        {
            w.WriteStartObject();
            if (e.Value is not null) w.WriteString("value", e.Value);
            w.WriteString("msg", e.Message);
            if (e.Param is not null) w.WriteString("param", e.Param);
            if (e.Location is not null) w.WriteString("location", e.Location);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ---- orders --------------------------------------------------------------------------------------------

    /// <summary>
    /// An order. The WebSocket form is exactly the real v3_accounts one; REST adds reduceOnly (v3 docs / TS typings).
    /// </summary>
    public static void Order(Utf8JsonWriter w, OrderView o, bool rest)
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("clientId", o.ClientId);
        w.WriteString("market", o.Market);
        w.WriteString("accountId", o.AccountId);
        w.WriteString("side", o.Side.ToWire());
        w.WriteString("size", o.Size.ToString());
        w.WriteString("remainingSize", o.RemainingSize.ToString());
        w.WriteString("limitFee", o.LimitFee.ToString(CultureInfo.InvariantCulture));
        w.WriteString("price", o.PriceText);
        w.WriteNull("triggerPrice");
        w.WriteNull("trailingPercent");
        w.WriteString("type", o.Type.ToWire());
        w.WriteString("status", o.Status.ToWire());
        w.WriteString("signature", o.Signature);
        w.WriteString("timeInForce", o.TimeInForce.ToWire());
        w.WriteBoolean("postOnly", o.PostOnly);
        if (rest) w.WriteBoolean("reduceOnly", o.ReduceOnly);
        NullableString(w, "cancelReason", o.CancelReason.ToWire());
        w.WriteString("expiresAt", o.ExpiresAt.ToIso());
        NullableTime(w, "unfillableAt", o.UnfillableAt);
        w.WriteString("updatedAt", o.UpdatedAt.ToIso());
        w.WriteString("createdAt", o.CreatedAt.ToIso());
        w.WriteEndObject();
    }

    public static void ActiveOrder(Utf8JsonWriter w, ActiveOrderView o)
    {
        w.WriteStartObject();
        w.WriteString("id", o.Id);
        w.WriteString("accountId", o.AccountId);
        w.WriteString("market", o.Market);
        w.WriteString("side", o.Side.ToWire());
        w.WriteString("price", o.PriceText);
        w.WriteString("remainingSize", o.RemainingSize.ToString());
        w.WriteEndObject();
    }

    // ---- fills, positions, funding --------------------------------------------------------------------------

    /// <summary>A fill, in the real v3_accounts form (REST uses the same object).</summary>
    public static void Fill(Utf8JsonWriter w, FillView f)
    {
        w.WriteStartObject();
        w.WriteString("market", f.Market);
        w.WriteString("transactionId", f.TransactionId);
        w.WriteString("quoteAmount", Plain(f.QuoteAmount));
        w.WriteString("price", Usd(f.Price));
        w.WriteString("size", f.Size.ToString());
        w.WriteString("liquidity", f.Liquidity.ToWire());
        w.WriteString("accountId", f.AccountId);
        w.WriteString("side", f.Side.ToWire());
        w.WriteString("orderId", f.OrderId);
        w.WriteString("fee", Usd(f.Fee));
        w.WriteString("type", f.Type.ToWire());
        w.WriteString("id", f.Id);
        w.WriteNull("nonce");
        w.WriteNull("forcePositionId");
        w.WriteString("updatedAt", f.CreatedAt.ToIso());
        w.WriteString("createdAt", f.CreatedAt.ToIso());
        w.WriteString("orderClientId", f.OrderClientId);
        w.WriteEndObject();
    }

    /// <summary>
    /// A position. WebSocket (extended) form as in the real captures: ids and transaction ids, exitPrice "0.000000"
    /// before any close. REST form: no ids, unrealizedPnl, exitPrice null before any close.
    /// </summary>
    public static void Position(Utf8JsonWriter w, PositionView p, bool rest)
    {
        w.WriteStartObject();
        if (!rest)
        {
            w.WriteString("id", p.Id);
            w.WriteString("accountId", p.AccountId);
        }
        w.WriteString("market", p.Market);
        if (rest)
        {
            w.WriteString("status", p.Status.ToWire());
            w.WriteString("side", p.Side.ToWire());
        }
        else
        {
            w.WriteString("side", p.Side.ToWire());
            w.WriteString("status", p.Status.ToWire());
        }
        w.WriteString("size", p.Size.ToString());
        w.WriteString("maxSize", p.MaxSize.ToString());
        w.WriteString("entryPrice", Usd(p.EntryPrice));
        if (p.ExitPrice is { } exit) w.WriteString("exitPrice", Usd(exit));
        else if (rest) w.WriteNull("exitPrice");
        else w.WriteString("exitPrice", Usd(0m));
        if (rest) w.WriteString("unrealizedPnl", Usd(p.UnrealizedPnl));
        w.WriteString("realizedPnl", Usd(p.RealizedPnl));
        if (!rest)
        {
            w.WriteString("openTransactionId", p.OpenTransactionId);
            NullableString(w, "closeTransactionId", p.CloseTransactionId);
            w.WriteString("lastTransactionId", p.LastTransactionId);
            NullableTime(w, "closedAt", p.ClosedAt);
            w.WriteString("updatedAt", p.UpdatedAt.ToIso());
            w.WriteString("createdAt", p.CreatedAt.ToIso());
        }
        else
        {
            w.WriteString("createdAt", p.CreatedAt.ToIso());
            NullableTime(w, "closedAt", p.ClosedAt);
        }
        w.WriteString("sumOpen", p.SumOpen.ToString());
        w.WriteString("sumClose", p.SumClose.ToString());
        w.WriteString("netFunding", Plain(Math.Round(p.NetFunding, 6, MidpointRounding.AwayFromZero)));
        w.WriteEndObject();
    }

    public static void FundingPayment(Utf8JsonWriter w, FundingPaymentView f)
    {
        w.WriteStartObject();
        w.WriteString("market", f.Market);
        w.WriteString("payment", Usd(f.Payment));
        w.WriteString("rate", Rate(f.Rate));
        w.WriteString("positionSize", f.PositionSize.ToString());
        w.WriteString("price", f.Price.ToString());
        w.WriteString("effectiveAt", f.EffectiveAt.ToIso());
        w.WriteEndObject();
    }

    public static void HistoricalFunding(Utf8JsonWriter w, HistoricalFundingView h)
    {
        w.WriteStartObject();
        w.WriteString("market", h.Market);
        w.WriteString("rate", Rate(h.Rate));
        w.WriteString("price", h.Price.ToString());
        w.WriteString("effectiveAt", h.EffectiveAt.ToIso());
        w.WriteEndObject();
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    /// <summary>
    /// GET /v3/accounts entry and the v3_accounts snapshot's "account" (the only place with equity and
    /// freeCollateral). accountNumber and positionId are strings here.
    /// </summary>
    public static void Account(Utf8JsonWriter w, AccountView a)
    {
        w.WriteStartObject();
        w.WriteString("starkKey", a.StarkKey);
        w.WriteString("positionId", a.PositionId.ToString(CultureInfo.InvariantCulture));
        w.WriteString("equity", Usd(a.Equity));
        w.WriteString("freeCollateral", Usd(a.FreeCollateral));
        w.WriteString("pendingDeposits", Usd(a.PendingDeposits));
        w.WriteString("pendingWithdrawals", Usd(a.PendingWithdrawals));
        w.WriteStartObject("openPositions");
        foreach (var (market, position) in a.OpenPositions)
        {
            w.WritePropertyName(market);
            Position(w, position, rest: true);
        }
        w.WriteEndObject();
        w.WriteString("accountNumber", a.AccountNumber.ToString(CultureInfo.InvariantCulture));
        w.WriteString("id", a.Id);
        w.WriteString("quoteBalance", Usd(a.QuoteBalance));
        w.WriteString("createdAt", a.CreatedAt.ToIso());
        w.WriteEndObject();
    }

    /// <summary>A v3_accounts channel_data "accounts" entry: accountNumber is a NUMBER here (real capture).</summary>
    public static void AccountBalance(Utf8JsonWriter w, AccountBalanceView b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("userId", b.UserId);
        w.WriteNumber("accountNumber", b.AccountNumber);
        w.WriteString("starkKey", b.StarkKey);
        w.WriteString("quoteBalance", Usd(b.QuoteBalance));
        NullableString(w, "lastTransactionId", b.LastTransactionId);
        w.WriteString("updatedAt", b.UpdatedAt.ToIso());
        w.WriteString("createdAt", b.CreatedAt.ToIso());
        w.WriteString("positionId", b.PositionId.ToString(CultureInfo.InvariantCulture));
        NullableString(w, "starkKeyYCoordinate", b.StarkKeyYCoordinate);
        w.WriteEndObject();
    }

    /// <summary>The deposit that funded a sandbox account, as v3_accounts listed transfers.</summary>
    public static void Deposit(Utf8JsonWriter w, OnboardedAccount account)
    {
        w.WriteStartObject();
        w.WriteString("id", account.DepositId);
        w.WriteString("type", "DEPOSIT");
        w.WriteString("debitAsset", "USDC");
        w.WriteString("creditAsset", "USDC");
        w.WriteString("debitAmount", Usd(account.Collateral));
        w.WriteString("creditAmount", Usd(account.Collateral));
        w.WriteString("transactionHash", account.DepositTransactionHash);
        w.WriteString("status", "CONFIRMED");
        w.WriteString("createdAt", account.CreatedAt.ToIso());
        w.WriteNull("confirmedAt");
        w.WriteNull("clientId");
        w.WriteNull("fromAddress");
        w.WriteNull("toAddress");
        w.WriteEndObject();
    }

    /// <summary>v3_accounts channel_data contents: all six arrays, empty ones present.</summary>
    public static void AccountChange(Utf8JsonWriter w, AccountChanged c)
    {
        w.WriteStartObject();
        w.WriteStartArray("fills");
        foreach (var f in c.Fills) Fill(w, f);
        w.WriteEndArray();
        w.WriteStartArray("positions");
        foreach (var p in c.Positions) Position(w, p, rest: false);
        w.WriteEndArray();
        w.WriteStartArray("orders");
        foreach (var o in c.Orders) Order(w, o, rest: false);
        w.WriteEndArray();
        w.WriteStartArray("accounts");
        if (c.Account is { } balance) AccountBalance(w, balance);
        w.WriteEndArray();
        w.WriteStartArray("transfers");
        w.WriteEndArray();
        w.WriteStartArray("fundingPayments");
        foreach (var f in c.FundingPayments) FundingPayment(w, f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ---- markets and public data ---------------------------------------------------------------------------

    /// <summary>The 24 fields of a v3 market, in the order the live API listed them.</summary>
    public static void Market(Utf8JsonWriter w, MarketView m)
    {
        var rules = m.Rules;
        w.WriteStartObject();
        w.WriteString("market", m.Market);
        w.WriteString("status", m.Status.ToWire());
        w.WriteString("baseAsset", m.BaseAsset);
        w.WriteString("quoteAsset", m.QuoteAsset);
        w.WriteString("stepSize", rules.StepSize.ToString());
        w.WriteString("tickSize", rules.TickSize.ToString());
        w.WriteString("indexPrice", m.IndexPrice.ToString());
        w.WriteString("oraclePrice", m.OraclePrice.ToString());
        w.WriteString("priceChange24H", "0");
        w.WriteString("nextFundingRate", Plain(m.NextFundingRate));
        w.WriteString("nextFundingAt", m.NextFundingAt.ToIso());
        w.WriteString("minOrderSize", rules.MinOrderSize.ToString());
        w.WriteString("type", "PERPETUAL");
        w.WriteString("initialMarginFraction", Plain(rules.InitialMarginFraction));
        w.WriteString("maintenanceMarginFraction", Plain(rules.MaintenanceMarginFraction));
        w.WriteString("baselinePositionSize", rules.BaselinePositionSize.ToString());
        w.WriteString("incrementalPositionSize", rules.IncrementalPositionSize.ToString());
        w.WriteString("incrementalInitialMarginFraction", Plain(rules.IncrementalInitialMarginFraction));
        w.WriteString("maxPositionSize", rules.MaxPositionSize.ToString());
        w.WriteString("volume24H", "0");
        w.WriteString("trades24H", "0");
        w.WriteString("openInterest", m.OpenInterest.ToString());
        var (resolution, assetId) = AssetFields(m);
        NullableString(w, "assetResolution", resolution);
        NullableString(w, "syntheticAssetId", assetId);
        w.WriteEndObject();
    }

    /// <summary>{"markets":{"BTC-USD":{...},...}} (GET /v3/markets and the v3_markets snapshot).</summary>
    public static void Markets(Utf8JsonWriter w, IEnumerable<MarketView> markets)
    {
        w.WriteStartObject();
        w.WriteStartObject("markets");
        foreach (var m in markets)
        {
            w.WritePropertyName(m.Market);
            Market(w, m);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>v3_markets channel_data contents: market → only the changed fields.</summary>
    public static void MarketChanges(Utf8JsonWriter w, IEnumerable<MarketChanged> changes)
    {
        w.WriteStartObject();
        foreach (var c in changes)
        {
            w.WriteStartObject(c.Market);
            if (c.Status is { } status) w.WriteString("status", status.ToWire());
            if (c.IndexPrice is { } index) w.WriteString("indexPrice", index.ToString());
            if (c.OraclePrice is { } oracle) w.WriteString("oraclePrice", oracle.ToString());
            if (c.NextFundingRate is { } rate) w.WriteString("nextFundingRate", Plain(rate));
            if (c.NextFundingAt is { } at) w.WriteString("nextFundingAt", at.ToIso());
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static void PublicTrade(Utf8JsonWriter w, PublicTradeView t)
    {
        w.WriteStartObject();
        w.WriteString("side", t.Side.ToWire());
        w.WriteString("size", t.Size.ToString());
        w.WriteString("price", t.Price.ToString());
        w.WriteString("createdAt", t.CreatedAt.ToIso());
        w.WriteBoolean("liquidation", t.Liquidation);
        w.WriteEndObject();
    }

    /// <summary>{"trades":[...]} newest first.</summary>
    public static void Trades(Utf8JsonWriter w, IEnumerable<PublicTradeView> newestFirst)
    {
        w.WriteStartObject();
        w.WriteStartArray("trades");
        foreach (var t in newestFirst) PublicTrade(w, t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// A book snapshot. Without offsets: GET /v3/orderbook and the plain v3_orderbook snapshot, levels {"size","price"}
    /// (real: asks first). With offsets: every level incl. size-0 tombstones as {"price","offset","size"} (real).
    /// </summary>
    public static void Orderbook(Utf8JsonWriter w, OrderbookSnapshot book, bool withOffsets)
    {
        w.WriteStartObject();
        if (withOffsets)
        {
            Levels(w, "bids", book.Bids, true);
            Levels(w, "asks", book.Asks, true);
        }
        else
        {
            Levels(w, "asks", book.Asks, false);
            Levels(w, "bids", book.Bids, false);
        }
        w.WriteEndObject();
    }

    /// <summary>v3_orderbook update contents: one offset, levels as [price, size] string pairs (absolute sizes).</summary>
    public static void OrderbookUpdate(Utf8JsonWriter w, long offset, IReadOnlyList<PublicBookLevel> bids, IReadOnlyList<PublicBookLevel> asks)
    {
        w.WriteStartObject();
        w.WriteString("offset", offset.ToString(CultureInfo.InvariantCulture));
        Pairs(w, "bids", bids);
        Pairs(w, "asks", asks);
        w.WriteEndObject();
    }

    private static void Levels(Utf8JsonWriter w, string name, IReadOnlyList<PublicBookLevel> levels, bool withOffsets)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            if (!withOffsets && l.Size.IsZero) continue;
            w.WriteStartObject();
            if (withOffsets)
            {
                w.WriteString("price", l.Price.ToString());
                w.WriteString("offset", l.Offset.ToString(CultureInfo.InvariantCulture));
                w.WriteString("size", l.Size.ToString());
            }
            else
            {
                w.WriteString("size", l.Size.ToString());
                w.WriteString("price", l.Price.ToString());
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Pairs(Utf8JsonWriter w, string name, IReadOnlyList<PublicBookLevel> levels)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            w.WriteStartArray();
            WriteUnits(w, l.Price.Units);
            WriteUnits(w, l.Size.Units);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /// <summary>A fixed-point value as a JSON string in shortest form, without a string allocation.</summary>
    private static void WriteUnits(Utf8JsonWriter w, long units)
    {
        Span<byte> text = stackalloc byte[32];
        FixedPoint.TryFormatUtf8(units, text, out int n);
        w.WriteStringValue(text[..n]);
    }

    /// <summary>assetResolution and syntheticAssetId: from the market's own metadata, else from the STARK catalog.</summary>
    public static (string? Resolution, string? AssetId) AssetFields(MarketView m)
    {
        if (m.AssetResolution is not null && m.SyntheticAssetId is not null) return (m.AssetResolution, m.SyntheticAssetId);
        if (!MarketCatalog.Default.TryGet(m.Market, out var asset)) return (m.AssetResolution, m.SyntheticAssetId);
        string resolution = "1" + new string('0', asset.Resolution);
        // 15 bytes of "<ASSET>-<resolution>" zero-padded, as v3 printed it (BTC: 0x4254432d3130000000000000000000).
        var id = new byte[15];
        Encoding.ASCII.GetBytes($"{asset.Asset}-{asset.Resolution}").CopyTo(id, 0);
        return (m.AssetResolution ?? resolution, m.SyntheticAssetId ?? "0x" + Convert.ToHexStringLower(id));
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void NullableTime(Utf8JsonWriter w, string name, Timestamp? value)
    {
        if (value is { } t) w.WriteString(name, t.ToIso());
        else w.WriteNull(name);
    }
}
