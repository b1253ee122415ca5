using Engine.Core.Primitives;

namespace Engine.Sandbox.Exchange.Money;

/// <summary>
/// USD amounts settle in 1e-6 units (USDC quantums; v3 writes balances, fees and funding with six decimals).
/// Notionals are exact products; fees and funding payments are rounded to that grid here, in one place.
/// </summary>
public static class Usd
{
    public const int Decimals = 6;
    private const decimal Scale = 1_000_000m;

    /// <summary>
    /// Fee = size × price × rate rounded UP to 1e-6 (simulator choice, undocumented in v3: the v3 clients sign the
    /// maximum fee rounded up, so a ceiling never charges more than the signed limit allows).
    /// </summary>
    public static decimal Fee(Quantity size, Price price, decimal rate) =>
        Math.Ceiling(size.Abs().Notional(price) * rate * Scale) / Scale;

    /// <summary>Funding payment −S × P × R, rounded half away from zero to 1e-6 (simulator choice).</summary>
    public static decimal FundingPayment(Quantity signedSize, Price oraclePrice, decimal rate) =>
        Math.Round(-signedSize.Notional(oraclePrice) * rate, Decimals, MidpointRounding.AwayFromZero);

    public static bool IsOnGrid(decimal amount) => amount * Scale == decimal.Truncate(amount * Scale);
}
