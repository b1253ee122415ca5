using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Engine.Stark.Assets;
using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Pedersen;
using Engine.Stark.Signing;

namespace Engine.Stark.Orders;

/// <summary>
/// Quantises, hashes and signs v3 limit orders. Thread-safe: the only mutable state is a cache of the
/// asset half of the order hash per (synthetic, collateral, side), which turns the first two of the four
/// Pedersen hashes and the first half of the third into one dictionary lookup.
/// </summary>
public sealed class StarkOrderSigner
{
    private readonly MarketCatalog _markets;
    private readonly ConcurrentDictionary<(UInt256 Synthetic, UInt256 Collateral, StarkOrderSide Side), PedersenPrefix> _assetPrefixes = new();

    public StarkOrderSigner(MarketCatalog markets) => _markets = markets;

    public static StarkOrderSigner Default { get; } = new(MarketCatalog.Default);

    public MarketCatalog Markets => _markets;

    public bool TryQuantize(StarkOrder order, out QuantizedOrder quantized, [NotNullWhen(false)] out string? error)
    {
        quantized = default;
        if (order.Market is null || !_markets.TryGet(order.Market, out var synthetic))
        {
            error = $"unknown market '{order.Market}'";
            return false;
        }
        if (!CollateralAssets.TryGet(order.NetworkId, out var collateral))
        {
            error = $"unknown network id {order.NetworkId} (known: {string.Join(", ", CollateralAssets.NetworkIds.Order())})";
            return false;
        }
        return OrderQuantization.TryQuantize(order, synthetic, collateral, out quantized, out error);
    }

    public QuantizedOrder Quantize(StarkOrder order) =>
        TryQuantize(order, out var quantized, out var error) ? quantized : throw new StarkOrderException(error);

    public UInt256 Hash(StarkOrder order) => Hash(Quantize(order));

    /// <summary>H(H(H(H(sellAsset, buyAsset), feeAsset), word1), word2).</summary>
    public UInt256 Hash(in QuantizedOrder order)
    {
        var assets = _assetPrefixes.GetOrAdd((order.SyntheticAssetId, order.CollateralAssetId, order.Side), static (_, o) => AssetPrefix(o), order);
        var withAmounts = PedersenHash.HashWithPrefix(assets, OrderPacking.Word1(order));
        return PedersenHash.Hash(withAmounts, OrderPacking.Word2(order));
    }

    /// <summary>Throws <see cref="StarkOrderException"/> for an unrepresentable order and
    /// <see cref="StarkSigningException"/> for the ~2^-55 messages StarkEx cannot verify (change the clientId).</summary>
    public SignedStarkOrder Sign(StarkOrder order, StarkPrivateKey key)
    {
        var quantized = Quantize(order);
        var hash = Hash(quantized);
        return new SignedStarkOrder(quantized, hash, key.Sign(hash));
    }

    public bool TrySign(StarkOrder order, StarkPrivateKey key, [NotNullWhen(true)] out SignedStarkOrder? signed, [NotNullWhen(false)] out string? error)
    {
        signed = null;
        if (!TryQuantize(order, out var quantized, out error)) return false;
        try
        {
            var hash = Hash(quantized);
            signed = new SignedStarkOrder(quantized, hash, key.Sign(hash));
            return true;
        }
        catch (StarkSigningException e)
        {
            error = e.Message;
            return false;
        }
    }

    public bool Verify(StarkOrder order, StarkSignature signature, StarkPublicKey key) =>
        TryQuantize(order, out var quantized, out _) && key.Verify(Hash(quantized), signature);

    private static PedersenPrefix AssetPrefix(in QuantizedOrder order) =>
        PedersenHash.Prefix(PedersenHash.Hash(PedersenHash.Hash(order.SellAssetId, order.BuyAssetId), order.FeeAssetId));
}
