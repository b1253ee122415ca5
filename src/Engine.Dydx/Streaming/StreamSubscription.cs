using System.Buffers;
using System.Text.Json;
using Engine.Dydx.Feed;

namespace Engine.Dydx.Streaming;

/// <summary>
/// One v3 WebSocket subscription. Orderbook and trades are per market; v3_markets has no id; v3_accounts is
/// authenticated and identified by the account number (its frames carry the account id).
/// </summary>
public sealed record StreamSubscription
{
    private StreamSubscription(Channel channel, string? id)
    {
        Channel = channel;
        Id = id;
    }

    public Channel Channel { get; }

    /// <summary>The market for orderbook/trades; null for markets and accounts.</summary>
    public string? Id { get; }

    /// <summary>Orderbook only: every level carries its offset (and size-0 tombstones are included).</summary>
    public bool IncludeOffsets { get; private init; }

    /// <summary>Updates arrive grouped as channel_batch_data.</summary>
    public bool Batched { get; private init; }

    public int AccountNumber { get; private init; }

    public static StreamSubscription Orderbook(string market, bool includeOffsets = true, bool batched = false) =>
        new(Channel.Orderbook, RequireMarket(market)) { IncludeOffsets = includeOffsets, Batched = batched };

    public static StreamSubscription Trades(string market, bool batched = false) => new(Channel.Trades, RequireMarket(market)) { Batched = batched };

    public static StreamSubscription Markets(bool batched = false) => new(Channel.Markets, null) { Batched = batched };

    public static StreamSubscription Accounts(int accountNumber = 0) =>
        accountNumber < 0 ? throw new ArgumentOutOfRangeException(nameof(accountNumber)) : new(Channel.Accounts, null) { AccountNumber = accountNumber };

    public string ChannelName => Channel switch
    {
        Channel.Orderbook => "v3_orderbook",
        Channel.Trades => "v3_trades",
        Channel.Markets => "v3_markets",
        Channel.Accounts => "v3_accounts",
        _ => throw new InvalidOperationException($"no v3 channel for {Channel}"),
    };

    /// <summary>Identity within a connection: one subscription per channel and market.</summary>
    public string Key => Id is null ? ChannelName : $"{ChannelName}:{Id}";

    /// <summary>
    /// The server's subscribe limit (2 per second) is per market for orderbook and trades together, and per channel
    /// for markets and accounts.
    /// </summary>
    internal string ThrottleKey => Id ?? ChannelName;

    public bool RequiresAuthentication => Channel == Channel.Accounts;

    /// <summary>The compact subscribe message; <paramref name="auth"/> is required for v3_accounts.</summary>
    public byte[] SubscribeMessage(Auth.RequestAuthentication? auth = null)
    {
        if (RequiresAuthentication && auth is null) throw new ArgumentNullException(nameof(auth), "v3_accounts needs authentication fields");
        return Write(writer =>
        {
            writer.WriteString("type", "subscribe");
            writer.WriteString("channel", ChannelName);
            if (Id is not null) writer.WriteString("id", Id);
            if (IncludeOffsets) writer.WriteBoolean("includeOffsets", true);
            if (Batched) writer.WriteBoolean("batched", true);
            if (auth is not null)
            {
                writer.WriteString("accountNumber", AccountNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("apiKey", auth.ApiKey);
                writer.WriteString("passphrase", auth.Passphrase);
                writer.WriteString("timestamp", auth.Timestamp);
                writer.WriteString("signature", auth.Signature);
            }
        });
    }

    public byte[] UnsubscribeMessage() => Write(writer =>
    {
        writer.WriteString("type", "unsubscribe");
        writer.WriteString("channel", ChannelName);
        if (Id is not null) writer.WriteString("id", Id);
        if (Channel == Channel.Accounts)
            writer.WriteString("accountNumber", AccountNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static string RequireMarket(string market) =>
        string.IsNullOrWhiteSpace(market) ? throw new ArgumentException("a market is required", nameof(market)) : market;
}
