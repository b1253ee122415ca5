using CsCheck;
using Engine.Core.Orders;
using Engine.Core.Primitives;
using Engine.Dydx.Feed;
using Engine.Dydx.Markets;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Matching;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Tests.Support;

namespace Engine.Sandbox.Tests.Properties;

/// <summary>A random sequence of exchange calls around 30000 (tick 1), replayable on a <see cref="Harness"/>.</summary>
internal abstract record Op
{
    public sealed record Place(int Account, Side Side, int Ticks, int Lots, TimeInForce Tif, bool PostOnly) : Op;
    public sealed record Cancel(int Account, int Pick) : Op;
    public sealed record Process : Op;
    public sealed record Wait(int Seconds) : Op;
    public sealed record Background(Side Side, int Ticks, int Lots) : Op;
    public sealed record Trade(Side TakerSide, int Ticks, int Lots) : Op;
    public sealed record Oracle(int Ticks) : Op;

    public const int Accounts = 3;
    public const decimal Collateral = 1_000_000m;

    private static readonly Gen<Op> PlaceGen = Gen.Select(Gen.Int[0, Accounts - 1], Gen.Bool, Gen.Int[-6, 6], Gen.Int[1, 30], Gen.Int[0, 5], Gen.Int[0, 4])
        .Select(t => (Op)new Place(t.Item1, t.Item2 ? Side.Buy : Side.Sell, t.Item3, t.Item4,
            t.Item5 < 3 ? TimeInForce.Gtt : t.Item5 < 5 ? TimeInForce.Ioc : TimeInForce.Fok, t.Item6 == 0));

    private static readonly Gen<Op> CancelGen = Gen.Select(Gen.Int[0, Accounts - 1], Gen.Int[0, 1000]).Select(t => (Op)new Cancel(t.Item1, t.Item2));
    private static readonly Gen<Op> ProcessGen = Gen.Const((Op)new Process());
    private static readonly Gen<Op> WaitGen = Gen.Int[1, 30].Select(s => (Op)new Wait(s));
    private static readonly Gen<Op> BackgroundGen = Gen.Select(Gen.Bool, Gen.Int[-8, 8], Gen.Int[0, 40])
        .Select(t => (Op)new Background(t.Item1 ? Side.Buy : Side.Sell, t.Item2, t.Item3));
    private static readonly Gen<Op> TradeGen = Gen.Select(Gen.Bool, Gen.Int[-8, 8], Gen.Int[1, 40])
        .Select(t => (Op)new Trade(t.Item1 ? Side.Buy : Side.Sell, t.Item2, t.Item3));
    private static readonly Gen<Op> OracleGen = Gen.Int[-300, 300].Select(t => (Op)new Oracle(t));
    private static readonly Gen<Op> LongWaitGen = Gen.Int[600, 3600].Select(s => (Op)new Wait(s));

    /// <summary>Users only, within one funding hour: trades happen only between the accounts.</summary>
    public static readonly Gen<List<Op>> UsersOnly = Gen.Frequency((6, PlaceGen), (2, CancelGen), (3, ProcessGen), (1, WaitGen)).List[1, 80];

    /// <summary>Everything: background book and trades, oracle moves and hours passing (funding).</summary>
    public static readonly Gen<List<Op>> Everything = Gen.Frequency(
        (6, PlaceGen), (2, CancelGen), (3, ProcessGen), (1, WaitGen), (4, BackgroundGen), (2, TradeGen), (1, OracleGen), (1, LongWaitGen)).List[1, 120];

    public static Price At(int ticks) => new(Price.Parse("30000").Units + ticks * Price.Parse("1").Units);
    public static Quantity SizeOf(int lots) => new(lots * Quantity.Parse("0.01").Units);

    /// <summary>Runs the script; <paramref name="afterStep"/> sees the harness after every call. Ends with a final processing step.</summary>
    public static void Run(Harness h, IReadOnlyList<string> accounts, IEnumerable<Op> ops, Action<Op>? afterStep = null)
    {
        foreach (var op in ops)
        {
            Apply(h, accounts, op);
            afterStep?.Invoke(op);
        }
        h.Exchange.ProcessPending(h.Now);
        afterStep?.Invoke(new Process());
    }

    private static void Apply(Harness h, IReadOnlyList<string> accounts, Op op)
    {
        switch (op)
        {
            case Place p:
                h.Place(accounts[p.Account], h.Order(p.Side, At(p.Ticks).ToString(), SizeOf(p.Lots).ToString(), p.Tif, p.PostOnly && p.Tif == TimeInForce.Gtt));
                break;
            case Cancel c:
                var active = h.Exchange.GetOrders(accounts[c.Account]).Unwrap();
                if (active.Count > 0) h.Exchange.CancelOrder(accounts[c.Account], active[c.Pick % active.Count].Id, h.Now);
                break;
            case Process:
                h.Exchange.ProcessPending(h.Now);
                break;
            case Wait w:
                h.Advance(TimeSpan.FromSeconds(w.Seconds));
                h.Exchange.AdvanceTime(h.Now);
                break;
            case Background b:
                h.Exchange.ApplyBackgroundBook(Harness.Btc, false, [new BackgroundLevel(b.Side, At(b.Ticks), SizeOf(b.Lots))], h.Now);
                break;
            case Trade t:
                h.Exchange.ApplyBackgroundTrades(Harness.Btc, [new PublicTrade(t.TakerSide, At(t.Ticks), SizeOf(t.Lots), h.Now, false)], h.Now);
                break;
            case Oracle o:
                h.Exchange.ApplyMarketUpdate(new MarketUpdate(Harness.Btc) { OraclePrice = At(o.Ticks) }, h.Now);
                break;
        }
    }

    public static (Harness Harness, List<string> Accounts) NewExchange()
    {
        var h = new Harness();
        var accounts = Enumerable.Range(0, Accounts).Select(_ => h.NewAccount(Collateral)).ToList();
        return (h, accounts);
    }
}
