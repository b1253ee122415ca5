using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Portfolio;

/// <summary>
/// Holder of the current <see cref="PortfolioState"/>. Transitions are the state's pure functions; this class only
/// swaps the reference, so any earlier <see cref="State"/> stays a valid snapshot.
/// </summary>
public sealed class Portfolio
{
    public Portfolio(decimal startingCollateral) => State = PortfolioState.Create(startingCollateral);

    public Portfolio(PortfolioState state) => State = state;

    public PortfolioState State { get; private set; }

    public PortfolioState ApplyFill(Fill fill) => State = State.ApplyFill(fill);

    public PortfolioState ApplyFunding(FundingPayment payment) => State = State.ApplyFunding(payment);

    public PositionState Position(string market) => State.Position(market);

    public decimal UnrealizedPnl(string market, Price mark) => State.UnrealizedPnl(market, mark);

    public decimal Equity(Func<string, Price?> marks) => State.Equity(marks);
}
