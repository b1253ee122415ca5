using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Core.Portfolio;

/// <summary>
/// Average-cost position in one market. All money is exact decimal USD. <see cref="CostBasis"/> (signed: Size × average
/// entry) is stored rather than the average price, because an average can be a repeating fraction while the basis is a
/// plain sum of price × size products. <see cref="RealizedPnl"/> excludes fees and funding, which are kept separately
/// in <see cref="FeesPaid"/> (positive = paid) and <see cref="NetFunding"/> (positive = received).
/// </summary>
public sealed record PositionState(
    string Market,
    Quantity Size,
    decimal CostBasis,
    decimal RealizedPnl,
    decimal FeesPaid,
    decimal NetFunding,
    decimal Volume,
    long FillCount)
{
    /// <summary>Digits kept when a partial reduce splits the basis; far below a cent and still exact in sums.</summary>
    public const int BasisDecimals = 18;

    public static PositionState Empty(string market) => new(market, Quantity.Zero, 0m, 0m, 0m, 0m, 0m, 0);

    /// <summary>Average entry price (0 when flat). Derived from the basis, so it may carry a rounded last digit.</summary>
    public decimal EntryPrice => Size.IsZero ? 0m : CostBasis / Size.ToDecimal();

    /// <summary>Size × mark − basis; exactly zero when flat whatever the history.</summary>
    public decimal UnrealizedPnl(Price mark) => Size.IsZero ? 0m : Size.Notional(mark) - CostBasis;

    /// <summary>Signed market value Size × mark.</summary>
    public decimal MarketValue(Price mark) => Size.Notional(mark);

    public PositionState ApplyFill(Fill fill)
    {
        Quantity delta = fill.Side == Side.Buy ? fill.Size : -fill.Size;
        Quantity size = Size;
        decimal basis = CostBasis;
        decimal realized = RealizedPnl;

        if (size.IsZero || (size.Units > 0) == (delta.Units > 0))
        {
            // Opening or increasing: the basis is the exact sum of what was paid.
            basis += delta.Notional(fill.Price);
            size += delta;
        }
        else
        {
            Quantity absSize = size.Abs();
            Quantity absDelta = delta.Abs();
            Quantity closed = Quantity.Min(absSize, absDelta);
            // A full close removes the whole basis (no division); a partial one removes its pro-rata share. Whatever
            // rounding happens there moves between realized and basis, so realized + unrealized stays exact.
            decimal removed = closed == absSize
                ? basis
                : Math.Round(basis * closed.ToDecimal() / absSize.ToDecimal(), BasisDecimals, MidpointRounding.ToEven);
            Quantity closedSigned = size.Units > 0 ? closed : -closed;
            realized += closedSigned.Notional(fill.Price) - removed;
            basis -= removed;
            size += delta;
            if (absDelta > absSize)
            {
                // Flipped through zero: the remainder opens a fresh position at the fill price.
                basis = size.Notional(fill.Price);
            }
            else if (size.IsZero)
            {
                basis = 0m;
            }
        }

        return this with
        {
            Size = size,
            CostBasis = basis,
            RealizedPnl = realized,
            FeesPaid = FeesPaid + fill.Fee,
            Volume = Volume + fill.Size.Notional(fill.Price),
            FillCount = FillCount + 1,
        };
    }

    public PositionState ApplyFunding(FundingPayment payment) => this with { NetFunding = NetFunding + payment.Payment };
}
