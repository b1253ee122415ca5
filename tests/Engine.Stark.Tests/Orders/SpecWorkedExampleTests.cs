using Engine.Stark.Keys;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Engine.Stark.Pedersen;
using Engine.Stark.Signing;
using Xunit;

namespace Engine.Stark.Tests.Orders;

/// <summary>
/// docs/stark-signing.md §5.7: a mainnet order with every intermediate value, checked against the reference
/// library by the spec's author. It is the only published end-to-end vector on network 1.
/// </summary>
public sealed class SpecWorkedExampleTests
{
    private static readonly StarkPrivateKey Key = StarkPrivateKey.ParseHex("58c7d5a90b1776bde86ebac077e053ed85b0f7164f53b080304a531947f46e3");

    public static readonly StarkOrder Order = new(
        1, 12345, "BTC-USD", StarkOrderSide.Sell,
        ExactDecimal.Parse("0.0123"), ExactDecimal.Parse("43251.7"), ExactDecimal.Parse("0.0005"),
        "mm-000001", DateTimeOffset.Parse("2024-05-01T12:30:00.000Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Quantized_fields()
    {
        var q = StarkOrderSigner.Default.Quantize(Order);
        Assert.Equal(UInt256.ParseHex("0x4254432d3130000000000000000000"), q.SyntheticAssetId);
        Assert.Equal(UInt256.ParseHex("0x02893294412a4c8f915f75892b395ebbf6859ec246ec365c3b1f56f47c3a0a5d"), q.CollateralAssetId);
        Assert.Equal(123000000UL, q.QuantumsSynthetic);
        Assert.Equal(531995910UL, q.QuantumsCollateral);
        Assert.Equal(265998UL, q.QuantumsFee);
        Assert.Equal(2455781400U, q.Nonce);
        Assert.Equal(476437U, q.ExpirationEpochHours);
    }

    [Fact]
    public void Packed_words_and_every_intermediate_hash()
    {
        var q = StarkOrderSigner.Default.Quantize(Order);
        var word1 = OrderPacking.Word1(q);
        var word2 = OrderPacking.Word2(q);
        Assert.Equal("00000000000000000754d4c0000000001fb59d060000000000040f0e92604018", word1.ToHex());
        Assert.Equal("0006000000000000607200000000000060720000000000006072000e8a2a0000", word2.ToHex());

        var h1 = PedersenHash.Hash(q.SellAssetId, q.BuyAssetId);
        var h2 = PedersenHash.Hash(h1, q.FeeAssetId);
        var h3 = PedersenHash.Hash(h2, word1);
        var h4 = PedersenHash.Hash(h3, word2);
        Assert.Equal("070ca94706f3932bfaada984edfc6103beadc4714afac8427ed44084761ffdc7", h1.ToHex());
        Assert.Equal("0625db17447c279adb075171aa4d18d1b1d28c84be96bf74726f995fd2254cee", h2.ToHex());
        Assert.Equal("00c3c6b75247cdc2e1b60d7daf3b03b24e428a23b9a4e655a8be0d1478f3a192", h3.ToHex());
        Assert.Equal("06f54b073a3e98dfb58cf0e24435c205183dc2b7b2676eafd5dc5925dd009139", h4.ToHex());
        Assert.Equal(h4, StarkOrderSigner.Default.Hash(Order));
    }

    [Fact]
    public void Nonce_and_signature()
    {
        var hash = StarkOrderSigner.Default.Hash(Order);
        var nonces = new DeterministicNonce(Key.Value, hash);
        Assert.Equal("0533894474b63d01bef7c82752821b179bad646ae0dc9671ff321c8b3409b6a4", nonces.Next().ToHex());
        Assert.Equal(1, nonces.Draws);

        var signed = StarkOrderSigner.Default.Sign(Order, Key);
        Assert.Equal("0321f759cc223b7b799dd108357b21d82cd6fdc9ed940a2f1c6cd2ac74eca225", signed.Signature.R.ToHex());
        Assert.Equal("056af1951f788af1c6d7f9b111c62989527fcd0fef1ee3f665d1628d9c5240db", signed.Signature.S.ToHex());
        Assert.Equal(128, signed.SignatureHex.Length);
        Assert.Equal(signed.Signature.R.ToHex() + signed.Signature.S.ToHex(), signed.SignatureHex);
        Assert.True(StarkOrderSigner.Default.Verify(Order, signed.Signature, Key.PublicKey));
        Assert.False(StarkOrderSigner.Default.Verify(Order with { ClientId = "mm-000002" }, signed.Signature, Key.PublicKey));
    }

    /// <summary>§5.7: "the mainnet value of that same order" (the published ETH-USD test order on network 1).</summary>
    [Fact]
    public void Published_test_order_on_mainnet()
    {
        var order = new StarkOrder(1, 12345, "ETH-USD", StarkOrderSide.Buy, ExactDecimal.Parse("145.0005"), ExactDecimal.Parse("350.00067"),
            ExactDecimal.Parse("0.125"), "This is an ID that the client came up with to describe this order",
            DateTimeOffset.Parse("2020-09-17T04:15:55.028Z", System.Globalization.CultureInfo.InvariantCulture));
        var signed = StarkOrderSigner.Default.Sign(order, Key);
        Assert.Equal("023e5e21b01530bf738ba46d93b0970c5abe6fdd3b55758ada056c0ca3b8bee3", signed.Signature.R.ToHex());
        Assert.Equal("056b984070ae9c32e3c32b3a31d236f3f9f8d3080bb5f63cf68dc61b696243da", signed.Signature.S.ToHex());
    }

    [Fact]
    public void A_fresh_signer_and_the_cached_default_agree()
    {
        var fresh = new StarkOrderSigner(Engine.Stark.Assets.MarketCatalog.Default);
        foreach (var side in new[] { StarkOrderSide.Buy, StarkOrderSide.Sell })
        {
            var order = Order with { Side = side };
            var expected = StarkOrderSigner.Default.Sign(order, Key);
            Assert.Equal(expected, fresh.Sign(order, Key));
            Assert.Equal(expected, StarkOrderSigner.Default.Sign(order, Key));
        }
    }
}
