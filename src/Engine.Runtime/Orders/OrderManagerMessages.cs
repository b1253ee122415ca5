using System.Collections.Immutable;
using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Runtime.Orders;

/// <summary>Strategy → order manager: cancel these client ids, place these quotes (prices/sizes already quantized).</summary>
public sealed record ApplyQuotes(Timestamp Time, ImmutableArray<string> Cancels, ImmutableArray<QuoteIntent> Places);

/// <summary>One order the strategy wants; the order manager assigns the client id.</summary>
public sealed record QuoteIntent(Side Side, Price Price, Quantity Size, bool PostOnly, TimeInForce TimeInForce, Timestamp Expiration);

/// <summary>Venue → order manager: what happened to our orders, in venue order.</summary>
public sealed record VenueReports(string Market, ImmutableArray<Engine.Core.Venue.ExecutionReport> Reports);

/// <summary>Order manager → strategy: our working orders after a change.</summary>
public sealed record WorkingOrdersChanged(string Market, ImmutableArray<OrderRecord> Orders);

/// <summary>Order manager → strategy and account: a fill of one of our orders (already de-duplicated).</summary>
public sealed record OrderFillBooked(Fill Fill, bool OrderCompleted);

/// <summary>Cancel every working order (shutdown); replies <see cref="AllOrdersCanceled"/> once the venue confirmed each.</summary>
public sealed record CancelAllOrders(Timestamp Time);
public sealed record AllOrdersCanceled(string Market, int Count);

/// <summary>Queries.</summary>
public sealed record GetOrderState
{
    public static readonly GetOrderState Instance = new();
}
public sealed record OrderState(string Market, OrderLedgerSnapshot Ledger);
