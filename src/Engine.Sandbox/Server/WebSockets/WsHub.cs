using Engine.Sandbox.Exchange;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Server.Json;

namespace Engine.Sandbox.Server.WebSockets;

/// <summary>A parsed, validated subscribe message (v3_accounts already authenticated).</summary>
internal sealed record SubscribeRequest(string Channel, string? Id, bool IncludeOffsets, bool Batched, OnboardedAccount? Account = null);

/// <summary>
/// Subscriptions and fan-out, owned by the exchange thread (every method runs there). A subscription's snapshot is
/// taken from the exchange when it is registered and every later update goes to it, so nothing falls between them.
/// Each update is serialised once; stalled channels hold their messages and release them in order; skipped
/// orderbook offsets are swallowed for every subscriber.
/// </summary>
internal sealed class WsHub(SandboxExchange exchange, SandboxFaults faults)
{
    public const string Orderbook = "v3_orderbook";
    public const string Trades = "v3_trades";
    public const string Markets = "v3_markets";
    public const string Accounts = "v3_accounts";

    private readonly Dictionary<string, List<Subscription>> _orderbook = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Subscription>> _trades = new(StringComparer.Ordinal);
    private readonly List<Subscription> _markets = new();
    private readonly Dictionary<string, List<Subscription>> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<WsConnection, List<Subscription>> _byConnection = new();
    private List<(Subscription Subscription, Outgoing Message)> _held = new();
    private readonly Dictionary<string, (byte[] Update, DateTimeOffset Since)> _reordered = new(StringComparer.Ordinal);

    /// <summary>Messages swallowed by the skip-offsets fault.</summary>
    public long SkippedOrderbookUpdates { get; private set; }

    public int Subscriptions => _byConnection.Values.Sum(l => l.Count);

    /// <summary>
    /// How many feed frames reader-paced playback may apply now, at most <paramref name="max"/>: none before the first
    /// subscription; otherwise what the fullest queue can take while staying at most half full, counting up to four
    /// messages per frame (a frame moves the book and may print trades and market changes).
    /// </summary>
    public int PacedFrameBudget(int max)
    {
        if (_byConnection.Count == 0) return 0;
        int budget = max;
        foreach (var (connection, subscriptions) in _byConnection)
        {
            if (connection.IsKilled) continue;
            // Messages held by a stall go to the queue when it ends: they count as queued already.
            int pending = connection.Queued;
            foreach (var s in subscriptions) pending += s.Held;
            int room = pending == 0 ? Math.Max(1, connection.QueueCapacity / 8) : (connection.QueueCapacity / 2 - pending) / 4;
            budget = Math.Min(budget, Math.Max(0, room));
        }
        return budget;
    }

    public void Subscribe(WsConnection connection, SubscribeRequest request, DateTimeOffset wallNow)
    {
        string channel = request.Channel;
        string? id = channel switch
        {
            Markets => null,
            Accounts => request.Account!.AccountId,
            _ => request.Id,
        };
        if (channel is Orderbook or Trades && (id is null || !exchange.GetMarket(id).IsSuccess))
        {
            connection.Enqueue(Outgoing.Error($"Invalid id {id ?? "(missing)"} for channel {channel}: no such market")); // [sim]
            return;
        }
        var subs = _byConnection.TryGetValue(connection, out var existing) ? existing : null;
        if (subs?.Any(s => s.Channel == channel && s.Id == id) == true)
        {
            connection.Enqueue(Outgoing.Error($"Already subscribed to {channel}{(id is null ? "" : " " + id)}")); // [sim]
            return;
        }

        byte[] snapshot = channel switch
        {
            Orderbook => V3Json.Bytes(w => V3Json.Orderbook(w, exchange.GetOrderbook(id!, request.IncludeOffsets).Unwrap(), request.IncludeOffsets)),
            Trades => V3Json.Bytes(w => V3Json.Trades(w, exchange.GetTrades(id!).Unwrap())),
            Markets => V3Json.Bytes(w => V3Json.Markets(w, exchange.GetMarkets())),
            Accounts => AccountSnapshot(request.Account!),
            _ => throw new ArgumentException($"unknown channel {channel}"),
        };
        var subscription = new Subscription(connection, channel, id, request.Batched);
        if (subs is null) _byConnection[connection] = subs = new List<Subscription>();
        subs.Add(subscription);
        switch (channel)
        {
            case Orderbook: ListFor(_orderbook, id!).Add(subscription); break;
            case Trades: ListFor(_trades, id!).Add(subscription); break;
            case Markets: _markets.Add(subscription); break;
            case Accounts: ListFor(_accounts, id!).Add(subscription); break;
        }
        Deliver(subscription, new Outgoing(OutgoingKind.Subscribed, channel, id, snapshot), wallNow);
    }

