using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engine.TestSupport;

namespace Engine.Dydx.Tests.Streaming;

/// <summary>v3_orderbook frames for tests: the real go-dydx capture as wire frames, and hand-made ones.</summary>
internal static class BookFrames
{
    /// <summary>The real BTC-USD session: 1 snapshot (message 1) + 1095 deltas (messages 2..1096), each as compact bytes.</summary>
    public static List<byte[]> RealSession()
    {
        string path = SharedData.Shared("data", "real", "dydx-v3", "go-dydx", "btc-usd_orderbook_snapshot+1095deltas_2022-05.json");
        var array = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return [.. array.Select(m => Encoding.UTF8.GetBytes(m!.ToJsonString()))];
    }

    public static byte[] Snapshot(string market, long messageId, string bids, string asks) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"subscribed","channel":"v3_orderbook","connection_id":"c","message_id":{{{messageId}}},"id":"{{{market}}}","contents":{"bids":[{{{bids}}}],"asks":[{{{asks}}}]}}""");

    public static byte[] Delta(string market, long messageId, long offset, string bids, string asks) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"channel_data","channel":"v3_orderbook","connection_id":"c","message_id":{{{messageId}}},"id":"{{{market}}}","contents":{"offset":"{{{offset}}}","bids":[{{{bids}}}],"asks":[{{{asks}}}]}}""");

    public static string Level(string price, string size, long offset) => $$"""{"price":"{{price}}","size":"{{size}}","offset":"{{offset}}"}""";

    public static string Pair(string price, string size) => $$"""["{{price}}","{{size}}"]""";

    public static long MessageId(byte[] frame) => JsonDocument.Parse(frame).RootElement.GetProperty("message_id").GetInt64();
}
