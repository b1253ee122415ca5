using Engine.Core.Primitives;
using Engine.Dydx.Rest;
using Engine.Dydx.Rest.Models;

namespace Engine.Runtime.Live;

/// <summary>What the account held at the venue when a live run started, after leftovers were canceled.</summary>
/// <param name="QuoteBalance">USDC quote balance (v3: collateral minus what open positions cost).</param>
/// <param name="Position">signed open position in the traded market (zero when flat)</param>
/// <param name="EntryPrice">its average entry price (0 when flat)</param>
/// <param name="LeftoversCanceled">open orders found in the market and canceled</param>
public sealed record VenueStartState(decimal QuoteBalance, Quantity Position, decimal EntryPrice, int LeftoversCanceled)
{
    /// <summary>The run's starting equity, valuing the position at its entry: Q + size × entry.</summary>
    public decimal StartingEquity => QuoteBalance + Position.ToDecimal() * EntryPrice;
}

/// <summary>
/// Start-up reconciliation of a live run, before anything quotes: the venue is the truth. Every open order in the
/// traded market is canceled (a crashed earlier run may have left quotes that would otherwise be orphans nobody
/// manages), confirmed gone, and the account's position and balance are read so the run starts from them.
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
        if (!size.IsZero) log($"{market}: the account holds {size} at {open!.EntryPrice}; the run starts from that position");
        return new VenueStartState(account.QuoteBalance, size, size.IsZero ? 0m : open!.EntryPrice, leftovers.Count);
    }
}
