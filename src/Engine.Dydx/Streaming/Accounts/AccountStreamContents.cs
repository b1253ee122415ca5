using Engine.Dydx.Rest.Models;

namespace Engine.Dydx.Streaming.Accounts;

/// <summary>
/// contents of the v3_accounts `subscribed` message: the account with equity and freeCollateral (sent only here),
/// its open orders, recent transfers and funding payments. Fills are not included: after a reconnect they are
/// reconciled over REST.
/// </summary>
public sealed record AccountSubscribedContents
{
    public required Account Account { get; init; }
    public IReadOnlyList<Order> Orders { get; init; } = [];
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];
    public IReadOnlyList<FundingPayment> FundingPayments { get; init; } = [];
}

/// <summary>contents of a v3_accounts `channel_data` message; a fill arrives together with its order, position and balance.</summary>
public sealed record AccountChannelContents
{
    public IReadOnlyList<Fill> Fills { get; init; } = [];
    public IReadOnlyList<Position> Positions { get; init; } = [];
    public IReadOnlyList<Order> Orders { get; init; } = [];
    public IReadOnlyList<AccountBalance> Accounts { get; init; } = [];
    public IReadOnlyList<Transfer> Transfers { get; init; } = [];
    public IReadOnlyList<FundingPayment> FundingPayments { get; init; } = [];
}
