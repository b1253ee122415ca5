using Engine.Core.Orders;
using Engine.Core.Primitives;

namespace Engine.Simulation;

/// <summary>Fee rates of the simulated account (v3 defaults: maker 0.0005, taker 0.001; negative = rebate).</summary>
public sealed record FeeSchedule(decimal MakerRate, decimal TakerRate)
{
    public static readonly FeeSchedule V3Default = new(0.0005m, 0.001m);

    public decimal Rate(Liquidity liquidity) => liquidity == Liquidity.Maker ? MakerRate : TakerRate;

    /// <summary>Exact v3 fee: size × price × rate, in USD.</summary>
    public decimal Fee(Liquidity liquidity, Price price, Quantity size) => size.Notional(price) * Rate(liquidity);
}
