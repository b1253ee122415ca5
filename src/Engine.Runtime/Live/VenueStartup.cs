using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;

namespace Engine.Runtime.Live;

/// <summary>What the account held at the venue when a live run started, after leftovers were canceled.</summary>
/// <param name="Equity">the account's equity (v3: quote balance + Σ size × oracle price)</param>
/// <param name="Position">signed open position in the traded market (zero when flat)</param>
/// <param name="EntryPrice">the venue's average entry price of it (for the log)</param>
/// <param name="OraclePrice">the market's oracle price at start: the run adopts the position at it</param>
/// <param name="LeftoversCanceled">open orders found in the market and canceled</param>
public sealed record VenueStartState(decimal Equity, Quantity Position, decimal EntryPrice, decimal OraclePrice, int LeftoversCanceled);

/// <summary>
/// Start-up reconciliation of a live run, before anything quotes: the venue is the truth. Every open order in the
/// traded market is canceled (a crashed earlier run may have left quotes that would otherwise be orphans nobody
/// manages), confirmed gone, and the account's equity and position are read so the run starts from them. The
/// position is adopted at the oracle price, so the run's P&amp;L counts only what happens after it starts.
/// </summary>
public static class VenueStartup
{
    public static async Task<VenueStartState> PrepareAsync(DydxRestClient rest, string accountId, string market, TimeSpan confirmWithin,
        Action<string> log, CancellationToken cancellation = default)
    {
        var leftovers = await rest.GetActiveOrdersAsync(market, cancellation: cancellation).ConfigureAwait(false);
        if (leftovers.Count > 0)
        {
            log($"{market}: {leftovers.Count} open orders found on the account at start; canceling them before quoting");
            await rest.CancelAllOrdersAsync(market, cancellation).ConfigureAwait(false);
            var deadline = DateTimeOffset.UtcNow + confirmWithin;
            while ((await rest.GetActiveOrdersAsync(market, cancellation: cancellation).ConfigureAwait(false)).Count > 0)
            {
                if (DateTimeOffset.UtcNow > deadline)
                    throw new InvalidOperationException($"{market}: open orders left on the account could not be canceled within {confirmWithin}; not starting");
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation).ConfigureAwait(false);
            }
        }
        var account = await rest.GetAccountAsync(accountId, cancellation: cancellation).ConfigureAwait(false);
        var open = (await rest.GetPositionsAsync(new PositionsQuery { Market = market, Status = PositionStatus.Open }, cancellation).ConfigureAwait(false))
            .FirstOrDefault(p => p.Market == market);
        var size = open is null ? Quantity.Zero : Quantity.FromDecimal(open.Size);
        decimal oracle = 0m;
        if (!size.IsZero)
        {
            var markets = await rest.GetMarketsAsync(market, cancellation).ConfigureAwait(false);
            oracle = markets.TryGetValue(market, out var m) && m.OraclePrice is { } p && p > 0
                ? p
                : throw new InvalidOperationException($"{market}: no oracle price to value the open position at; not starting");
            log($"{market}: the account holds {size} (entry {open!.EntryPrice}); the run adopts it at the oracle price {oracle}");
        }
        return new VenueStartState(account.Equity, size, size.IsZero ? 0m : open!.EntryPrice, oracle, leftovers.Count);
    }
}
