using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Streaming.Accounts;

/// <summary>A typed change of the account, in the order the stream reported it.</summary>
public abstract record AccountStreamUpdate;

/// <summary>
/// The account was (re)seeded from a `subscribed` message. After a reseed (<see cref="IsReseed"/>) the owner must
/// reconcile fills over REST (GET /v3/fills) and feed them through <see cref="AccountStream.TryRecordFill"/>: the
/// snapshot carries no fills, and fills of the outage were never streamed.
/// </summary>
public sealed record AccountSeeded(Account Account, IReadOnlyList<Order> OpenOrders, IReadOnlyList<FundingPayment> FundingPayments,
    IReadOnlyList<Transfer> Transfers, bool IsReseed) : AccountStreamUpdate;

public sealed record OrderUpdated(Order Order) : AccountStreamUpdate;

/// <summary>A fill seen for the first time (by id).</summary>
public sealed record FillReceived(Fill Fill) : AccountStreamUpdate;

public sealed record PositionUpdated(Position Position) : AccountStreamUpdate;

/// <summary>A funding payment seen for the first time (by market and effectiveAt).</summary>
public sealed record FundingPaymentReceived(FundingPayment Payment) : AccountStreamUpdate;

/// <summary>The account's new quote balance (after a fill, funding or transfer).</summary>
public sealed record AccountBalanceUpdated(AccountBalance Balance) : AccountStreamUpdate;

public sealed record TransferUpdated(Transfer Transfer) : AccountStreamUpdate;
