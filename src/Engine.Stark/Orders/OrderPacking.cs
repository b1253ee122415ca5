using Engine.Stark.Numerics;

namespace Engine.Stark.Orders;

/// <summary>
/// The two packed words of a limit order with fees (docs/stark-signing.md §5.6):
/// word1 = sellAmount‹64› ‖ buyAmount‹64› ‖ fee‹64› ‖ nonce‹32› (224 bits);
/// word2 = 3 ‖ positionId‹64› ×3 ‖ expirationHours‹32› ‖ 17 zero bits (243 bits).
/// </summary>
public static class OrderPacking
{
    /// <summary>StarkEx order type "limit order with fees".</summary>
    public const ulong LimitOrderWithFees = 3;
    private const int PaddingBits = 17;

    public static UInt256 Word1(in QuantizedOrder order)
    {
        ulong sell = order.SellAmount, buy = order.BuyAmount, fee = order.QuantumsFee;
        return new UInt256(
            order.Nonce | (fee << 32),
            (fee >> 32) | (buy << 32),
            (buy >> 32) | (sell << 32),
            sell >> 32);
    }

    public static UInt256 Word2(in QuantizedOrder order)
    {
        var word = new UInt256(LimitOrderWithFees);
        var position = new UInt256(order.PositionId);
        word = (word << 64) | position;
        word = (word << 64) | position;
        word = (word << 64) | position;
        word = (word << 32) | new UInt256(order.ExpirationEpochHours);
        return word << PaddingBits;
    }
}
