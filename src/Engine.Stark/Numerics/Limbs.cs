using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Engine.Stark.Numerics;

/// <summary>
/// 64-bit limb primitives with explicit carries; the comparisons compile to SETB, so these chains stay branch-free.
/// </summary>
internal static class Limbs
{
    /// <summary>a·b + addend + carry; returns the low limb and leaves the high limb in carry (never overflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong addend, ref ulong carry)
    {
        ulong hi = MulHigh(a, b), lo = a * b;
        lo += addend;
        hi += lo < addend ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    /// <summary>
    /// High half of a·b. Math.BigMul's out-parameter makes the JIT spill the low half through the stack on every
    /// product; MULX for the high half plus a plain IMUL for the low half keeps both in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulHigh(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>a + b + carry (carry 0 or 1); returns the sum and leaves the carry out (0 or 1) in carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong sum = a + b;
        ulong c = sum < a ? 1UL : 0UL;
        ulong total = sum + carry;
        c += total < sum ? 1UL : 0UL;
        carry = c;
        return total;
    }

    /// <summary>a − b − borrow (borrow 0 or 1); returns the difference and leaves the borrow out in borrow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong diff = a - b;
        ulong c = a < b ? 1UL : 0UL;
        ulong total = diff - borrow;
        c += diff < borrow ? 1UL : 0UL;
        borrow = c;
        return total;
    }

    /// <summary>Picks <paramref name="whenZero"/> when mask is 0 and <paramref name="whenOnes"/> when mask is all ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Select(ulong mask, ulong whenOnes, ulong whenZero) => whenZero ^ ((whenZero ^ whenOnes) & mask);
}
