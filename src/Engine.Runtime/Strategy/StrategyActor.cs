using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Core.Strategy;
using Engine.Runtime.Account;
using Engine.Runtime.Book;
using Engine.Runtime.Orders;
using Engine.Runtime.Pipeline;

namespace Engine.Runtime.Strategy;

/// <summary>
/// A thin shell around the pure <see cref="PerpetualMarketMaker"/>: it keeps the latest working orders, position
/// and market rules it is told about, runs the strategy at each clock tick, and forwards the decision to the
/// order manager. A restart loses only derived state: orders and position are re-sent on re-subscription.
/// </summary>
public sealed class StrategyActor : ReceiveActor
{
    private readonly MarketMakingParameters _parameters;
    private readonly IActorRef _orders;
    private readonly IActorRef _account;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private MarketRules? _rules;
    private MarketMakerState _state = MarketMakerState.Initial;
    private IReadOnlyList<WorkingOrder> _working = [];
    private Quantity _position = Quantity.Zero;
    private long _ticks, _decisions;

    public StrategyActor(MarketMakingParameters parameters, IActorRef orders, IActorRef account)
    {
        _parameters = parameters;
        _orders = orders;
        _account = account;

        Receive<MarketRulesUpdated>(m => _rules = m.Rules);
        Receive<WorkingOrdersChanged>(w => _working = w.Orders
            .Select(o => new WorkingOrder(o.ClientId, o.Request.Side, o.Request.Price, o.Remaining, o.CreatedAt, o.Status))
            .ToImmutableArray());
        Receive<PositionChanged>(p => { if (p.Market == _parameters.Market) _position = p.Size; });
        Receive<OrderFillBooked>(f => _state = PerpetualMarketMaker.OnFill(_state, f.Fill, f.OrderCompleted, f.Fill.Time, _parameters));
        Receive<StrategyTick>(OnTick);
        Receive<RouteBarrier>(b => b.PassOn(Self));
        Receive<GetStrategyStatus>(_ => Sender.Tell(new StrategyStatus(_parameters.Market, _state, _ticks, _decisions, _rules is not null)));
        Receive<SimulateFailure>(f => throw new InjectedFailureException(f.Reason));
    }

    public static Props Props(MarketMakingParameters parameters, IActorRef orders, IActorRef account) =>
        Akka.Actor.Props.Create(() => new StrategyActor(parameters, orders, account));

    protected override void PreStart()
    {
        _orders.Tell(new SubscribeOrders(Self));
        _account.Tell(new SubscribePosition(Self));
    }

    private void OnTick(StrategyTick tick)
    {
        _ticks++;
        if (_rules is null)
        {
            if (_ticks == 1) _log.Warning("{Market}: no market rules yet (waiting for a v3_markets frame); not quoting", _parameters.Market);
            return;
        }
        var context = new QuoteContext(tick.Time, tick.Book, tick.LastTradePrice, _position, _working);
        (_state, var decision) = PerpetualMarketMaker.OnTick(_state, context, _parameters, _rules);
        if (decision.Cancels.Count == 0 && decision.Places.Count == 0) return;
        _decisions++;
        var expiration = tick.Time.AddNanos(_parameters.OrderExpiration.Ticks * 100L);
        _orders.Tell(new ApplyQuotes(
            tick.Time,
            [.. decision.Cancels],
            [.. decision.Places.Select(p => new QuoteIntent(p.Side, p.Price, p.Size, _parameters.PostOnly, TimeInForce.Gtt, expiration))]));
    }
}

public sealed record GetStrategyStatus { public static readonly GetStrategyStatus Instance = new(); }
public sealed record StrategyStatus(string Market, MarketMakerState State, long Ticks, long Decisions, bool HasRules);
