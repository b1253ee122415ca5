using System.Numerics;
using CsCheck;
using Engine.Stark.Assets;
using Engine.Stark.Numerics;
using Engine.Stark.Orders;
using Xunit;

namespace Engine.Stark.Tests.Orders;

public sealed class QuantizationTests
{
    private static readonly SyntheticAsset[] Markets = MarketCatalog.Default.Assets.OrderBy(a => a.Market).ToArray();
    private static readonly DateTimeOffset Expiry = new(2024, 5, 1, 12, 30, 0, TimeSpan.Zero);

    private static StarkOrder Order(string market, StarkOrderSide side, string size, string price, string limitFee = "0.0005", int network = 1) =>
        new(network, 12345, market, side, ExactDecimal.Parse(size), ExactDecimal.Parse(price), ExactDecimal.Parse(limitFee), "mm-1", Expiry);

    /// <summary>Orders the exchange can take: sizes on the market's quantum, prices with up to 10 decimals.</summary>
    private static readonly Gen<StarkOrder> RepresentableOrder =
        Gen.Select(Gen.Int[0, Markets.Length - 1], Gen.Bool, Gen.Long[1, 100_000_000_000L], Gen.Int[0, 18], Gen.Long[1, 10_000_000_000L], Gen.Int[0, 10], Gen.Int[0, 20_000])
            .Select((m, buy, sizeUnits, sizeScale, priceUnits, priceScale, feeMicros) =>
            {
                var asset = Markets[m];
                return new StarkOrder(1, 7, asset.Market, buy ? StarkOrderSide.Buy : StarkOrderSide.Sell,
                    ExactDecimal.Create(sizeUnits, Math.Min(sizeScale, asset.Resolution)),
                    ExactDecimal.Create(priceUnits, priceScale),
                    ExactDecimal.Create(feeMicros, 7), "c", Expiry);
            })
            // Amounts beyond 64 bits are the rejection tests' business; any other refusal still fails the property.
            .Where(o => StarkOrderSigner.Default.TryQuantize(o, out _, out var error) || !error.Contains("64-bit"));

    [Fact]
    public void Representable_orders_quantize_exactly_and_round_trip() =>
        RepresentableOrder.Sample(order =>
        {
            Assert.True(StarkOrderSigner.Default.TryQuantize(order, out var q, out var error), error);
            MarketCatalog.Default.TryGet(order.Market, out var asset);

            // Synthetic: exact, and back to the same human size.
            Assert.Equal(order.Size, ExactDecimal.Create(q.QuantumsSynthetic, asset.Resolution));

            // Collateral: size·price·10^6 rounded up for BUY, down for SELL (compared as fractions).
            var numerator = order.Size.Mantissa * order.Price.Mantissa * BigInteger.Pow(10, 6);
            var denominator = BigInteger.Pow(10, order.Size.Scale + order.Price.Scale);
            var scaled = new BigInteger(q.QuantumsCollateral) * denominator;
            if (order.Side == StarkOrderSide.Buy) Assert.True(scaled >= numerator && scaled - denominator < numerator);
            else Assert.True(scaled <= numerator && scaled + denominator > numerator);

            // Fee: ceiling(floor6(limitFee)·collateral).
            var feeMicros = order.LimitFee.Mantissa * BigInteger.Pow(10, 6) / BigInteger.Pow(10, order.LimitFee.Scale);
            var feeScaled = new BigInteger(q.QuantumsFee) * 1_000_000;
            var exactFee = feeMicros * q.QuantumsCollateral;
            Assert.True(feeScaled >= exactFee && feeScaled - 1_000_000 < exactFee);
        }, iter: 2000);

