using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using Engine.Core.Markets;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Simulation.Tests;

/// <summary>A simulated BTC-USD market on a test book, plus request helpers. Tick 1, step 0.001, min size 0.01.</summary>
internal sealed class Venue
{
    public static readonly Timestamp T0 = new(1_700_000_000L * Timestamp.NanosPerSecond);
    public static readonly MarketRules Rules = new(
        "BTC-USD", Price.Parse("1"), Quantity.Parse("0.001"), Quantity.Parse("0.01"),
        0.05m, 0.03m, Quantity.Parse("9"), Quantity.Parse("1"), 0.01m, Quantity.Parse("170"));

    public Venue(IQueueModel? queueModel = null, FeeSchedule? fees = null)
    {
        Market = new SimulatedMarket(Rules, fees ?? FeeSchedule.V3Default, queueModel ?? RiskAverseQueueModel.Instance, Book);
        Book.Observer = Market;
    }

    public TestBook Book { get; } = new();
    public SimulatedMarket Market { get; }
    public List<ExecutionReport> Reports { get; } = new();

    public static OrderRequest Req(string id, Side side, string price, string size,
        TimeInForce tif = TimeInForce.Gtt, bool postOnly = false, Timestamp? expiration = null) =>
        new(id, "BTC-USD", side, Price.Parse(price), Quantity.Parse(size), tif, postOnly, expiration ?? T0.AddNanos(Timestamp.NanosPerHour));

    /// <summary>Runs one venue call and returns only the reports it produced.</summary>
    public List<ExecutionReport> Do(Action<SimulatedMarket, List<ExecutionReport>> action)
    {
        int start = Reports.Count;
        action(Market, Reports);
        return Reports.GetRange(start, Reports.Count - start);
    }

    public List<ExecutionReport> Submit(OrderRequest request, Timestamp? now = null) => Do((m, o) => m.Submit(request, now ?? T0, o));
    public List<ExecutionReport> Cancel(string id, Timestamp? now = null) => Do((m, o) => m.Cancel(id, now ?? T0, o));
    public List<ExecutionReport> Trade(Side taker, string price, string size, Timestamp? now = null) =>
        Do((m, o) => m.OnTrade(taker, Price.Parse(price), Quantity.Parse(size), now ?? T0, o));
    public List<ExecutionReport> BookUpdated(Timestamp? now = null) => Do((m, o) => m.OnBookUpdated(now ?? T0, o));

    public static Quantity Q(string s) => Quantity.Parse(s);
    public static Price P(string s) => Price.Parse(s);
}
