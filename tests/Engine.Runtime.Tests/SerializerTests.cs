using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Runtime.Account;
using Engine.Runtime.Persistence;
using Xunit;

namespace Engine.Runtime.Tests;

public sealed class SerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer", TestConfigs.InMemory);

    private static readonly OrderRequest Request = new("1000000007", "BTC-USD", Side.Buy, Price.Parse("30000.5"), Quantity.Parse("0.0125"),
        TimeInForce.Gtt, true, new Timestamp(1_700_000_000_000_000_000));
    private static readonly Fill AFill = new("BTC-USD-3", "1000000007", "BTC-USD", Side.Buy, Price.Parse("30000.5"), Quantity.Parse("0.01"),
        0.15000250m, Liquidity.Maker, new Timestamp(1_700_000_000_500_000_000));

    public static TheoryData<object> Samples() =>
    [
        new OrderSubmitted(Request, new Timestamp(5)),
        new OrderAcknowledged("1000000007", "v-1", new Timestamp(6)),
        new OrderCancelRequested("1000000007", new Timestamp(7)),
        new Engine.Core.Orders.OrderCanceled("1000000007", CancelReason.PostOnlyWouldCross, new Timestamp(8)),
        new Engine.Core.Orders.OrderRejected("1000000007", "Order size must be at least minOrderSize 0.001", new Timestamp(9)),
        new Engine.Core.Orders.OrderFilled(AFill),
        new FillBooked(AFill),
        new MarkRecorded("BTC-USD", Price.Parse("30001"), new Timestamp(10)),
        new OpeningPositionAdopted("BTC-USD", Quantity.Parse("-0.25"), 30123.456789m),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Persisted_types_round_trip_through_the_bound_serializer(object sample)
    {
        var serializer = _system.Serialization.FindSerializerFor(sample);
        Assert.IsType<EngineSerializer>(serializer);
        string manifest = Serialization.ManifestFor(serializer, sample);
        byte[] bytes = serializer.ToBinary(sample);
        Assert.DoesNotContain("Engine.", Encoding.UTF8.GetString(bytes)); // no CLR type names in stored rows
        Assert.DoesNotContain("Engine.", manifest);
        Assert.Equal(sample, ((SerializerWithStringManifest)serializer).FromBinary(bytes, manifest));
    }

    [Fact]
    public void Ledger_snapshot_round_trips()
    {
        var ledger = new OrderLedger();
        ledger.Apply(new OrderSubmitted(Request, new Timestamp(1)));
        ledger.Apply(new Engine.Core.Orders.OrderFilled(AFill));
        var snapshot = ledger.ToSnapshot();
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(snapshot);
        var back = (OrderLedgerSnapshot)serializer.FromBinary(serializer.ToBinary(snapshot), serializer.Manifest(snapshot));
        var restored = OrderLedger.FromSnapshot(back);
        Assert.Equal(ledger.ToSnapshot().Orders, restored.ToSnapshot().Orders);
        Assert.True(restored.HasFill(AFill.FillId));
        Assert.Equal(ledger.NextClientSequence, restored.NextClientSequence);
    }

    [Fact]
    public void A_bounded_ledger_snapshot_round_trips_with_its_retention_order_and_fill_owners()
    {
        var ledger = new OrderLedger(retainFinished: 1);
        ledger.Apply(new OrderSubmitted(Request, new Timestamp(1)));
        ledger.Apply(new Engine.Core.Orders.OrderFilled(AFill));
        var second = Request with { ClientId = "1000000008" };
        ledger.Apply(new OrderSubmitted(second, new Timestamp(2)));
        ledger.Apply(new Engine.Core.Orders.OrderCanceled(second.ClientId, CancelReason.UserCanceled, new Timestamp(3)));
        var snapshot = ledger.ToSnapshot();
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(snapshot);
        var back = (OrderLedgerSnapshot)serializer.FromBinary(serializer.ToBinary(snapshot), serializer.Manifest(snapshot));
        Assert.Equal(snapshot.FinishedOrder, back.FinishedOrder);
        Assert.Equal(snapshot.FillsByOrder!.Keys, back.FillsByOrder!.Keys);
        var restored = OrderLedger.FromSnapshot(back, retainFinished: 1);
        Assert.True(restored.HasFill(AFill.FillId)); // order 7 is still open (partly filled), so its fill is remembered
        // One more finished order pushes out the oldest finished one, with nothing else touched.
        var third = Request with { ClientId = "1000000009" };
        restored.Apply(new OrderSubmitted(third, new Timestamp(4)));
        restored.Apply(new Engine.Core.Orders.OrderRejected(third.ClientId, "no", new Timestamp(5)));
        Assert.False(restored.TryGet(second.ClientId, out _));
        Assert.True(restored.TryGet(Request.ClientId, out _));
        Assert.Equal(1, restored.ForgottenOrders);
    }

    [Fact]
    public void An_account_snapshot_round_trips_with_its_fill_totals()
    {
        var state = (AccountState.Create(5_000m) with { RetainFills = 1 })
            .Apply(new FillBooked(AFill))
            .Apply(new FillBooked(AFill with { FillId = "BTC-USD-4", Side = Side.Sell }))
            .Apply(new MarkRecorded("BTC-USD", Price.Parse("30001"), new Timestamp(10)));
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(state);
        var back = (AccountState)serializer.FromBinary(serializer.ToBinary(state), serializer.Manifest(state));
        Assert.Equal(state.Totals["BTC-USD"], back.Totals["BTC-USD"]);
        Assert.Equal(2, back.Report("BTC-USD").FillCount);
        Assert.Equal(["BTC-USD-4"], back.Fills.Select(f => f.FillId));
        Assert.Equal(state.Equity, back.Equity);
    }

    [Fact]
    public void Manifests_are_unique_and_unknown_ones_are_refused()
    {
        Assert.Equal(PersistedTypes.All.Count, PersistedTypes.All.Select(t => t.Manifest).Distinct().Count());
        var serializer = new EngineSerializer((ExtendedActorSystem)_system);
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "no-such.v1"));
        Assert.Throws<SerializationException>(() => serializer.Manifest(new object()));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
