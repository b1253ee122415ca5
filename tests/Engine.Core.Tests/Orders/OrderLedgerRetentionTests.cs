using CsCheck;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Xunit;

namespace Engine.Core.Tests.Orders;

/// <summary>
/// A ledger that keeps only the last N finished orders behaves exactly like one that keeps everything for every
/// order it still holds: same working orders, same answers to fills (duplicates included), and a snapshot taken
/// at any point restores to a ledger that goes on identically.
/// </summary>
public sealed class OrderLedgerRetentionTests
{
    private static readonly Quantity Unit = Quantity.Parse("0.001");

    private static OrderEvent Event((int Kind, int Order, int Variant) op, int step)
    {
        string id = OrderLedger.ClientId(7, op.Order);
        var at = new Timestamp(1_700_000_000_000_000_000 + step * 1_000_000L);
        return op.Kind switch
        {
            0 => new OrderSubmitted(new OrderRequest(id, "BTC-USD", Side.Buy, Price.Parse("30000"), Quantity.Parse("0.003"), TimeInForce.Gtt, true, at), at),
            1 => new OrderAcknowledged(id, $"v-{op.Order}", at),
            2 => new OrderFilled(new Fill($"f{op.Order}-{op.Variant}", id, "BTC-USD", Side.Buy, Price.Parse("30000"), Unit, 0.01m, Liquidity.Maker, at)),
            3 => new OrderCancelRequested(id, at),
            _ => new OrderCanceled(id, CancelReason.UserCanceled, at),
        };
    }

    private static readonly Gen<(int, int, int)> Op = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 7], Gen.Int[0, 3]);

    [Fact]
    public void A_bounded_ledger_agrees_with_an_unbounded_one_on_every_order_it_keeps()
    {
        Gen.Select(Op.List[0, 120], Gen.Int[0, 4], Gen.Int[0, 120]).Sample((ops, retain, cut) =>
        {
            var full = new OrderLedger();
            var bounded = new OrderLedger(retain);
            var finishedOrder = new List<string>();
            for (int i = 0; i < ops.Count; i++)
            {
                if (i == cut) bounded = OrderLedger.FromSnapshot(bounded.ToSnapshot(), retain); // a restart mid-way changes nothing
                var e = Event(ops[i], i);
                if (e is OrderSubmitted && full.TryGet(e.ClientId, out _)) continue; // client ids are never reused
                bool known = bounded.TryGet(e.ClientId, out _);
                bool wasFinished = full.TryGet(e.ClientId, out var before) && before.Status.IsTerminal();
                bool fullResult = full.Apply(e);
                bool boundedResult = bounded.Apply(e);
                if (known || e is OrderSubmitted) Assert.Equal(fullResult, boundedResult);
                if (!wasFinished && full.TryGet(e.ClientId, out var after) && after.Status.IsTerminal()) finishedOrder.Add(e.ClientId);

                Assert.Equal(full.Working.ToList(), bounded.Working.ToList());
                foreach (var (id, order) in bounded.All) Assert.Equal(full.All[id], order);
                // Exactly the newest `retain` finished orders are kept.
                var expected = finishedOrder.TakeLast(retain).ToHashSet();
                var kept = bounded.All.Values.Where(o => o.Status.IsTerminal()).Select(o => o.ClientId).ToHashSet();
                Assert.Equal(expected, kept);
            }
        });
    }

    [Fact]
    public void Without_a_bound_nothing_is_forgotten()
    {
        var ledger = new OrderLedger();
        for (int i = 0; i < 50; i++)
        {
            ledger.Apply(Event((0, i, 0), i));
            ledger.Apply(Event((4, i, 0), i));
        }
        Assert.Equal(50, ledger.All.Count);
        Assert.Equal(0, ledger.ForgottenOrders);
    }
}
