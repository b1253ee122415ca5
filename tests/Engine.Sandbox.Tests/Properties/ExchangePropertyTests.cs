using CsCheck;
using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Events;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;
using Engine.Sandbox.Tests.Support;
using Xunit;

namespace Engine.Sandbox.Tests.Properties;

/// <summary>Invariants over random call sequences (CsCheck shrinks a failure to a minimal script).</summary>
public sealed class ExchangePropertyTests
{
    [Fact]
    public void Trades_between_users_conserve_money_and_positions() =>
        Op.UsersOnly.Sample(ops =>
        {
            var (h, accounts) = Op.NewExchange();
            Op.Run(h, accounts, ops);
            decimal balanceChanges = 0m, fees = 0m;
            long netSize = 0;
            foreach (var id in accounts)
            {
                var account = h.Account(id);
                balanceChanges += account.QuoteBalance - Op.Collateral;
                fees += AllFills(h, id).Sum(f => f.Fee);
                netSize += account.OpenPositions.Values.Sum(p => p.Size.Units);
            }
            Assert.Equal(0m, balanceChanges + fees);
            Assert.Equal(0L, netSize);
            // Every maker fill has its taker: equal volume on both sides of the book.
            var allFills = accounts.SelectMany(id => AllFills(h, id)).ToList();
            Assert.Equal(allFills.Where(f => f.Side == Side.Buy).Sum(f => f.Size.Units), allFills.Where(f => f.Side == Side.Sell).Sum(f => f.Size.Units));
        }, iter: 150);

    [Fact]
    public void Book_offsets_strictly_increase_and_replaying_the_changes_gives_the_book() =>
        Op.Everything.Sample(ops =>
        {
            var (h, accounts) = Op.NewExchange();
            h.Drain();
            Op.Run(h, accounts, ops);
            var replica = new Dictionary<(Side, long), long>();
            long last = 0;
            foreach (var change in h.Drain().OfType<OrderbookChanged>())
            {
                Assert.True(change.Offset > last, $"offset {change.Offset} after {last}");
                last = change.Offset;
                Assert.True(change.Bids.Count + change.Asks.Count > 0);
                foreach (var level in change.Bids) Set(Side.Buy, level, change.Offset);
                foreach (var level in change.Asks) Set(Side.Sell, level, change.Offset);
            }
            var book = h.Exchange.GetOrderbook(Harness.Btc).Unwrap();
            Assert.Equal(last, book.Offset);
            Assert.Equal(book.Bids.Select(l => (Side.Buy, l.Price.Units, l.Size.Units)).Concat(book.Asks.Select(l => (Side.Sell, l.Price.Units, l.Size.Units))).ToHashSet(),
                replica.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value)).ToHashSet());

