using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using Engine.Core.Book;
using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>
/// Deterministic dYdX v3 venue for one market, driven by a recorded L2 book and trade prints. The caller applies each
/// recorded message to <c>book</c> first (this class is the book's observer, so it sees every level change in order),
/// then calls <see cref="OnBookUpdated"/> or <see cref="OnTrade"/>. Our orders are invisible to the recording, so:
/// <list type="bullet">
/// <item>taking walks the visible opposite levels, net of liquidity we already consumed there;</item>
/// <item>resting orders fill on a trade strictly through their price (up to the trade size), on a trade at their price
/// beyond the estimated queue ahead, or when the recorded opposite best crosses them (up to the crossing visible size);</item>
/// <item>one trade's size and one level's size are never used twice across our orders (best price, then oldest, first).</item>
/// </list>
/// Orders past their expiration are expired before any other processing at the same time. Self-trade prevention is not
/// modelled: our orders only ever match recorded liquidity. Reports are appended to caller-owned lists.
/// </summary>
public sealed class SimulatedMarket : IBookObserver
{
    public const long MinExpirationNanos = 60L * Timestamp.NanosPerSecond;

    private readonly MarketRules _rules;
    private readonly FeeSchedule _fees;
    private readonly IQueueModel _queueModel;
    private readonly IBookView _book;

    // Priority order: best price first, then arrival sequence.
    private readonly List<RestingOrder> _bids = new();
    private readonly List<RestingOrder> _asks = new();
    private readonly Dictionary<string, RestingOrder> _resting = new(StringComparer.Ordinal);
    // v3 client ids are unique for the account's whole history, not only among open orders.
    private readonly HashSet<string> _usedClientIds = new(StringComparer.Ordinal);
    private readonly ConsumedLiquidity _consumedBids = new();
    private readonly ConsumedLiquidity _consumedAsks = new();

    private long _orderSequence;
    private long _fillSequence;
    private long _earliestExpiry = long.MaxValue; // lower bound; lets ExpireOrders skip the scan
    private bool _anyQueueUnknown;

