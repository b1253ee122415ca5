using Engine.Core.Orders;
using Engine.Runtime.Account;

namespace Engine.Runtime.Persistence;

/// <summary>
/// Every type the engine stores, with its stable manifest. A stored manifest must never change meaning: to
/// change a type's shape, add a new manifest (".v2") and keep reading the old one.
/// </summary>
public static class PersistedTypes
{
    public static readonly IReadOnlyList<(Type Type, string Manifest)> All =
    [
        (typeof(OrderSubmitted), "order-submitted.v1"),
        (typeof(OrderAcknowledged), "order-acknowledged.v1"),
        (typeof(OrderCancelRequested), "order-cancel-requested.v1"),
        (typeof(Engine.Core.Orders.OrderCanceled), "order-canceled.v1"),
        (typeof(Engine.Core.Orders.OrderRejected), "order-rejected.v1"),
        (typeof(Engine.Core.Orders.OrderFilled), "order-filled.v1"),
        (typeof(OrderLedgerSnapshot), "order-ledger.v1"),
        (typeof(FillBooked), "account-fill.v1"),
        (typeof(FundingBooked), "account-funding.v1"),
        (typeof(MarkRecorded), "account-mark.v1"),
        (typeof(OpeningPositionAdopted), "account-opening-position.v1"),
        (typeof(AccountState), "account-state.v1"),
    ];
}
