using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Engine.Core.Book;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Recording;
using Engine.Runtime.Hosting;
using Engine.Runtime.Orders;
using Engine.Runtime.Pipeline;
using Engine.Simulation;

namespace Engine.Runtime.Venue;

/// <summary>
/// The simulated dYdX venue. It keeps its own copy of each market's recorded book (built from the same frames
/// with the same codecs), matches our orders against it through <see cref="SimulatedMarket"/> (queue position,
/// trade-through and cross fills, maker/taker fees, v3 validation texts), pays hourly funding from the markets
/// channel, and reports everything to the market's order manager in venue order.
/// </summary>
public sealed class SimulatedVenueActor : ReceiveActor
{
    private readonly SimulationSettings _settings;
    private readonly Dictionary<string, VenueMarket> _markets = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SimulatedVenueActor(SimulationSettings settings)
    {
        _settings = settings;
        Receive<AttachMarket>(a => _markets[a.Market] = new VenueMarket(a.Market, a.Orders, a.Account));
        Receive<MarketFrames>(OnFrames);
        Receive<SubmitOrder>(OnSubmit);
        Receive<CancelOrder>(OnCancel);
        Receive<RouteBarrier>(b => b.PassOn(Self));
        Receive<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public static Props Props(SimulationSettings settings) => Akka.Actor.Props.Create(() => new SimulatedVenueActor(settings));

    private void OnFrames(MarketFrames message)
    {
        if (!_markets.TryGetValue(message.Market, out var m)) return;
        var batch = message.Batch;
        for (int i = 0; i < batch.Count; i++)
        {
            var frame = batch.Frame(i);
            var time = batch.ReceivedAt(i);
            if (!FrameHeaderReader.TryRead(frame, out var header)) continue; // the book actor counts and logs these
            if (header.Id is not null && header.Id != m.Name && header.Channel != Channel.Markets) continue;
            switch (header.Channel)
            {
                case Channel.Orderbook:
                    if (OrderbookCodec.Apply(header, frame, m.Book) != BookFrameResult.Malformed)
                        m.Matching?.OnBookUpdated(time, m.Reports);
                    break;
                case Channel.Trades when header.HasContents:
                    m.Trades.Clear();
                    if (TradesCodec.TryRead(header.Contents(frame), m.Trades) && m.Matching is { } matching)
                        foreach (var t in m.Trades) matching.OnTrade(t.TakerSide, t.Price, t.Size, time, m.Reports);
                    break;
                case Channel.Markets when header.HasContents:
                    m.MarketUpdates.Clear();
                    if (MarketsCodec.TryRead(header.Contents(frame), m.MarketUpdates, out _))
                        foreach (var u in m.MarketUpdates)
                            if (u.Market == m.Name) OnMarketUpdate(m, u, time);
                    break;
            }
            m.Matching?.ExpireOrders(time, m.Reports);
            // One settlement per call: a frame after a long quiet spell may owe several hours.
            while (m.Funding.TryAccrue(time, m.Position, out var payment))
                m.Account.Tell(new FundingPaid(payment));
            Flush(m);
        }
    }

    private void OnMarketUpdate(VenueMarket m, MarketUpdate update, Timestamp time)
    {
        m.State = m.State is null ? update : m.State.Merge(update);
        m.Funding.OnMarketUpdate(time, update.NextFundingRate, update.OraclePrice ?? update.IndexPrice);
        if (m.Matching is null && m.State.TryGetRules(out var rules))
        {
            IQueueModel queue = _settings.QueueModel == "risk-averse" ? new RiskAverseQueueModel() : new ProbabilisticQueueModel(_settings.QueuePower);
            m.Matching = new SimulatedMarket(rules, new FeeSchedule(_settings.MakerFee, _settings.TakerFee), queue, m.Book);
            m.Book.Observer = m.Matching;
        }
    }

    private void OnSubmit(SubmitOrder submit)
    {
        if (!_markets.TryGetValue(submit.Request.Market, out var m)) return;
        if (m.Matching is null)
            m.Reports.Add(new Engine.Core.Venue.OrderRejected(submit.Request.ClientId, $"Market {submit.Request.Market} is not trading yet", submit.Time));
        else
            m.Matching.Submit(submit.Request, submit.Time, m.Reports);
        Flush(m);
    }

    private void OnCancel(CancelOrder cancel)
    {
        if (!_markets.TryGetValue(cancel.Market, out var m)) return;
        if (m.Matching is null)
            m.Reports.Add(new Engine.Core.Venue.OrderRejected(cancel.ClientId, $"No order found with clientId {cancel.ClientId}", cancel.Time));
        else
            m.Matching.Cancel(cancel.ClientId, cancel.Time, m.Reports);
        Flush(m);
    }

    private static void Flush(VenueMarket m)
    {
        if (m.Reports.Count == 0) return;
        foreach (var r in m.Reports)
            if (r is Engine.Core.Venue.OrderFilled f)
                m.Position += f.Fill.Side == Side.Buy ? f.Fill.Size : -f.Fill.Size;
        m.Orders.Tell(new VenueReports(m.Name, [.. m.Reports]));
        m.Reports.Clear();
    }

    /// <summary>The venue's state for one market.</summary>
    private sealed class VenueMarket(string name, IActorRef orders, IActorRef account)
    {
        public string Name { get; } = name;
        public IActorRef Orders { get; } = orders;
        public IActorRef Account { get; } = account;
        public OrderBook Book { get; } = new(name);
        public SimulatedMarket? Matching { get; set; }
        public MarketUpdate? State { get; set; }
        public FundingClock Funding { get; } = new(name);
        public Quantity Position { get; set; }
        public List<ExecutionReport> Reports { get; } = new(16);
        public List<PublicTrade> Trades { get; } = new(16);
        public List<MarketUpdate> MarketUpdates { get; } = new(4);
    }
}

/// <summary>Tells the venue where one market's reports and funding go.</summary>
public sealed record AttachMarket(string Market, IActorRef Orders, IActorRef Account);
