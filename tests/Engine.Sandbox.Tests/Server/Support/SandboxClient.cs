using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Engine.Sandbox.Server;
using Engine.Stark.ApiKeys;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;

namespace Engine.Sandbox.Tests.Server.Support;

/// <summary>A parsed HTTP answer: status, headers and the JSON body (null when empty or not JSON).</summary>
internal sealed record Reply(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement? Json, string Text)
{
    public int Code => (int)Status;

    public JsonElement Body => Json ?? throw new InvalidOperationException($"no JSON body ({Code}): {Text}");

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.First() : null;

    /// <summary>The first error's msg.</summary>
    public string ErrorMessage => Body.GetProperty("errors")[0].GetProperty("msg").GetString()!;

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>
/// A minimal v3 client for the tests, built only on HttpClient and the Stark library's signing helpers: signs private
/// requests (DYDX-* headers) and orders (STARK signature), exactly as a real v3 client would.
/// </summary>
internal sealed class SandboxClient : IDisposable
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private static int _clientIds;

    public SandboxClient(SandboxServer server, SandboxAccountCredentials? account = null, StarkPrivateKey? starkKey = null)
    {
        Server = server;
        Account = account;
        StarkKey = starkKey;
    }

    public SandboxServer Server { get; }
    public SandboxAccountCredentials? Account { get; }
    public StarkPrivateKey? StarkKey { get; }
    public Base64Alphabet Alphabet { get; set; } = Base64Alphabet.UrlSafe;

    /// <summary>A deterministic STARK key per test account.</summary>
    public static StarkPrivateKey Key(int n) => StarkPrivateKey.FromData(Encoding.UTF8.GetBytes($"sandbox-test-key-{n}"));

    public static string NextClientId() => (1_000_000 + Interlocked.Increment(ref _clientIds)).ToString(CultureInfo.InvariantCulture);

    public Task<Reply> GetAsync(string pathAndQuery) => SendRawAsync(new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery)));

    public Task<Reply> PostPublicAsync(string path, string body) => SendRawAsync(new HttpRequestMessage(HttpMethod.Post, Url(path))
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    });

    /// <summary>A signed private request. <paramref name="sentBody"/> lets a test transmit other bytes than the signed ones (Python quirk).</summary>
    public Task<Reply> PrivateAsync(HttpMethod method, string pathAndQuery, string? body = null, DateTimeOffset? at = null,
        Action<HttpRequestMessage>? tamper = null, string? sentBody = null)
    {
        var credentials = Account?.ApiKey ?? throw new InvalidOperationException("no account");
        var headers = DydxApiHeaders.Create(credentials, at ?? DateTimeOffset.UtcNow, method.Method, pathAndQuery, body, Alphabet);
        var request = new HttpRequestMessage(method, Url(pathAndQuery));
        foreach (var (name, value) in headers.ToList()) request.Headers.TryAddWithoutValidation(name, value);
        if ((sentBody ?? body) is { } content) request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        tamper?.Invoke(request);
        return SendRawAsync(request);
    }

    public Task<Reply> GetPrivateAsync(string pathAndQuery) => PrivateAsync(HttpMethod.Get, pathAndQuery);

    public Task<Reply> DeletePrivateAsync(string pathAndQuery) => PrivateAsync(HttpMethod.Delete, pathAndQuery);

    /// <summary>
    /// POST /v3/orders with a body signed by the account's STARK key (compact JSON, key order as v3 clients send it).
    /// <paramref name="tamperSignature"/> flips the last hex digit of the signature after signing.
    /// </summary>
    public Task<Reply> PlaceOrderAsync(string side, string price, string size, string market = "BTC-USD", string type = "LIMIT",
        string timeInForce = "GTT", bool postOnly = false, string limitFee = "0.0015", string? clientId = null,
        TimeSpan? expiresIn = null, bool tamperSignature = false, long? signedPositionId = null, string? cancelId = null,
        DateTimeOffset? expiration = null)
    {
        string body = OrderBody(side, price, size, market, type, timeInForce, postOnly, limitFee, clientId, expiresIn, tamperSignature,
            signedPositionId, cancelId, expiration);
        return PrivateAsync(HttpMethod.Post, "/v3/orders", body);
    }

    public string OrderBody(string side, string price, string size, string market = "BTC-USD", string type = "LIMIT",
        string timeInForce = "GTT", bool postOnly = false, string limitFee = "0.0015", string? clientId = null,
        TimeSpan? expiresIn = null, bool tamperSignature = false, long? signedPositionId = null, string? cancelId = null,
        DateTimeOffset? expiration = null)
    {
        var account = Account ?? throw new InvalidOperationException("no account");
        var key = StarkKey ?? throw new InvalidOperationException("no STARK key");
        clientId ??= NextClientId();
        var expires = expiration ?? DateTimeOffset.UtcNow + (expiresIn ?? TimeSpan.FromHours(1));
        string expirationIso = OrderExpiration.FormatIso(expires);
        var order = new StarkOrder(1, (ulong)(signedPositionId ?? account.PositionId), market,
            side == "BUY" ? StarkOrderSide.Buy : StarkOrderSide.Sell, ExactDecimal.Parse(size), ExactDecimal.Parse(price),
            ExactDecimal.Parse(limitFee), clientId, DateTimeOffset.Parse(expirationIso, CultureInfo.InvariantCulture));
        string signature = StarkOrderSigner.Default.Sign(order, key).SignatureHex;
        if (tamperSignature) signature = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
        var text = new StringBuilder();
        text.Append("{\"market\":\"").Append(market).Append("\",\"side\":\"").Append(side).Append("\",\"type\":\"").Append(type)
            .Append("\",\"timeInForce\":\"").Append(timeInForce).Append("\",\"postOnly\":").Append(postOnly ? "true" : "false")
            .Append(",\"size\":\"").Append(size).Append("\",\"price\":\"").Append(price).Append("\",\"limitFee\":\"").Append(limitFee)
            .Append("\",\"expiration\":\"").Append(expirationIso).Append("\",\"clientId\":\"").Append(clientId)
            .Append("\",\"signature\":\"").Append(signature).Append('"');
        if (cancelId is not null) text.Append(",\"cancelId\":\"").Append(cancelId).Append('"');
        text.Append('}');
        return text.ToString();
    }

    private Uri Url(string pathAndQuery) => new(Server.BaseUrl, pathAndQuery.TrimStart('/'));

    private static async Task<Reply> SendRawAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Shared.SendAsync(request).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            JsonElement? json = null;
            if (text.Length > 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    json = doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }
            return new Reply(response.StatusCode, response.Headers, json, text);
        }
    }

    public void Dispose()
    {
    }
}
