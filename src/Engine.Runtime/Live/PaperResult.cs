using Engine.Core.Orders;
using Engine.Dydx.Streaming;
using Engine.Runtime.Account;
using V3Fill = Engine.Dydx.Rest.Models.Fill;

namespace Engine.Runtime.Live;

/// <summary>A finished paper run: the engine's view (ledger, account) next to the exchange's (fills, open orders, position).</summary>
public sealed record PaperResult(
    string RunId,
    string Market,
    OrderLedgerSnapshot Ledger,
    AccountReport Engine,
    int CanceledAtShutdown,
    IReadOnlyList<V3Fill> VenueFills,
    int VenueOpenOrders,
    decimal VenuePosition,
    StreamCounters MarketData,
    int NetworkId,
    Book.BookStatistics Book)
{
    /// <summary>
    /// Fills, fees and position agree between the engine and the exchange, to the last digit: as many fills, every
    /// fill the engine lists is one of the exchange's (all of them unless the run outgrew its fill retention).
    /// </summary>
    public bool Reconciled
    {
        get
        {
            var engineFillIds = Engine.Fills.Select(f => f.FillId).ToHashSet(StringComparer.Ordinal);
            return Engine.FillCount == VenueFills.Count &&
                   engineFillIds.Count == Engine.Fills.Count &&
                   engineFillIds.IsSubsetOf(VenueFills.Select(v => v.Id)) &&
                   Engine.Fees == VenueFills.Sum(f => f.Fee) &&
                   Engine.Position.ToDecimal() == VenuePosition;
        }
    }
}
