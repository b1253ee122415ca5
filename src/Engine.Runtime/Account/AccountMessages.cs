using Akka.Actor;
using Engine.Core.Orders;
using Engine.Core.Portfolio;
using Engine.Core.Primitives;
using Engine.Runtime.Persistence;

namespace Engine.Runtime.Account;

/// <summary>Registers an actor for <see cref="PositionChanged"/>; it gets the current positions at once.</summary>
public sealed record SubscribePosition(IActorRef Subscriber);

/// <summary>Account → strategy: the signed position in one market after a fill.</summary>
public sealed record PositionChanged(string Market, Quantity Size);

/// <summary>
/// Live start: the account already holds this position at the venue (left by an earlier run or opened by hand).
/// Booked once, before any fill, so inventory limits and P&amp;L start from the truth. Replies Done when durable.
/// </summary>
public sealed record AdoptOpeningPosition(string Market, Quantity Size, decimal EntryPrice);

/// <summary>Asks for the account's figures for one market.</summary>
public sealed record GetAccountReport(string Market);

/// <summary>The account's figures: what the run report is made of.</summary>
public sealed record AccountReport(
    string Market,
    IReadOnlyList<Fill> Fills,
    Quantity Position,
    decimal? EntryPrice,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal Fees,
    decimal Funding,
    decimal Volume,
    Quantity Bought,
    Quantity Sold,
    Price? Mark,
    decimal StartingEquity,
    decimal Equity,
    decimal MaxDrawdown)
{
    /// <summary>Every fill booked in the market (<see cref="Fills"/> lists the ones kept, all of them unless bounded).</summary>
    public long FillCount { get; init; } = Fills.Count;
}

// Journaled events and snapshot of the account (manifests in PersistedTypes).
public sealed record FillBooked(Fill Fill) : IPersistedMessage;
public sealed record FundingBooked(FundingPayment Payment) : IPersistedMessage;
public sealed record MarkRecorded(string Market, Price Price, Timestamp Time) : IPersistedMessage;
public sealed record OpeningPositionAdopted(string Market, Quantity Size, decimal EntryPrice) : IPersistedMessage;
