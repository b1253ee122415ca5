using Engine.Core.Primitives;
using Engine.Sandbox.Exchange.Accounts;
using Engine.Sandbox.Exchange.Fills;
using Engine.Sandbox.Exchange.Funding;
using Engine.Sandbox.Exchange.Markets;
using Engine.Sandbox.Exchange.Orders;
using Engine.Sandbox.Exchange.Queries;

namespace Engine.Sandbox.Exchange.Events;

/// <summary>
/// A change the WebSocket layer turns into channel messages. <see cref="Sequence"/> numbers the exchange's whole
/// stream (1, 2, 3, ...) so the caller can order and de-duplicate; <see cref="At"/> is the exchange time of the change.
/// </summary>
public abstract record ExchangeEvent
{
    public long Sequence { get; init; }
    public Timestamp At { get; init; }
}

/// <summary>
/// v3_orderbook channel_data: the new ABSOLUTE public size at each changed price (0 = removed), all under one offset
/// from the market's strictly increasing counter. Bids best first, asks best first.
/// </summary>
public sealed record OrderbookChanged(string Market, long Offset, IReadOnlyList<PublicBookLevel> Bids, IReadOnlyList<PublicBookLevel> Asks)
    : ExchangeEvent;

/// <summary>v3_trades channel_data: new public trades, oldest first (v3 sent newest first; reverse when writing).</summary>
public sealed record PublicTradesPrinted(string Market, IReadOnlyList<PublicTradeView> Trades) : ExchangeEvent;

/// <summary>v3_markets channel_data: only the fields that changed are non-null.</summary>
public sealed record MarketChanged(string Market) : ExchangeEvent
{
    public MarketStatus? Status { get; init; }
    public Price? OraclePrice { get; init; }
    public Price? IndexPrice { get; init; }
    public decimal? NextFundingRate { get; init; }
    public Timestamp? NextFundingAt { get; init; }
}

/// <summary>
/// v3_accounts channel_data for one account: everything one exchange step changed, together (as v3 sent a fill
/// with its order, position(s) and the new balance). Orders and positions are their latest state in that step.
/// </summary>
public sealed record AccountChanged(
    string AccountId,
    IReadOnlyList<OrderView> Orders,
    IReadOnlyList<FillView> Fills,
    IReadOnlyList<PositionView> Positions,
    AccountBalanceView? Account,
    IReadOnlyList<FundingPaymentView> FundingPayments) : ExchangeEvent;