    [Fact]
    public void Sizes_off_the_quantum_are_refused() =>
        Gen.Select(Gen.Int[0, Markets.Length - 1], Gen.Long[1, 1_000_000_000L]).Sample((m, units) =>
        {
            var asset = Markets[m];
            // One more decimal than the resolution, with a non-zero last digit.
            var size = ExactDecimal.Create(units * 10 + 1 + units % 9, asset.Resolution + 1);
            var order = Order(asset.Market, StarkOrderSide.Buy, size.ToString(), "1");
            Assert.False(StarkOrderSigner.Default.TryQuantize(order, out _, out var error));
            Assert.Contains("not a multiple", error);
            Assert.Throws<StarkOrderException>(() => StarkOrderSigner.Default.Sign(order, Engine.Stark.Keys.StarkPrivateKey.FromValue(UInt256.One)));
        });

    [Theory]
    [InlineData("BTC-USD", "0", "30000", "0.0005", "size 0 must be positive")]
    [InlineData("BTC-USD", "-1", "30000", "0.0005", "size -1 must be positive")]
    [InlineData("BTC-USD", "1", "0", "0.0005", "price 0 must be positive")]
    [InlineData("BTC-USD", "1", "30000", "-0.1", "limitFee -0.1 must not be negative")]
    [InlineData("BTC-USD", "0.00000000001", "30000", "0.0005", "not a multiple of the BTC-USD quantum 1e-10")]
    [InlineData("BTC-USD", "2000000000", "1", "0", "beyond StarkEx's 64-bit amounts")]                      // 2e19 synthetic quantums
    [InlineData("BTC-USD", "1", "20000000000000", "0", "beyond StarkEx's 64-bit amounts")]                  // 2e19 collateral quantums
    [InlineData("BTC-USD", "1", "1000000000000", "100", "gives a fee of")]                   // 1e18 collateral quantums, fee 1e20
    [InlineData("BTC-USD", "1", "0.000001000000000000000000001", "0", "has 27 decimals")]                   // the spec's "edge" case
    [InlineData("XYZ-USD", "1", "1", "0", "unknown market 'XYZ-USD'")]
    public void Unrepresentable_orders_are_refused_with_a_reason(string market, string size, string price, string fee, string reason)
    {
        Assert.False(StarkOrderSigner.Default.TryQuantize(Order(market, StarkOrderSide.Buy, size, price, fee), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Unknown_networks_are_refused()
    {
        Assert.False(StarkOrderSigner.Default.TryQuantize(Order("BTC-USD", StarkOrderSide.Buy, "1", "1", network: 42), out _, out var error));
        Assert.Contains("unknown network id 42", error);
    }

    /// <summary>docs §5.3 quirk: with 23 decimals the exact ceiling is kept (2), and 26 is still accepted.</summary>
    [Fact]
    public void Up_to_26_collateral_decimals_are_exact()
    {
        Assert.True(StarkOrderSigner.Default.TryQuantize(Order("BTC-USD", StarkOrderSide.Buy, "1", "0.00000100000000000000001"), out var q, out _));
        Assert.Equal(2UL, q.QuantumsCollateral);
        Assert.True(StarkOrderSigner.Default.TryQuantize(Order("BTC-USD", StarkOrderSide.Buy, "0.1", "0.0000010000000000000000001"), out q, out _));
        Assert.Equal(1UL, q.QuantumsCollateral);
    }

    [Fact]
    public void Fee_rate_is_truncated_to_six_decimals_before_rounding_the_fee_up()
    {
        // The published python edge case: 0.000001999… → 0.000001 × 50750272151 = 50750.272151 → 50751.
        var order = Order("ETH-USD", StarkOrderSide.Buy, "145.0005", "350.00067", "0.000001999999999999999999999999999999999999999999");
        Assert.Equal(50751UL, StarkOrderSigner.Default.Quantize(order).QuantumsFee);
        Assert.Equal(0UL, StarkOrderSigner.Default.Quantize(order with { LimitFee = ExactDecimal.Parse("0.0000009") }).QuantumsFee);
    }

    [Fact]
    public void Decimal_inputs_are_converted_exactly() =>
        Gen.Decimal.Where(d => d > 0).Sample(d =>
        {
            ExactDecimal exact = d;
            Assert.Equal(d, decimal.Parse(exact.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        });
}
