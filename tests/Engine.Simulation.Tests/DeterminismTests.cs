using Engine.Core.Venue;
using OrderCanceled = Engine.Core.Venue.OrderCanceled;
using OrderFilled = Engine.Core.Venue.OrderFilled;
using OrderRejected = Engine.Core.Venue.OrderRejected;
using CsCheck;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Simulation.Tests;

public class DeterminismTests
{
    private sealed record Op(int Kind, bool Buy, int Tick, int Lots, int Tif, bool PostOnly);

    private static readonly Gen<Op> OpGen =
        Gen.Select(Gen.Int[0, 5], Gen.Bool, Gen.Int[95, 105], Gen.Int[1, 30], Gen.Int[0, 2], Gen.Bool)
            .Select((k, b, t, l, tif, po) => new Op(k, b, t, l, tif, po));

    private static List<ExecutionReport> Run(IReadOnlyList<Op> ops, IQueueModel model, Dictionary<string, Quantity>? sizes = null)
    {
        var v = new Venue(model);
        var t = Venue.T0;
        int id = 0;
        foreach (var op in ops)
        {
            t = t.AddNanos(Timestamp.NanosPerSecond);
            var side = op.Buy ? Side.Buy : Side.Sell;
            var price = new Price(op.Tick * FixedPoint.Scale);
            var size = new Quantity(op.Lots * 10_000_000L); // multiples of 0.01
            switch (op.Kind)
            {
                case 0:
                    sizes?.Add((id + 1).ToString(), size);
                    v.Submit(new OrderRequest((++id).ToString(), "BTC-USD", side, price, size, (TimeInForce)op.Tif, op.PostOnly, t.AddNanos(600 * Timestamp.NanosPerSecond)), t);
                    break;
                case 1:
                    v.Cancel((id - op.Lots % 3).ToString(), t);
                    break;
                case 2:
                    v.Trade(side, price.ToString(), size.ToString(), t);
                    break;
                default:
                    // Keep the book uncrossed on its own: bids below 100, asks from 100.
                    var bookSide = op.Tick < 100 ? Side.Buy : Side.Sell;
                    v.Book.Set(bookSide, price.ToString(), op.Kind == 5 ? "0" : size.ToString());
                    v.BookUpdated(t);
                    break;
            }
        }
        return v.Reports;
    }

    [Fact]
    public void Same_inputs_give_identical_reports()
    {
        OpGen.List[1, 120].Sample(ops =>
        {
            foreach (IQueueModel model in new IQueueModel[] { RiskAverseQueueModel.Instance, new ProbabilisticQueueModel(3) })
            {
                var first = Run(ops, model);
                var second = Run(ops, model);
                Assert.Equal(first, second);
            }
        }, iter: 200);
    }

    [Fact]
    public void Fills_never_exceed_order_size_and_ids_are_unique()
    {
        OpGen.List[1, 120].Sample(ops =>
        {
            var sizes = new Dictionary<string, Quantity>();
            var reports = Run(ops, new ProbabilisticQueueModel(2), sizes);
            var fills = reports.OfType<OrderFilled>().Select(f => f.Fill).ToList();
            Assert.Equal(fills.Count, fills.Select(f => f.FillId).Distinct().Count());
            foreach (var group in fills.GroupBy(f => f.ClientId))
            {
                var last = reports.OfType<OrderFilled>().Last(f => f.ClientId == group.Key);
                long filled = group.Sum(f => f.Size.Units);
                Assert.True(last.RemainingSize.Units >= 0);
                Assert.Equal(sizes[group.Key].Units, filled + last.RemainingSize.Units);
            }
            Assert.All(fills, f => Assert.Equal(f.Size.Notional(f.Price) * (f.Liquidity == Liquidity.Maker ? 0.0005m : 0.001m), f.Fee));
        }, iter: 200);
    }
}