    public SimulatedMarket(MarketRules rules, FeeSchedule fees, IQueueModel queueModel, IBookView book)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _fees = fees ?? throw new ArgumentNullException(nameof(fees));
        _queueModel = queueModel ?? throw new ArgumentNullException(nameof(queueModel));
        _book = book ?? throw new ArgumentNullException(nameof(book));
    }

    public string Market => _rules.Market;
    public MarketRules Rules => _rules;

    public IReadOnlyCollection<RestingOrder> RestingOrders => _resting.Values;
    /// <summary>Our resting bids, highest price first, then oldest.</summary>
    public IReadOnlyList<RestingOrder> Bids => _bids;
    /// <summary>Our resting asks, lowest price first, then oldest.</summary>
    public IReadOnlyList<RestingOrder> Asks => _asks;
    public bool TryGetOrder(string clientId, out RestingOrder order) => _resting.TryGetValue(clientId, out order!);

    public long OrdersAccepted { get; private set; }
    public long OrdersRejected { get; private set; }
    /// <summary>All cancels, whatever the reason (user, post-only, IOC/FOK, expiry).</summary>
    public long OrdersCanceled { get; private set; }
    public long OrdersExpired { get; private set; }
    public long CancelsRejected { get; private set; }
    public long FillCount { get; private set; }
    public long MakerFills { get; private set; }
    public long TakerFills { get; private set; }
    public decimal MakerVolume { get; private set; }
    public decimal TakerVolume { get; private set; }
    public decimal FeesCharged { get; private set; }

    public void Submit(OrderRequest request, Timestamp now, List<ExecutionReport> output)
    {
        ExpireOrders(now, output);
        string? error = Validate(request, now);
        if (error is not null)
        {
            OrdersRejected++;
            output.Add(new OrderRejected(request.ClientId, error, now));
            return;
        }

        _usedClientIds.Add(request.ClientId);
        long sequence = ++_orderSequence;
        string venueOrderId = $"{_rules.Market}-order-{sequence}";
        OrdersAccepted++;
        output.Add(new OrderAccepted(request.ClientId, venueOrderId, now));

        if (request.PostOnly && CrossesRecordedBest(request.Side, request.Price))
        {
            // v3 accepts the order, then the matcher cancels it.
            Canceled(request.ClientId, CancelReason.PostOnlyWouldCross, now, output);
            return;
        }

        Quantity remaining = request.Size;
        if (!request.PostOnly)
        {
            if (request.TimeInForce == TimeInForce.Fok && TakeableUpTo(request.Side, request.Price) < request.Size.Units)
            {
                Canceled(request.ClientId, CancelReason.CouldNotFill, now, output);
                return;
            }
            remaining = Take(request, now, output);
        }

        if (remaining.IsZero) return;
        if (request.TimeInForce != TimeInForce.Gtt)
        {
            var reason = remaining == request.Size ? CancelReason.CouldNotFill : CancelReason.ImmediateOrCancelPartiallyFilled;
            Canceled(request.ClientId, reason, now, output);
            return;
        }
        Rest(request, venueOrderId, remaining, sequence, now);
    }

    public void Cancel(string clientId, Timestamp now, List<ExecutionReport> output)
    {
        ExpireOrders(now, output);
        if (!_resting.TryGetValue(clientId, out var order))
        {
            CancelsRejected++;
            output.Add(new OrderRejected(clientId, $"No order found with clientId {clientId}", now));
            return;
        }
        Remove(order);
        Canceled(clientId, CancelReason.UserCanceled, now, output);
    }

    /// <summary>A recorded public trade; it can only fill our orders on the maker side (opposite the taker).</summary>
    public void OnTrade(Side takerSide, Price price, Quantity size, Timestamp time, List<ExecutionReport> output)
    {
        ExpireOrders(time, output);
        if (size.Units <= 0) return;
        List<RestingOrder> makers = takerSide == Side.Buy ? _asks : _bids;
        long used = 0;
        for (int i = 0; i < makers.Count; i++)
        {
            var order = makers[i];
            bool through = takerSide == Side.Buy ? order.Price < price : order.Price > price;
            if (!through && order.Price != price) break; // later orders are priced worse still

            long fillable;
            if (through)
            {
                fillable = size.Units - used;
                order.Queue = new QueuePosition(Quantity.Zero, order.Queue.TradedAtLevel); // the level was swept
            }
            else
            {
                // The print executes the queue ahead of us first (and our own earlier orders, via `used`).
                fillable = order.QueueUnknown ? 0 : size.Units - order.Queue.Ahead.Units - used;
                if (!order.QueueUnknown) order.Queue = _queueModel.OnTradeAtPrice(order.Queue, size);
            }

            long take = Math.Min(Math.Max(fillable, 0L), order.Remaining.Units);
            if (take <= 0) continue;
            used += take;
            if (FillResting(order, new Quantity(take), time, output)) i--;
        }
    }

    /// <summary>Call after each recorded book message has been applied: fills resting orders the recorded book crosses.</summary>
    public void OnBookUpdated(Timestamp time, List<ExecutionReport> output)
    {
        ExpireOrders(time, output);
        if (_anyQueueUnknown) ResolveUnknownQueues();
        FillCrossed(_bids, time, output);
        FillCrossed(_asks, time, output);
    }

    /// <summary>Cancels (Expired) every resting GTT order whose expiration is at or before <paramref name="now"/>.</summary>
    public void ExpireOrders(Timestamp now, List<ExecutionReport> output)
    {
        if (now.Nanos < _earliestExpiry) return;
        ExpireSide(_bids, now, output);
        ExpireSide(_asks, now, output);
        _earliestExpiry = long.MaxValue;
        foreach (var o in _bids) _earliestExpiry = Math.Min(_earliestExpiry, o.Request.Expiration.Nanos);
        foreach (var o in _asks) _earliestExpiry = Math.Min(_earliestExpiry, o.Request.Expiration.Nanos);
    }

    public void OnLevelChanged(Side side, Price price, Quantity previousSize, Quantity newSize)
    {
        Consumed(side).OnLevelChanged(price, newSize);
        List<RestingOrder> ours = side == Side.Buy ? _bids : _asks;
        for (int i = 0; i < ours.Count; i++)
        {
            var order = ours[i];
            if (order.Price != price || order.QueueUnknown) continue;
            order.Queue = _queueModel.OnLevelChanged(order.Queue, previousSize, newSize);
        }
    }

    /// <summary>
    /// A reset (snapshot, resync) loses track of who is where. Conservative choice: the rebuilt level counts entirely as
    /// ahead of us — queue estimates are re-anchored to the visible size at our price at the next
    /// <see cref="OnBookUpdated"/>, and no at-price fills happen until then. Consumed liquidity is forgotten with the levels.
    /// </summary>
    public void OnBookCleared()
    {
        _consumedBids.Clear();
        _consumedAsks.Clear();
        foreach (var o in _bids) o.QueueUnknown = true;
        foreach (var o in _asks) o.QueueUnknown = true;
        _anyQueueUnknown = _bids.Count + _asks.Count > 0;
    }

    private string? Validate(OrderRequest r, Timestamp now)
    {
        if (!string.Equals(r.Market, _rules.Market, StringComparison.Ordinal))
            return $"Invalid market {r.Market}";
        if (r.Price.Units <= 0)
            return "Order price must be greater than 0";
        if (r.Price.Units % _rules.TickSize.Units != 0)
            return $"Order price must be a multiple of the tickSize {_rules.TickSize}";
        if (r.Size.Units <= 0 || r.Size.Units % _rules.StepSize.Units != 0)
            return $"Order size must be a multiple of the stepSize {_rules.StepSize}";
        if (r.Size < _rules.MinOrderSize)
            return $"Order size must be at least minOrderSize {_rules.MinOrderSize}";
        if (r.Expiration.Nanos < now.Nanos + MinExpirationNanos)
            return "Order expiration cannot be less than 1 minute(s) in the future";
        if (_usedClientIds.Contains(r.ClientId))
            return "Order with specified clientId already exists";
        return null;
    }

    private bool CrossesRecordedBest(Side side, Price price) =>
        side == Side.Buy
            ? _book.TryGetBestAsk(out var ask, out _) && price >= ask
            : _book.TryGetBestBid(out var bid, out _) && price <= bid;

    private static bool Reaches(Side takerSide, Price level, Price limit) =>
        takerSide == Side.Buy ? level <= limit : level >= limit;

    private ConsumedLiquidity Consumed(Side bookSide) => bookSide == Side.Buy ? _consumedBids : _consumedAsks;

    /// <summary>Unconsumed visible size an order on <paramref name="side"/> could take up to its limit.</summary>
    private long TakeableUpTo(Side side, Price limit)
    {
        Side bookSide = side.Opposite();
        var consumed = Consumed(bookSide);
        int levels = _book.LevelCount(bookSide);
        long total = 0;
        for (int i = 0; i < levels; i++)
        {
            _book.GetLevel(bookSide, i, out var price, out var size);
            if (!Reaches(side, price, limit)) break;
            total = checked(total + consumed.Available(price, size));
        }
        return total;
    }

    /// <summary>Taker walk over visible opposite levels, one fill per level at that level's price. Returns the rest.</summary>
    private Quantity Take(OrderRequest request, Timestamp now, List<ExecutionReport> output)
    {
        Side bookSide = request.Side.Opposite();
        var consumed = Consumed(bookSide);
        Quantity remaining = request.Size;
        int levels = _book.LevelCount(bookSide);
        for (int i = 0; i < levels && !remaining.IsZero; i++)
        {
            _book.GetLevel(bookSide, i, out var price, out var size);
            if (!Reaches(request.Side, price, request.Price)) break;
            long take = Math.Min(consumed.Available(price, size), remaining.Units);
            if (take <= 0) continue;
            consumed.Add(price, take);
            remaining -= new Quantity(take);
            EmitFill(request, price, new Quantity(take), Liquidity.Taker, remaining, now, output);
        }
        return remaining;
    }

    /// <summary>Resting orders crossed by the recorded opposite best fill at their own price, bounded by the crossing size.</summary>
    private void FillCrossed(List<RestingOrder> ours, Timestamp time, List<ExecutionReport> output)
    {
        if (ours.Count == 0) return;
        Side side = ours[0].Side;
        Side bookSide = side.Opposite();
        var consumed = Consumed(bookSide);
        for (int i = 0; i < ours.Count; i++)
        {
            var order = ours[i];
            bool hasBest = side == Side.Buy
                ? _book.TryGetBestAsk(out var best, out _)
                : _book.TryGetBestBid(out best, out _);
            if (!hasBest || !Reaches(side, best, order.Price)) break; // worse-priced orders cannot be crossed either

            long want = order.Remaining.Units;
            long taken = 0;
            int levels = _book.LevelCount(bookSide);
            for (int l = 0; l < levels && taken < want; l++)
            {
                _book.GetLevel(bookSide, l, out var price, out var size);
                if (!Reaches(side, price, order.Price)) break;
                long take = Math.Min(consumed.Available(price, size), want - taken);
                if (take <= 0) continue;
                consumed.Add(price, take);
                taken += take;
            }
            if (taken <= 0) continue;
            if (FillResting(order, new Quantity(taken), time, output)) i--;
        }
    }

    /// <summary>Maker fill at the order's price. Returns true when the order completed and left its side list.</summary>
    private bool FillResting(RestingOrder order, Quantity size, Timestamp time, List<ExecutionReport> output)
    {
        order.Remaining -= size;
        EmitFill(order.Request, order.Price, size, Liquidity.Maker, order.Remaining, time, output);
        if (!order.Remaining.IsZero) return false;
        Remove(order);
        return true;
    }

    private void EmitFill(OrderRequest request, Price price, Quantity size, Liquidity liquidity, Quantity remaining, Timestamp time, List<ExecutionReport> output)
    {
        decimal fee = _fees.Fee(liquidity, price, size);
        var fill = new Fill($"{_rules.Market}-{++_fillSequence}", request.ClientId, _rules.Market, request.Side, price, size, fee, liquidity, time);
        decimal notional = size.Notional(price);
        FillCount++;
        FeesCharged += fee;
        if (liquidity == Liquidity.Maker) { MakerFills++; MakerVolume += notional; }
        else { TakerFills++; TakerVolume += notional; }
        output.Add(new OrderFilled(fill, remaining, time));
    }

    private void Rest(OrderRequest request, string venueOrderId, Quantity remaining, long sequence, Timestamp now)
    {
        var queue = _queueModel.OnPlaced(_book.SizeAt(request.Side, request.Price));
        var order = new RestingOrder(request, venueOrderId, remaining, sequence, queue, now);
        List<RestingOrder> list = request.Side == Side.Buy ? _bids : _asks;
        int at = list.Count;
        for (int i = 0; i < list.Count; i++)
        {
            bool worse = request.Side == Side.Buy ? list[i].Price < request.Price : list[i].Price > request.Price;
            if (worse) { at = i; break; }
        }
        list.Insert(at, order);
        _resting.Add(request.ClientId, order);
        _earliestExpiry = Math.Min(_earliestExpiry, request.Expiration.Nanos);
    }

    private void Remove(RestingOrder order)
    {
        (order.Side == Side.Buy ? _bids : _asks).Remove(order);
        _resting.Remove(order.ClientId);
    }

    private void ExpireSide(List<RestingOrder> list, Timestamp now, List<ExecutionReport> output)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var order = list[i];
            if (order.Request.Expiration.Nanos > now.Nanos) continue;
            list.RemoveAt(i--);
            _resting.Remove(order.ClientId);
            OrdersExpired++;
            Canceled(order.ClientId, CancelReason.Expired, now, output);
        }
    }

    private void ResolveUnknownQueues()
    {
        foreach (var o in _bids) Resolve(o);
        foreach (var o in _asks) Resolve(o);
        _anyQueueUnknown = false;

        void Resolve(RestingOrder o)
        {
            if (!o.QueueUnknown) return;
            o.Queue = _queueModel.OnPlaced(_book.SizeAt(o.Side, o.Price));
            o.QueueUnknown = false;
        }
    }

    private void Canceled(string clientId, CancelReason reason, Timestamp now, List<ExecutionReport> output)
    {
        OrdersCanceled++;
        output.Add(new OrderCanceled(clientId, reason, now));
    }
}
