using System.Text.Json;
using Engine.Dydx.Feed;
using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Streaming.Accounts;

/// <summary>
/// The v3_accounts channel as typed updates. A `subscribed` message (first subscription, or the one every
/// reconnect or resync brings) re-seeds the account, its open orders and its funding history; `channel_data`
/// messages become fills, orders, positions, funding payments, balance and transfer updates. Fills are
/// de-duplicated by id (never by timestamp: two fills of one order can share it) and funding payments by market
/// and time, also across REST reconciliation. A message is parsed whole before anything is emitted, so a
/// malformed one changes nothing (the owner resubscribes). Pure and single-threaded.
/// </summary>
public sealed class AccountStream(int rememberedFills = 50_000)
{
    private readonly RecentKeys<string> _fills = new(rememberedFills);
    private readonly RecentKeys<(string Market, DateTimeOffset At)> _funding = new(rememberedFills);

    public AccountStreamCounters Counters { get; } = new();

    /// <summary>The account id the channel's frames carry.</summary>
    public string? AccountId { get; private set; }

    /// <summary>The account as of the latest seed (equity and freeCollateral are only ever sent there).</summary>
    public Account? SeededAccount { get; private set; }

    /// <summary>The latest quote balance: from the seed, then from every balance update.</summary>
    public decimal? QuoteBalance { get; private set; }

    /// <summary>False until a snapshot arrives, and again after the connection was lost or messages were missed.</summary>
    public bool IsSeeded { get; private set; }

    /// <summary>
    /// Applies one v3_accounts frame, appending its updates. Returns false for a malformed frame (nothing applied;
    /// resubscribe to re-seed).
    /// </summary>
    public bool OnFrame(in FrameHeader header, ReadOnlySpan<byte> frame, List<AccountStreamUpdate> updates)
    {
        if (header.Channel != Channel.Accounts || !header.HasContents) return true;
        try
        {
            switch (header.Type)
            {
                case FrameType.Subscribed:
                    var snapshot = JsonSerializer.Deserialize<AccountSubscribedContents>(header.Contents(frame), DydxJson.Options)
                                   ?? throw new JsonException("contents is null");
                    Seed(header.Id, snapshot, updates);
                    return true;
                case FrameType.ChannelData:
                    var contents = JsonSerializer.Deserialize<AccountChannelContents>(header.Contents(frame), DydxJson.Options)
                                   ?? throw new JsonException("contents is null");
                    Apply(contents, updates);
                    return true;
                case FrameType.ChannelBatchData:
                    var batch = JsonSerializer.Deserialize<List<AccountChannelContents>>(header.Contents(frame), DydxJson.Options)
                                ?? throw new JsonException("contents is null");
                    foreach (var item in batch) Apply(item, updates);
                    return true;
                default:
                    return true;
            }
        }
        catch (JsonException)
        {
            Counters.MalformedFrames++;
            return false;
        }
    }

    /// <summary>A fill from REST reconciliation: true (and remembered) if the stream has not delivered it.</summary>
    public bool TryRecordFill(Fill fill)
    {
        if (_fills.Add(fill.Id)) return true;
        Counters.DuplicateFills++;
        return false;
    }

    /// <summary>A funding payment from REST (GET /v3/funding): true if not seen before.</summary>
    public bool TryRecordFundingPayment(FundingPayment payment)
    {
        if (_funding.Add((payment.Market, payment.EffectiveAt))) return true;
        Counters.DuplicateFundingPayments++;
        return false;
    }

    /// <summary>The connection dropped or lost messages: state is unknown until the next snapshot.</summary>
    public void OnStreamInterrupted() => IsSeeded = false;

    private void Seed(string? accountId, AccountSubscribedContents snapshot, List<AccountStreamUpdate> updates)
    {
        bool reseed = SeededAccount is not null;
        AccountId = accountId ?? snapshot.Account.Id;
        SeededAccount = snapshot.Account;
        QuoteBalance = snapshot.Account.QuoteBalance;
        IsSeeded = true;
        Counters.Seeds++;
        if (reseed) Counters.Reseeds++;
        updates.Add(new AccountSeeded(snapshot.Account, snapshot.Orders, snapshot.FundingPayments, snapshot.Transfers, reseed));
        foreach (var payment in snapshot.FundingPayments)
        {
            // The first snapshot's payments are history; after a reseed, the ones paid during the outage are news.
            bool isNew = _funding.Add((payment.Market, payment.EffectiveAt));
            if (isNew && reseed)
            {
                Counters.FundingPayments++;
                updates.Add(new FundingPaymentReceived(payment));
            }
        }
    }

    private void Apply(AccountChannelContents contents, List<AccountStreamUpdate> updates)
    {
        Counters.Updates++;
        if (!IsSeeded) Counters.UpdatesBeforeSeed++;
        // Fills first, so that an order reported FILLED in the same message finds its fills already known.
        foreach (var fill in contents.Fills)
        {
            if (!_fills.Add(fill.Id))
            {
                Counters.DuplicateFills++;
                continue;
            }
            Counters.Fills++;
            updates.Add(new FillReceived(fill));
        }
        foreach (var order in contents.Orders) updates.Add(new OrderUpdated(order));
        foreach (var position in contents.Positions) updates.Add(new PositionUpdated(position));
        foreach (var payment in contents.FundingPayments)
        {
            if (!_funding.Add((payment.Market, payment.EffectiveAt)))
            {
                Counters.DuplicateFundingPayments++;
                continue;
            }
            Counters.FundingPayments++;
            updates.Add(new FundingPaymentReceived(payment));
        }
        foreach (var balance in contents.Accounts)
        {
            QuoteBalance = balance.QuoteBalance;
            updates.Add(new AccountBalanceUpdated(balance));
        }
        foreach (var transfer in contents.Transfers) updates.Add(new TransferUpdated(transfer));
    }
}
