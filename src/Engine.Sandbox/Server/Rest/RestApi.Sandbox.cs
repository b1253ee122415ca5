using System.Globalization;
using System.Text.Json;
using Engine.Sandbox.Exchange.Errors;
using Engine.Sandbox.Server.Json;
using Engine.Stark.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace Engine.Sandbox.Server.Rest;

// Sandbox-only endpoints (no v3 counterpart, no auth: the server listens on loopback only).
internal sealed partial class RestApi
{
    /// <summary>
    /// POST /sandbox/accounts: v3 onboarding without the Ethereum signatures. Body (all optional but starkKey):
    /// {"starkKey","starkKeyYCoordinate","ethereumAddress","accountNumber","positionId","collateral","makerFeeRate",
    /// "takerFeeRate","apiKey":{"key","secret","passphrase"}}. 201 {"account","apiKey","ethereumAddress","userId",
    /// "positionId","accountNumber"}.
    /// </summary>
    private async Task Onboard(HttpContext ctx)
    {
        string raw = await ReadBodyAsync(ctx).ConfigureAwait(false);
        SandboxAccountSpec spec;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(raw) ? "{}" : raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            string starkKey = Str(root, "starkKey") ?? throw new FormatException("starkKey is required");
            ApiKeyCredentials? apiKey = null;
            if (root.TryGetProperty("apiKey", out var k) && k.ValueKind == JsonValueKind.Object)
                apiKey = new ApiKeyCredentials(Str(k, "key") ?? throw new FormatException("apiKey.key is required"),
                    Str(k, "secret") ?? throw new FormatException("apiKey.secret is required"),
                    Str(k, "passphrase") ?? throw new FormatException("apiKey.passphrase is required"));
            spec = new SandboxAccountSpec
            {
                StarkPublicKey = starkKey,
                StarkPublicKeyYCoordinate = Str(root, "starkKeyYCoordinate"),
                EthereumAddress = Str(root, "ethereumAddress"),
                AccountNumber = Str(root, "accountNumber") is { } n ? int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
                PositionId = Str(root, "positionId") is { } p ? long.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) : null,
                Collateral = Str(root, "collateral") is { } c ? decimal.Parse(c, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 10_000m,
                MakerFeeRate = Str(root, "makerFeeRate") is { } maker ? decimal.Parse(maker, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : null,
                TakerFeeRate = Str(root, "takerFeeRate") is { } taker ? decimal.Parse(taker, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : null,
                ApiKey = apiKey,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            await WriteErrors(ctx, 400, new ExchangeError(400, e.Message)).ConfigureAwait(false);
            return;
        }

        SandboxAccountCredentials created;
        try
        {
            created = await onboard(spec).ConfigureAwait(false);
        }
        catch (SandboxOnboardingException e)
        {
            await WriteError(ctx, e.Error).ConfigureAwait(false);
            return;
        }
        var account = (await OnExchange((ex, _) => ex.GetAccount(created.AccountId)).ConfigureAwait(false)).Unwrap();
        await WriteJson(ctx, 201, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("account");
            V3Json.Account(w, account);
            w.WriteStartObject("apiKey");
            w.WriteString("key", created.ApiKey.Key);
            w.WriteString("secret", created.ApiKey.Secret);
            w.WriteString("passphrase", created.ApiKey.Passphrase);
            w.WriteEndObject();
            w.WriteString("ethereumAddress", created.EthereumAddress);
            w.WriteString("userId", created.UserId);
            w.WriteString("positionId", created.PositionId.ToString(CultureInfo.InvariantCulture));
            w.WriteString("accountNumber", created.AccountNumber.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private Task GetFaults(HttpContext ctx) => WriteFaults(ctx);

    private Task ClearFaults(HttpContext ctx)
    {
        Faults.Clear();
        return WriteFaults(ctx);
    }

    /// <summary>
    /// POST /sandbox/faults, any of: {"responseDelayMs":N, "clockSkewMs":N, "failNextRequests":{"count":N,"status":503},
    /// "rateLimitNextRequests":N, "skipOrderbookOffsets":{"market":M,"count":N}, "reorderOrderbook":{"market":M,"count":N},
    /// "stall":{"channel":C,"id":I,"ms":N},
    /// "clearStalls":true, "dropWebSockets":true|"connection-id", "crossedBook":M}. Answers with the faults in force.
    /// </summary>
    private async Task SetFaults(HttpContext ctx)
    {
        string raw = await ReadBodyAsync(ctx).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(raw) ? "{}" : raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            if (Num(root, "responseDelayMs") is { } delay) Faults.ResponseDelay = TimeSpan.FromMilliseconds(delay);
            if (Num(root, "clockSkewMs") is { } skew) Faults.ClockSkew = TimeSpan.FromMilliseconds(skew);
            if (root.TryGetProperty("failNextRequests", out var fail))
            {
                if (fail.ValueKind == JsonValueKind.Object) Faults.FailNextRequests((int)(Num(fail, "count") ?? 1), (int)(Num(fail, "status") ?? 503));
                else Faults.FailNextRequests((int)(Num(root, "failNextRequests") ?? 0));
            }
            if (Num(root, "rateLimitNextRequests") is { } storm) Faults.RateLimitNextRequests((int)storm);
            if (root.TryGetProperty("skipOrderbookOffsets", out var skip))
                Faults.SkipOrderbookOffsets(Str(skip, "market") ?? throw new FormatException("skipOrderbookOffsets.market is required"), (int)(Num(skip, "count") ?? 1));
            if (root.TryGetProperty("reorderOrderbook", out var reorder))
                Faults.ReorderOrderbook(Str(reorder, "market") ?? throw new FormatException("reorderOrderbook.market is required"), (int)(Num(reorder, "count") ?? 1));
            if (root.TryGetProperty("stall", out var stall))
                Faults.StallChannel(Str(stall, "channel") ?? throw new FormatException("stall.channel is required"), Str(stall, "id"),
                    TimeSpan.FromMilliseconds(Num(stall, "ms") ?? throw new FormatException("stall.ms is required")));
            if (root.TryGetProperty("clearStalls", out var clear) && clear.ValueKind == JsonValueKind.True) Faults.ClearStalls();
            if (root.TryGetProperty("dropWebSockets", out var drop))
            {
                if (drop.ValueKind == JsonValueKind.True) Faults.DropWebSockets();
                else if (drop.ValueKind == JsonValueKind.String) Faults.DropWebSockets(drop.GetString());
            }
            if (Str(root, "crossedBook") is { } crossed) Faults.SendCrossedBook(crossed);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            await WriteErrors(ctx, 400, new ExchangeError(400, e.Message)).ConfigureAwait(false);
            return;
        }
        await WriteFaults(ctx).ConfigureAwait(false);
    }

    private Task WriteFaults(HttpContext ctx)
    {
        var f = Faults.Snapshot();
        return WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("responseDelayMs", (long)f.ResponseDelay.TotalMilliseconds);
            w.WriteNumber("clockSkewMs", (long)f.ClockSkew.TotalMilliseconds);
            w.WriteNumber("failRequestsLeft", f.FailRequestsLeft);
            w.WriteNumber("failStatus", f.FailStatus);
            w.WriteNumber("rateLimitRequestsLeft", f.RateLimitRequestsLeft);
            w.WriteStartObject("skipOrderbookOffsets");
            foreach (var (market, count) in f.SkipOrderbookOffsets) w.WriteNumber(market, count);
            w.WriteEndObject();
            w.WriteStartObject("reorderOrderbook");
            foreach (var (market, count) in f.ReorderOrderbook) w.WriteNumber(market, count);
            w.WriteEndObject();
            w.WriteStartArray("stalls");
            foreach (var s in f.Stalls)
            {
                w.WriteStartObject();
                w.WriteString("channel", s.Channel);
                if (s.Id is null) w.WriteNull("id");
                else w.WriteString("id", s.Id);
                w.WriteString("until", s.Until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>GET /sandbox/status: clocks, connections, feed progress.</summary>
    private async Task Status(HttpContext ctx)
    {
        var (exchangeNow, subscriptions, pending, feedDone) = await loop.InvokeAsync(now => (now, loop.Hub.Subscriptions, loop.Exchange.PendingCommands, loop.Feed?.Completed ?? true)).ConfigureAwait(false);
        var stats = loop.Feed?.Stats;
        await WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("exchangeTime", exchangeNow.ToIso());
            w.WriteString("serverTime", clock.ServerNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("speed", clock.Speed);
            w.WriteNumber("subscriptions", subscriptions);
            w.WriteNumber("pendingCommands", pending);
            w.WriteNumber("accounts", directory.Accounts.Count);
            if (stats is null) w.WriteNull("feed");
            else
            {
                w.WriteStartObject("feed");
                w.WriteNumber("frames", stats.Frames);
                w.WriteNumber("bookSnapshots", stats.BookSnapshots);
                w.WriteNumber("bookDeltas", stats.BookDeltas);
                w.WriteNumber("backgroundTrades", stats.BackgroundTrades);
                w.WriteNumber("marketFrames", stats.MarketFrames);
                w.WriteNumber("malformed", stats.Malformed);
                w.WriteBoolean("completed", feedDone);
                w.WriteEndObject();
            }
            if (loop.LastError is { } e) w.WriteString("lastError", e.Message);
            else w.WriteNull("lastError");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string? Str(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static double? Num(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => null,
    } : null;
}
