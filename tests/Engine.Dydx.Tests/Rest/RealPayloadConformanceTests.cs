using System.Text;
using System.Text.Json.Nodes;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest;
using Engine.Dydx.Streaming.Accounts;
using Engine.Dydx.Streaming.Books;
using Engine.Dydx.Streaming.Sync;
using Engine.TestSupport;
using Xunit;

namespace Engine.Dydx.Tests.Rest;

/// <summary>
/// Every real v3 payload in ../shared/data/real/dydx-v3 goes through the client piece that handles it on the wire:
/// REST bodies are served by the loopback exchange and parsed by <see cref="DydxRestClient"/>, WebSocket frames by
/// the stream synchronisers. A capture added to the folder fails <see cref="Every_capture_in_the_folder_is_covered"/>
/// until it is covered here.
/// </summary>
public sealed class RealPayloadConformanceTests
{
    private static readonly string Root = SharedData.Shared("data", "real", "dydx-v3");

    private static readonly Dictionary<string, string> Kinds = new()
    {
        ["hft-micro-dydx/accounts.json"] = "rest accounts",
        ["hft-micro-dydx/lc-account.json"] = "rest accounts",
        ["hft-micro-dydx/errors.json"] = "rest error",
        ["hft-micro-dydx/depth-snapshot.json"] = "ws orderbook",
        ["hft-micro-dydx/depth-update.json"] = "ws orderbook",
        ["hft-micro-dydx/ws-trade.json"] = "ws trades",
        ["hft-micro-dydx/ws-account.json"] = "ws accounts",
        ["hft-micro-dydx/ws-order.json"] = "ws accounts",
        ["hft-micro-dydx/ws-account-channel-data.json"] = "ws accounts",
        ["hft-micro-dydx/ws-account-after-filled.json"] = "ws accounts",
        ["hft-micro-dydx/partially-filled-orders.json"] = "accounts contents",
        ["go-dydx/btc-usd_orderbook_snapshot_includeOffsets_2022-05.json"] = "ws orderbook",
        ["go-dydx/btc-usd_orderbook_snapshot+1095deltas_2022-05.json"] = "ws session",
    };

    public static TheoryData<string> Captures() => [.. Kinds.Keys];

    [Fact]
    public void Every_capture_in_the_folder_is_covered()
    {
        var files = Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order().ToArray();
        Assert.Equal(Kinds.Keys.Order().ToArray(), files);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Parses(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Root, file));
        switch (Kinds[file])
        {
            case "rest accounts":
                await using (var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/accounts" ? Reply.Ok(Encoding.UTF8.GetString(bytes)) : null))
                {
                    var account = Assert.Single(await host.Client.GetAccountsAsync());
                    var raw = JsonNode.Parse(bytes)!["accounts"]![0]!;
                    Assert.Equal(decimal.Parse(raw["equity"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), account.Equity);
                    Assert.Equal(raw["id"]!.GetValue<string>(), account.Id);
                    Assert.Equal(raw["createdAt"] is null, account.CreatedAt is null);
                }
                break;
            case "rest error":
                await using (var host = await RestTestHost.StartAsync(r => r.RawTarget == "/v3/users" ? new Reply(400, Encoding.UTF8.GetString(bytes)) : null))
                {
                    var e = await Assert.ThrowsAsync<DydxApiException>(() => host.Client.GetUserAsync());
                    Assert.Equal(JsonNode.Parse(bytes)!["errors"]!.AsArray().Count, e.Errors.Count);
                }
                break;
            case "ws orderbook":
                Assert.True(FrameHeaderReader.TryRead(bytes, out var h));
                var sync = new OrderBookSync(h.Id!);
                if (h.Type == FrameType.Subscribed)
                {
                    Assert.Equal(SyncAnomaly.None, sync.OnFrame(h, bytes, 1, new Timestamp(1)));
                    Assert.True(sync.IsSynchronized);
                }
                else
                {
                    // A delta needs a book: seed an empty snapshot of the same market first.
                    var empty = Encoding.UTF8.GetBytes($$$"""{"type":"subscribed","channel":"v3_orderbook","id":"{{{h.Id}}}","message_id":1,"contents":{"bids":[],"asks":[]}}""");
                    Assert.True(FrameHeaderReader.TryRead(empty, out var eh));
                    sync.OnFrame(eh, empty, 1, new Timestamp(1));
                    Assert.Equal(SyncAnomaly.None, sync.OnFrame(h, bytes, 1, new Timestamp(2)));
                    Assert.Equal(1, sync.Counters.Deltas);
                }
                break;
            case "ws trades":
                Assert.True(FrameHeaderReader.TryRead(bytes, out var th));
                var trades = new List<PublicTrade>();
                Assert.True(TradesCodec.TryRead(th.Contents(bytes), trades));
                Assert.NotEmpty(trades);
                break;
            case "ws accounts":
                Assert.True(FrameHeaderReader.TryRead(bytes, out var ah));
                var updates = new List<AccountStreamUpdate>();
                Assert.True(new AccountStream().OnFrame(ah, bytes, updates));
                Assert.NotEmpty(updates);
                break;
            case "accounts contents":
                var contents = System.Text.Json.JsonSerializer.Deserialize<AccountChannelContents>(bytes, Dydx.Rest.Models.DydxJson.Options)!;
                Assert.NotEmpty(contents.Fills);
                Assert.NotEmpty(contents.Positions);
                break;
            case "ws session":
                var synchronizer = new StreamSynchronizer();
                var book = synchronizer.TrackBook("BTC-USD");
                var resyncs = new List<ResyncRequest>();
                foreach (var message in JsonNode.Parse(bytes)!.AsArray())
                    synchronizer.OnFrame(Encoding.UTF8.GetBytes(message!.ToJsonString()), 1, new Timestamp(1), resyncs);
                Assert.Empty(resyncs);
                Assert.True(book.IsSynchronized);
                break;
            default:
                Assert.Fail($"no parser for {file}");
                break;
        }
    }
}
