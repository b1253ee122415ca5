using Engine.Stark.Numerics;

namespace Engine.Stark.Orders;

/// <summary>An order in StarkEx integers: everything that goes into the order hash.</summary>
public readonly record struct QuantizedOrder(
    int NetworkId,
    string Market,
    StarkOrderSide Side,
    ulong PositionId,
    UInt256 SyntheticAssetId,
    UInt256 CollateralAssetId,
    ulong QuantumsSynthetic,
    ulong QuantumsCollateral,
    ulong QuantumsFee,
    uint Nonce,
    uint ExpirationEpochHours)
{
    public UInt256 SellAssetId => Side == StarkOrderSide.Buy ? CollateralAssetId : SyntheticAssetId;
    public UInt256 BuyAssetId => Side == StarkOrderSide.Buy ? SyntheticAssetId : CollateralAssetId;
    public ulong SellAmount => Side == StarkOrderSide.Buy ? QuantumsCollateral : QuantumsSynthetic;
    public ulong BuyAmount => Side == StarkOrderSide.Buy ? QuantumsSynthetic : QuantumsCollateral;

    /// <summary>The fee is always paid in the collateral asset.</summary>
    public UInt256 FeeAssetId => CollateralAssetId;
}
