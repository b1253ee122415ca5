using Akka.Actor;
using Akka.Event;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Venue;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;
using Engine.Runtime.Orders;
using Engine.Runtime.Signing;
using Engine.Stark.Orders;
using V3Fill = Engine.Dydx.Rest.Models.Fill;
using V3FundingPayment = Engine.Dydx.Rest.Models.FundingPayment;
using V3Order = Engine.Dydx.Rest.Models.Order;

namespace Engine.Runtime.Venue.Dydx;

/// <summary>
/// The dYdX v3 venue: the same protocol towards the order managers as the simulated venue (SubmitOrder,
/// CancelOrder in; <see cref="VenueReports"/> out), over the REST client and the v3_accounts stream. Every order is
/// STARK-signed by the signer actor; REST calls run as tasks whose results come back as messages, so the actor
/// never blocks and its state changes only on its own thread. A placement whose answer is lost is looked up by
/// clientId rather than retried (POST /v3/orders is not idempotent).
/// </summary>
public sealed class DydxVenueActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan SignTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LookUpDelay = TimeSpan.FromSeconds(1);

    private readonly DydxVenueSettings _settings;
    private readonly DydxRestClient _rest;
    private readonly IActorRef _signer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (IActorRef Orders, IActorRef Account)> _markets = new(StringComparer.Ordinal);
    private readonly V3OrderTracker _tracker;
    private readonly HashSet<string> _cancelWhenAccepted = new(StringComparer.Ordinal);
    private readonly List<ExecutionReport> _reports = new(16);

    /// <param name="retainFinishedOrders">finished orders kept tracked for late news about them; older ones are forgotten</param>
    public DydxVenueActor(DydxVenueSettings settings, DydxRestClient rest, IActorRef signer, int retainFinishedOrders)
    {
        _settings = settings;
        _tracker = new V3OrderTracker(retainFinishedOrders);
        _rest = rest;
        _signer = signer;

        Receive<AttachMarket>(a => _markets[a.Market] = (a.Orders, a.Account));
        Receive<SubmitOrder>(OnSubmit);
        Receive<CancelOrder>(OnCancel);
        Receive<OrderReadyToPlace>(OnReadyToPlace);
        Receive<PlacementAnswered>(OnPlacementAnswered);
        Receive<LookUpPlacement>(l => _rest.GetOrderByClientIdAsync(l.Request.ClientId).PipeTo(Self,
            success: order => new PlacementAnswered(l.Request, order, null),
            failure: e => new PlacementAnswered(l.Request, null, e)));
        Receive<CancelAnswered>(OnCancelAnswered);
        Receive<V3AccountActivity>(OnAccountUpdate);
        Receive<CancelEverything>(OnCancelEverything);
        Receive<ReconcileOrders>(OnReconcile);
        Receive<Reconciled>(OnReconciled);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DydxVenueSettings settings, DydxRestClient rest, IActorRef signer,
        int retainFinishedOrders = Live.LivePlan.DefaultRetainFinishedOrders) =>
        Akka.Actor.Props.Create(() => new DydxVenueActor(settings, rest, signer, retainFinishedOrders));

    private static Timestamp Now => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);

    private void OnSubmit(SubmitOrder submit)
    {
        var r = submit.Request;
        _tracker.Submitted(r);
        var order = new StarkOrder(_settings.NetworkId, _settings.PositionId, r.Market,
            r.Side == Side.Buy ? StarkOrderSide.Buy : StarkOrderSide.Sell,
            r.Size.ToDecimal(), r.Price.ToDecimal(), _settings.LimitFee, r.ClientId, Expiration(r.Expiration));
        _signer.Ask<object>(new SignOrder(order), SignTimeout)
            .PipeTo(Self, success: reply => new OrderReadyToPlace(r, order.Expiration, reply), failure: e => new OrderReadyToPlace(r, order.Expiration, e));
    }

    private void OnReadyToPlace(OrderReadyToPlace ready)
    {
        var r = ready.Request;
        if (ready.Signature is not OrderSigned signed)
        {
            string why = ready.Signature switch
            {
                OrderSigningFailed f => $"order cannot be signed: {f.Error}",
                Exception e => $"signer did not answer: {e.Message}",
                _ => "signer answered unexpectedly",
            };
            _tracker.Refused(r.ClientId, why, Now, _reports);
            Flush(r.Market);
            return;
        }
        var body = new PlaceOrderRequest
        {
            Market = r.Market,
            Side = r.Side,
            Type = DydxOrderType.Limit,
            TimeInForce = r.TimeInForce,
            PostOnly = r.PostOnly,
            Size = r.Size.ToDecimal(),
            Price = r.Price.ToDecimal(),
            LimitFee = _settings.LimitFee,
            Expiration = ready.Expiration,
            ClientId = r.ClientId,
            Signature = signed.Signature,
        };
        _rest.PlaceOrderAsync(body).PipeTo(Self,
            success: order => new PlacementAnswered(r, order, null),
            failure: e => new PlacementAnswered(r, null, e));
    }

    private void OnPlacementAnswered(PlacementAnswered answer)
    {
        var r = answer.Request;
        switch (answer)
        {
            case { Order: { } order }:
                _tracker.Placed(order, Now, _reports);
                break;
            case { Error: DydxApiException api } when api.StatusCode is >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError:
                _tracker.Refused(r.ClientId, api.Message, Now, _reports);
                break;
            default:
                // Timeout, 5xx, connection lost: the order may or may not exist. Find out by clientId (a 404 there
                // is a 4xx answer and refuses it above; a further transport error looks again).
                _log.Warning("placement of {0} unanswered ({1}); looking it up", r.ClientId, answer.Error?.Message);
                Timers.StartSingleTimer($"look-up-{r.ClientId}", new LookUpPlacement(r), LookUpDelay);
                return;
        }
        Flush(r.Market);
        if (_cancelWhenAccepted.Remove(r.ClientId)) SendCancel(r.Market, r.ClientId);
    }

    private void OnCancel(CancelOrder cancel)
    {
        if (_tracker.IsFinished(cancel.ClientId)) return; // already filled or canceled; the stream has said so
        if (!_tracker.TryGetVenueId(cancel.ClientId, out _))
        {
            _cancelWhenAccepted.Add(cancel.ClientId); // placement still in flight
            return;
        }
        SendCancel(cancel.Market, cancel.ClientId);
    }

    private void SendCancel(string market, string clientId)
    {
        if (!_tracker.TryGetVenueId(clientId, out string venueId)) return;
        _rest.CancelOrderAsync(venueId).PipeTo(Self,
            success: _ => new CancelAnswered(market, clientId, null),
            failure: e => new CancelAnswered(market, clientId, e));
    }

    private void OnCancelAnswered(CancelAnswered answer)
    {
        // Success: the CANCELED update follows on the stream. A 400 means the order already finished, which the
        // stream reports too; anything else is retried once the stream or a reconciliation tells us more.
        if (answer.Error is { } e && e is not DydxApiException { StatusCode: System.Net.HttpStatusCode.BadRequest })
            _log.Warning("cancel of {0} failed: {1}", answer.ClientId, e.Message);
    }

    private void OnAccountUpdate(V3AccountActivity update)
    {
        var now = Now;
        foreach (var market in _markets.Keys)
        {
            _tracker.Update(update.Orders.Where(o => o.Market == market).ToList(), update.Fills.Where(f => f.Market == market).ToList(), now, _reports);
            Flush(market);
        }
        foreach (var p in update.FundingPayments)
        {
            if (!_markets.TryGetValue(p.Market, out var m)) continue;
            var payment = new Engine.Core.Portfolio.FundingPayment(p.Market, p.Rate ?? 0m, Price.FromDecimal(p.Price ?? 0m),
                Quantity.FromDecimal(p.PositionSize ?? 0m), p.Payment, Timestamp.FromDateTimeOffset(p.EffectiveAt));
            m.Account.Tell(new FundingPaid(payment));
        }
    }

    /// <summary>
    /// Asks REST for the state of every unfinished order and the latest fills: after a stream reconnect (updates may
    /// have been missed) and whenever the stream is silent too long. The answer is handled like a stream message;
    /// the tracker ignores what it has already reported.
    /// </summary>
    private void OnReconcile(ReconcileOrders reconcile)
    {
        var requester = Sender;
        var ids = _tracker.UnfinishedVenueIds;
        ReconcileAsync(reconcile.Market, ids).PipeTo(Self,
            success: update => new Reconciled(update, new OrdersReconciled(reconcile.Market, ids.Count, update.Fills.Count), requester),
            failure: e => new Reconciled(null, new Status.Failure(e), requester));
    }

    private void OnReconciled(Reconciled done)
    {
        if (done.Update is not null) OnAccountUpdate(done.Update);
        done.Requester.Tell(done.Reply);
    }

    private async Task<V3AccountActivity> ReconcileAsync(string market, IReadOnlyList<string> venueIds)
    {
        var orders = new List<V3Order>(venueIds.Count);
        foreach (var id in venueIds) orders.Add(await _rest.GetOrderAsync(id).ConfigureAwait(false));
        var fills = await _rest.GetFillsAsync(new FillsQuery { Market = market, Limit = 100 }).ConfigureAwait(false);
        // Oldest first, as the stream would have delivered them.
        return new V3AccountActivity(orders, fills.OrderBy(f => f.CreatedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList(), []);
    }

    private void OnCancelEverything(CancelEverything cancel)
    {
        var requester = Sender;
        _rest.CancelAllOrdersAsync(cancel.Market).PipeTo(requester,
            success: orders => new EverythingCanceled(cancel.Market, orders.Count),
            failure: e => new Status.Failure(e));
    }

    private void Flush(string market)
    {
        if (_reports.Count == 0) return;
        if (_markets.TryGetValue(market, out var m)) m.Orders.Tell(new VenueReports(market, [.. _reports]));
        else _log.Warning("reports for unattached market {0} dropped: {1}", market, _reports.Count);
        _reports.Clear();
    }

    // v3 expirations count whole milliseconds (the signature covers the hour they fall in).
    private static DateTimeOffset Expiration(Timestamp t) =>
        DateTimeOffset.FromUnixTimeMilliseconds(t.Nanos / Timestamp.NanosPerMillisecond);

    private sealed record OrderReadyToPlace(OrderRequest Request, DateTimeOffset Expiration, object Signature);
    private sealed record PlacementAnswered(OrderRequest Request, V3Order? Order, Exception? Error);
    private sealed record LookUpPlacement(OrderRequest Request);
    private sealed record Reconciled(V3AccountActivity? Update, object Reply, IActorRef Requester);
    private sealed record CancelAnswered(string Market, string ClientId, Exception? Error);
}

/// <summary>What the venue needs besides the client: the STARK network, the account's position id and the fee cap.</summary>
public sealed record DydxVenueSettings(int NetworkId, ulong PositionId, decimal LimitFee);

/// <summary>One v3_accounts message (or a REST reconciliation) for the venue to translate.</summary>
public sealed record V3AccountActivity(IReadOnlyList<V3Order> Orders, IReadOnlyList<V3Fill> Fills, IReadOnlyList<V3FundingPayment> FundingPayments);

/// <summary>Brings the venue's view of one market's orders and fills up to date over REST; answers <see cref="OrdersReconciled"/>.</summary>
public sealed record ReconcileOrders(string Market);
public sealed record OrdersReconciled(string Market, int OrdersChecked, int FillsSeen);

/// <summary>Cancels every order of the account in a market at the venue (start-up and shutdown: no orphans).</summary>
public sealed record CancelEverything(string Market);
public sealed record EverythingCanceled(string Market, int Count);
