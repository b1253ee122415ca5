using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Runtime.Venue;

/// <summary>Order manager → venue.</summary>
public sealed record SubmitOrder(OrderRequest Request, Timestamp Time);
public sealed record CancelOrder(string Market, string ClientId, Timestamp Time);

/// <summary>Venue → account: an hourly funding payment on our position.</summary>
public sealed record FundingPaid(Engine.Core.Portfolio.FundingPayment Payment);
