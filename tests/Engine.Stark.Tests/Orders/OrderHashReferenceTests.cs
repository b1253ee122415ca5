using System.Numerics;
using CsCheck;
using Engine.Stark.Assets;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Engine.Stark.Tests.Reference;
using Xunit;

namespace Engine.Stark.Tests.Orders;

/// <summary>
/// The order hash for arbitrary field values against an independent computation: the packed words built with
/// BigInteger shifts straight from docs §5.6 and the bit-by-bit BouncyCastle Pedersen reference.
/// </summary>
public sealed class OrderHashReferenceTests
{
    private static readonly SyntheticAsset[] Markets = MarketCatalog.Default.Assets.ToArray();
    private static readonly int[] Networks = CollateralAssets.NetworkIds.ToArray();

    private static readonly Gen<QuantizedOrder> AnyQuantizedOrder =
        Gen.Select(Gen.Int[0, Markets.Length - 1], Gen.Int[0, Networks.Length - 1], Gen.Bool, Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, Gen.UInt)
            .Select(Gen.UInt, (t, hours) =>
            {
                var (m, n, buy, position, synthetic, collateral, fee, nonce) = t;
                var asset = Markets[m];
                return new QuantizedOrder(Networks[n], asset.Market, buy ? StarkOrderSide.Buy : StarkOrderSide.Sell, position,
                    asset.AssetId, CollateralAssets.ForNetwork(Networks[n]).AssetId, synthetic, collateral, fee, nonce, hours);
            });

    [Fact]
    public void Packed_words_equal_the_BigInteger_layout() =>
        AnyQuantizedOrder.Sample(q =>
        {
            Assert.Equal(ReferenceWord1(q), OrderPacking.Word1(q).ToBigInteger());
            Assert.Equal(ReferenceWord2(q), OrderPacking.Word2(q).ToBigInteger());
        }, iter: 1000);

    [Fact]
    public void Order_hash_equals_the_reference_chain() =>
        AnyQuantizedOrder.Sample(q =>
        {
            bool buy = q.Side == StarkOrderSide.Buy;
            var (sell, buyAsset) = buy ? (q.CollateralAssetId, q.SyntheticAssetId) : (q.SyntheticAssetId, q.CollateralAssetId);
            var h = ReferencePedersen.Hash(sell, buyAsset);
            h = ReferencePedersen.Hash(h, q.CollateralAssetId);
            h = ReferencePedersen.Hash(h, UInt256.FromBigInteger(ReferenceWord1(q)));
            h = ReferencePedersen.Hash(h, UInt256.FromBigInteger(ReferenceWord2(q)));
            Assert.Equal(h, StarkOrderSigner.Default.Hash(q));
        }, iter: 25);

    private static BigInteger ReferenceWord1(QuantizedOrder q)
    {
        bool buy = q.Side == StarkOrderSide.Buy;
        BigInteger sellAmount = buy ? q.QuantumsCollateral : q.QuantumsSynthetic;
        BigInteger buyAmount = buy ? q.QuantumsSynthetic : q.QuantumsCollateral;
        return (sellAmount << 160) | (buyAmount << 96) | (new BigInteger(q.QuantumsFee) << 32) | q.Nonce;
    }

    private static BigInteger ReferenceWord2(QuantizedOrder q)
    {
        BigInteger position = q.PositionId;
        return (new BigInteger(3) << 241) | (position << 177) | (position << 113) | (position << 49) | (new BigInteger(q.ExpirationEpochHours) << 17);
    }
}
