using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Engine.Stark.Assets;
using Engine.Stark.Numerics;

namespace Engine.Stark.Orders;

/// <summary>
/// Human order amounts → StarkEx quantums, exactly as starkex-lib does it (docs/stark-signing.md §5.3):
/// synthetic = size·10^res, which must be an integer; collateral = size·price·10^6 rounded up for BUY and down
/// for SELL; fee = ceiling(floor6(limitFee)·collateral). Everything is exact decimal arithmetic; anything the
/// reference would round differently, or StarkEx could not hold, is refused with a reason.
/// </summary>
public static class OrderQuantization
{
    /// <summary>
    /// starkex-lib divides size·price by 10^-6 with big.js' 20 decimal places, so a product with more than
    /// 26 decimals loses digits there; such orders are refused rather than rounded one way or the other.
    /// </summary>
    public const int MaxCollateralDecimals = 26;

    private const int FeeDecimals = 6;
    private static readonly BigInteger QuantumLimit = BigInteger.One << 64;
    private static readonly BigInteger CollateralQuantaPerUnit = BigInteger.Pow(10, CollateralAsset.Resolution);

    public static bool TryQuantize(
        StarkOrder order,
        SyntheticAsset synthetic,
        CollateralAsset collateral,
        out QuantizedOrder quantized,
        [NotNullWhen(false)] out string? error)
    {
        quantized = default;
        if (order.Size.Sign <= 0) return Fail($"size {order.Size} must be positive", out error);
        if (order.Price.Sign <= 0) return Fail($"price {order.Price} must be positive", out error);
        if (order.LimitFee.Sign < 0) return Fail($"limitFee {order.LimitFee} must not be negative", out error);
        if (order.ClientId is null) return Fail("clientId is missing", out error);

        if (!order.Size.TryScaleExact(synthetic.Resolution, out var synthetics))
            return Fail($"size {order.Size} is not a multiple of the {synthetic.Market} quantum 1e-{synthetic.Resolution}", out error);
        if (synthetics >= QuantumLimit)
            return Fail($"size {order.Size} is {synthetics} quantums, beyond StarkEx's 64-bit amounts", out error);

        var notional = order.Size * order.Price;
        if (notional.Scale > MaxCollateralDecimals)
            return Fail($"size × price = {notional} has {notional.Scale} decimals; more than {MaxCollateralDecimals} cannot be signed as the reference client would", out error);
        var collaterals = order.Side == StarkOrderSide.Buy
            ? notional.CeilingScaled(CollateralAsset.Resolution)
            : notional.FloorScaled(CollateralAsset.Resolution);
        if (collaterals >= QuantumLimit)
            return Fail($"size × price = {notional} USDC is {collaterals} quantums, beyond StarkEx's 64-bit amounts", out error);

        // floor6 first (the fee rate has 6-decimal precision), then round the fee amount up.
        var feeMicros = order.LimitFee.FloorScaled(FeeDecimals);
        var feeNumerator = feeMicros * collaterals;
        var fee = BigInteger.DivRem(feeNumerator, CollateralQuantaPerUnit, out var feeRemainder);
        if (!feeRemainder.IsZero) fee += 1;
        if (fee >= QuantumLimit)
            return Fail($"limitFee {order.LimitFee} gives a fee of {fee} quantums, beyond StarkEx's 64-bit amounts", out error);

        if (!OrderExpiration.TryEpochHours(order.Expiration, out uint hours, out var expirationError))
            return Fail(expirationError!, out error);
        if (synthetic.AssetId.BitLength > SyntheticAsset.AssetIdBits)
            return Fail($"synthetic asset id of {synthetic.Market} exceeds {SyntheticAsset.AssetIdBits} bits", out error);
        if (collateral.AssetId.BitLength > CollateralAsset.AssetIdBits)
            return Fail($"collateral asset id of network {collateral.NetworkId} exceeds {CollateralAsset.AssetIdBits} bits", out error);

        quantized = new QuantizedOrder(
            order.NetworkId,
            synthetic.Market,
            order.Side,
            order.PositionId,
            synthetic.AssetId,
            collateral.AssetId,
            (ulong)synthetics,
            (ulong)collaterals,
            (ulong)fee,
            ClientIdNonce.From(order.ClientId),
            hours);
        error = null;
        return true;
    }

    private static bool Fail(string message, [NotNullWhen(false)] out string? error)
    {
        error = message;
        return false;
    }
}