            void Set(Side side, PublicBookLevel level, long offset)
            {
                Assert.Equal(offset, level.Offset);
                if (level.Size.IsZero) Assert.True(replica.Remove((side, level.Price.Units)), "removed a level that was never published");
                else replica[(side, level.Price.Units)] = level.Size.Units;
            }
        }, iter: 150);

    [Fact]
    public void Equity_is_quote_plus_positions_at_oracle_and_reconciles_with_the_fills() =>
        Op.Everything.Sample(ops =>
        {
            var (h, accounts) = Op.NewExchange();
            Op.Run(h, accounts, ops);
            var oracle = h.Exchange.GetMarket(Harness.Btc).Unwrap().OraclePrice;
            foreach (var id in accounts)
            {
                var account = h.Account(id);
                decimal marked = account.OpenPositions.Values.Sum(p => p.Size.Notional(oracle));
                Assert.Equal(account.QuoteBalance + marked, account.Equity);

                // Independently: V = deposit + Σ fills signed size × (oracle − price) − fees + funding.
                decimal fromFills = AllFills(h, id).Sum(f => (f.Side == Side.Buy ? f.Size : -f.Size).ToDecimal() * (oracle.ToDecimal() - f.Price.ToDecimal()) - f.Fee);
                decimal funding = AllFunding(h, id).Sum(f => f.Payment);
                Assert.Equal(Op.Collateral + fromFills + funding, account.Equity);

                // Positions agree with the fills.
                long fromFillsSize = AllFills(h, id).Sum(f => f.Side == Side.Buy ? f.Size.Units : -f.Size.Units);
                Assert.Equal(fromFillsSize, account.OpenPositions.Values.Sum(p => p.Size.Units));
            }
        }, iter: 150);

    [Fact]
    public void No_crossed_book_after_any_step() =>
        Op.Everything.Sample(ops =>
        {
            var (h, accounts) = Op.NewExchange();
            Op.Run(h, accounts, ops, op =>
            {
                if (op is Op.Place or Op.Cancel) return; // accepted orders are not in the book until processed
                var book = h.Exchange.GetOrderbook(Harness.Btc).Unwrap();
                if (book.Bids.Count > 0 && book.Asks.Count > 0)
                    Assert.True(book.Bids[0].Price < book.Asks[0].Price, $"public book crossed {book.Bids[0].Price} >= {book.Asks[0].Price} after {op}");
                var open = accounts.SelectMany(id => h.Exchange.GetOrders(id, new OrderQuery { Statuses = new HashSet<V3OrderStatus> { V3OrderStatus.Open } }).Unwrap()).ToList();
                var bestBid = open.Where(o => o.Side == Side.Buy).Select(o => o.Price).DefaultIfEmpty(Price.Zero).Max();
                var bestAsk = open.Where(o => o.Side == Side.Sell).Select(o => o.Price).DefaultIfEmpty(new Price(long.MaxValue)).Min();
                Assert.True(bestBid < bestAsk, $"user orders crossed {bestBid} >= {bestAsk} after {op}");
                // Resting orders are exactly the public book's user part.
                Assert.All(open, o => Assert.True(o.RemainingSize.Units > 0));
            });
        }, iter: 150);

    [Fact]
    public void The_same_calls_give_the_same_exchange() =>
        Op.Everything.Sample(ops =>
        {
            var (a, accountsA) = Op.NewExchange();
            var (b, accountsB) = Op.NewExchange();
            Op.Run(a, accountsA, ops);
            Op.Run(b, accountsB, ops);
            Assert.Equal(accountsA, accountsB);
            foreach (var id in accountsA)
            {
                Assert.Equal(AllFills(a, id), AllFills(b, id));
                Assert.Equal(a.Exchange.GetOrders(id, AllStatuses).Unwrap(), b.Exchange.GetOrders(id, AllStatuses).Unwrap());
                Assert.Equal(a.Account(id).QuoteBalance, b.Account(id).QuoteBalance);
            }
            Assert.Equal(a.Exchange.GetOrderbook(Harness.Btc).Unwrap().Bids, b.Exchange.GetOrderbook(Harness.Btc).Unwrap().Bids);
            Assert.Equal(a.Exchange.GetOrderbook(Harness.Btc).Unwrap().Asks, b.Exchange.GetOrderbook(Harness.Btc).Unwrap().Asks);
        }, iter: 50);

    private static readonly OrderQuery AllStatuses = new()
    {
        Statuses = Enum.GetValues<V3OrderStatus>().ToHashSet(),
    };

    /// <summary>All fills of an account, paging through the 100-per-page API.</summary>
    private static List<Engine.Sandbox.Exchange.Fills.FillView> AllFills(Harness h, string account)
    {
        var all = new List<Engine.Sandbox.Exchange.Fills.FillView>();
        Timestamp? before = null;
        while (true)
        {
            var page = h.Exchange.GetFills(account, new FillQuery { CreatedBeforeOrAt = before }).Unwrap();
            var fresh = page.Where(f => all.All(x => x.Id != f.Id)).ToList();
            if (fresh.Count == 0) return all;
            all.AddRange(fresh);
            if (page.Count < QueryLimits.Max) return all;
            before = page[^1].CreatedAt;
        }
    }

    private static IEnumerable<Engine.Sandbox.Exchange.Funding.FundingPaymentView> AllFunding(Harness h, string account) =>
        h.Exchange.GetFundingPayments(account).Unwrap(); // fewer than 100 hours per script
}