    public void Unsubscribe(WsConnection connection, string channel, string? id, DateTimeOffset wallNow)
    {
        if (channel == Markets) id = null;
        if (!_byConnection.TryGetValue(connection, out var subs)
            || subs.FirstOrDefault(s => s.Channel == channel && (s.Id == id || (channel == Accounts && id is null))) is not { } subscription)
        {
            connection.Enqueue(Outgoing.Error($"Not subscribed to {channel}{(id is null ? "" : " " + id)}")); // [sim]
            return;
        }
        Detach(subscription);
        subs.Remove(subscription);
        // Held messages of the subscription go first, then the reply (order is per connection).
        Deliver(subscription, new Outgoing(OutgoingKind.Unsubscribed, channel, subscription.Id), wallNow, ignoreRemoved: true);
    }

    /// <summary>Forgets a closed connection.</summary>
    public void Remove(WsConnection connection)
    {
        if (!_byConnection.Remove(connection, out var subs)) return;
        foreach (var s in subs) Detach(s);
        if (_held.Count > 0) _held.RemoveAll(h => h.Subscription.Connection == connection);
    }

    public void Publish(IReadOnlyList<ExchangeEvent> events, DateTimeOffset wallNow)
    {
        Dictionary<string, List<byte[]>>? books = null;
        Dictionary<string, List<PublicTradeView>>? trades = null;
        OrderedDictionary<string, MarketChanged>? markets = null;
        List<(List<Subscription> Subscriptions, byte[] Contents)>? accounts = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case OrderbookChanged book:
                    bool lost = faults.TakeOrderbookSkip(book.Market);
                    if (lost) SkippedOrderbookUpdates++;
                    if (!HasSubscribers(_orderbook, book.Market)) continue;
                    books ??= new(StringComparer.Ordinal);
                    ListFor(books, book.Market).Add(lost ? LostUpdate : V3Json.Bytes(w => V3Json.OrderbookUpdate(w, book.Offset, book.Bids, book.Asks)));
                    break;
                case PublicTradesPrinted printed:
                    if (!HasSubscribers(_trades, printed.Market)) continue;
                    trades ??= new(StringComparer.Ordinal);
                    ListFor(trades, printed.Market).AddRange(printed.Trades);
                    break;
                case MarketChanged change:
                    if (_markets.Count == 0) continue;
                    markets ??= new(StringComparer.Ordinal);
                    markets[change.Market] = markets.TryGetValue(change.Market, out var before) ? Merge(before, change) : change;
                    break;
                case AccountChanged account:
                    if (!_accounts.TryGetValue(account.AccountId, out var accountSubs) || accountSubs.Count == 0) continue;
                    accounts ??= new();
                    accounts.Add((accountSubs, V3Json.Bytes(w => V3Json.AccountChange(w, account))));
                    break;
            }
        }
        // In the order the exchange emits a step's events: markets, trades, book, accounts.
        if (markets is not null) SendAll(_markets, [V3Json.Bytes(w => V3Json.MarketChanges(w, markets.Values))], wallNow);
        if (trades is not null)
        {
            foreach (var (market, printed) in trades)
            {
                printed.Reverse(); // v3 lists trades newest first
                SendAll(_trades[market], [V3Json.Bytes(w => V3Json.Trades(w, printed))], wallNow);
            }
        }
        if (books is not null)
            foreach (var (market, updates) in books) SendAll(_orderbook[market], Reorder(market, updates, wallNow), wallNow);
        if (accounts is not null)
            foreach (var (subscriptions, contents) in accounts)
                foreach (var s in subscriptions.ToList()) Send(s, contents, wallNow);
    }

    /// <summary>The out-of-order fault: an update picked for it is held and sent right after its successor.</summary>
    private List<byte[]> Reorder(string market, List<byte[]> updates, DateTimeOffset wallNow)
    {
        if (!_reordered.ContainsKey(market) && !faults.HasReorder) return updates;
        var output = new List<byte[]>(updates.Count + 1);
        foreach (var update in updates)
        {
            if (_reordered.Remove(market, out var held))
            {
                output.Add(update);
                output.Add(held.Update);
            }
            else if (faults.TakeOrderbookReorder(market)) _reordered[market] = (update, wallNow);
            else output.Add(update);
        }
        return output;
    }

    /// <summary>Releases held messages whose stall has ended (in order) and reordered updates left without a successor.</summary>
    public void Tick(DateTimeOffset wallNow)
    {
        if (_reordered.Count > 0)
        {
            foreach (var (market, held) in _reordered.ToList())
            {
                if (wallNow - held.Since < TimeSpan.FromMilliseconds(500)) continue;
                _reordered.Remove(market);
                if (_orderbook.TryGetValue(market, out var subs)) SendAll(subs, [held.Update], wallNow);
            }
        }
        if (_held.Count == 0) return;
        var keep = new List<(Subscription, Outgoing)>();
        foreach (var (subscription, message) in _held)
        {
            if (subscription.Connection.IsKilled) continue;
            if (faults.IsStalled(subscription.Channel, subscription.Id, wallNow)) keep.Add((subscription, message));
            else
            {
                subscription.Held--;
                subscription.Connection.Enqueue(message);
            }
        }
        _held = keep;
    }

    /// <summary>
    /// The crossed-book fault: one update with a bid a tick above the best ask (or an ask a tick below the best bid),
    /// under a fresh offset of the market's counter. False for an unknown market.
    /// </summary>
    public bool InjectCrossedBook(string market, DateTimeOffset wallNow)
    {
        var view = exchange.GetMarket(market);
        if (!view.IsSuccess) return false;
        var book = exchange.GetOrderbook(market).Unwrap();
        var tick = view.Value.Rules.TickSize;
        var size = view.Value.Rules.MinOrderSize.Units > 0 ? view.Value.Rules.MinOrderSize : view.Value.Rules.StepSize;
        long offset = exchange.ReserveOrderbookOffset(market)!.Value;
        List<PublicBookLevel> bids = [], asks = [];
        if (book.Asks.Count > 0) bids.Add(new PublicBookLevel(book.Asks[0].Price + tick, size, offset));
        else if (book.Bids.Count > 0) asks.Add(new PublicBookLevel(book.Bids[0].Price - tick, size, offset));
        else
        {
            var oracle = view.Value.OraclePrice;
            bids.Add(new PublicBookLevel(oracle + tick, size, offset));
            asks.Add(new PublicBookLevel(oracle, size, offset));
        }
        if (_orderbook.TryGetValue(market, out var subs))
            SendAll(subs, [V3Json.Bytes(w => V3Json.OrderbookUpdate(w, offset, bids, asks))], wallNow);
        return true;
    }

    private byte[] AccountSnapshot(OnboardedAccount account)
    {
        var view = exchange.GetAccount(account.AccountId).Unwrap();
        var orders = exchange.GetOrders(account.AccountId).Unwrap();
        return V3Json.Bytes(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("orders");
            foreach (var o in orders) V3Json.Order(w, o, rest: false);
            w.WriteEndArray();
            w.WritePropertyName("account");
            V3Json.Account(w, view);
            w.WriteStartArray("transfers");
            V3Json.Deposit(w, account);
            w.WriteEndArray();
            w.WriteStartArray("fundingPayments");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Stands, in its place among a step's book updates, for one lost in transit (the skip fault): an unbatched
    /// subscriber's message_id moves on as if it had been sent; a batch simply lacks it.
    /// </summary>
    private static readonly byte[] LostUpdate = [];

    /// <summary>Updates of one channel id to its subscribers: one channel_data each, or one channel_batch_data per batched subscriber.</summary>
    private void SendAll(List<Subscription> subscriptions, IReadOnlyList<byte[]> updates, DateTimeOffset wallNow)
    {
        byte[]? batch = null;
        foreach (var s in subscriptions.ToList())
        {
            if (s.Batched)
            {
                batch ??= JoinArray([.. updates.Where(u => !ReferenceEquals(u, LostUpdate))]);
                if (batch.Length > 2) Deliver(s, new Outgoing(OutgoingKind.ChannelBatchData, s.Channel, s.Id, batch), wallNow); // "[]": all lost
            }
            else
            {
                foreach (var u in updates)
                    Deliver(s, ReferenceEquals(u, LostUpdate) ? Outgoing.Lost : new Outgoing(OutgoingKind.ChannelData, s.Channel, s.Id, u), wallNow);
            }
        }
    }

    private void Send(Subscription s, byte[] contents, DateTimeOffset wallNow) =>
        Deliver(s, s.Batched
            ? new Outgoing(OutgoingKind.ChannelBatchData, s.Channel, s.Id, JoinArray([contents]))
            : new Outgoing(OutgoingKind.ChannelData, s.Channel, s.Id, contents), wallNow);

    private void Deliver(Subscription s, Outgoing message, DateTimeOffset wallNow, bool ignoreRemoved = false)
    {
        if (s.Removed && !ignoreRemoved) return;
        if (s.Held > 0 || (faults.HasStalls && faults.IsStalled(s.Channel, s.Id, wallNow)))
        {
            s.Held++;
            _held.Add((s, message));
            return;
        }
        s.Connection.Enqueue(message);
    }

    private static byte[] JoinArray(IReadOnlyList<byte[]> items)
    {
        int length = 2 + Math.Max(0, items.Count - 1) + items.Sum(i => i.Length);
        var joined = new byte[length];
        int at = 0;
        joined[at++] = (byte)'[';
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) joined[at++] = (byte)',';
            items[i].CopyTo(joined, at);
            at += items[i].Length;
        }
        joined[at] = (byte)']';
        return joined;
    }

    private void Detach(Subscription s)
    {
        s.Removed = true;
        switch (s.Channel)
        {
            case Orderbook: Remove(_orderbook, s); break;
            case Trades: Remove(_trades, s); break;
            case Markets: _markets.Remove(s); break;
            case Accounts: Remove(_accounts, s); break;
        }
    }

    private static void Remove(Dictionary<string, List<Subscription>> map, Subscription s)
    {
        if (s.Id is null || !map.TryGetValue(s.Id, out var list)) return;
        list.Remove(s);
        if (list.Count == 0) map.Remove(s.Id);
    }

    private static bool HasSubscribers(Dictionary<string, List<Subscription>> map, string id) => map.TryGetValue(id, out var l) && l.Count > 0;

    private static List<T> ListFor<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<T>();
        return list;
    }

    private static MarketChanged Merge(MarketChanged a, MarketChanged b) => a with
    {
        Status = b.Status ?? a.Status,
        OraclePrice = b.OraclePrice ?? a.OraclePrice,
        IndexPrice = b.IndexPrice ?? a.IndexPrice,
        NextFundingRate = b.NextFundingRate ?? a.NextFundingRate,
        NextFundingAt = b.NextFundingAt ?? a.NextFundingAt,
    };

    private sealed class Subscription(WsConnection connection, string channel, string? id, bool batched)
    {
        public WsConnection Connection { get; } = connection;
        public string Channel { get; } = channel;
        public string? Id { get; } = id;
        public bool Batched { get; } = batched;
        public bool Removed { get; set; }
        public int Held { get; set; }
    }
}
