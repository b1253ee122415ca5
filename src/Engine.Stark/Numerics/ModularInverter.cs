using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Stark.Numerics;

/// <summary>
/// Modular inverse for an odd 256-bit modulus by Bernstein–Yang "safegcd" with half-delta divsteps, in batches
/// of 62 steps on machine words and variable time (runs of zero bits are skipped at once). About 7× faster than
/// Fermat's a^(m−2) in practice (≈1.4 µs against ≈10 µs), which matters: a signed order needs four inversions
/// (two Pedersen outputs, R.x and the nonce). Not constant time, like the rest of this library (see
/// <see cref="Signing.StarkEcdsa"/>).
/// Numbers are held as five signed 62-bit limbs, value = Σ limb[i]·2^(62·i): limbs 0..3 in [0, 2^62), limb 4
/// signed, so the transition matrices (entries ≤ 2^62 in magnitude) multiply them with 128-bit accumulators.
/// </summary>
internal sealed class ModularInverter
{
    private const int BatchSteps = 62;
    private const ulong Mask62 = (1UL << 62) - 1;
    private const int MaxBatches = 16; // half-delta divsteps need ≤ 590 steps (10 batches) for 256-bit inputs

    private readonly Signed62 _modulus;
    private readonly ulong _modulusInverse62; // m⁻¹ mod 2^62
    private readonly UInt256 _modulusValue;

    public ModularInverter(in UInt256 modulus)
    {
        if ((modulus.U0 & 1) == 0) throw new ArgumentException("the modulus must be odd", nameof(modulus));
        _modulusValue = modulus;
        _modulus = Signed62.From(modulus);
        ulong inverse = 1;
        for (int i = 0; i < 6; i++) inverse *= 2 - modulus.U0 * inverse; // Newton: doubles the correct bits
        _modulusInverse62 = inverse & Mask62;
    }

    /// <summary>x⁻¹ mod m for 0 &lt; x &lt; m; 0 maps to 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public UInt256 Invert(in UInt256 x)
    {
        if (x.IsZero) return UInt256.Zero;
        if (x >= _modulusValue) throw new ArgumentOutOfRangeException(nameof(x), "the input must be reduced");

        // Invariants: d·x ≡ f and e·x ≡ g (mod m); d, e in [0, m).
        var f = _modulus;
        var g = Signed62.From(x);
        var d = default(Signed62);
        var e = Signed62.From(UInt256.One);
        int delta = 1; // 2δ, δ starting at 1/2

        for (int batch = 0; ; batch++)
        {
            if (batch == MaxBatches) throw new InvalidOperationException("modular inversion did not converge (is the modulus prime?)");
            delta = DivSteps(delta, (ulong)f.L0 | ((ulong)f.L1 << 62), (ulong)g.L0 | ((ulong)g.L1 << 62), out var t);
            UpdateFg(ref f, ref g, t);
            UpdateDe(ref d, ref e, t);
            if (g.IsZero) break;
        }

        // Now f = ±gcd = ±1 and d·x ≡ f.
        if (f.L4 < 0) d = Negate(d);
        return d.ToUInt256();
    }

    /// <summary>2^62 · (f', g') = [u v; q r] · (f, g) after one batch.</summary>
    private readonly record struct Transition(long U, long V, long Q, long R);

    /// <summary>
    /// 62 half-delta divsteps on the low 64 bits of f and g. After i steps only the low 64 − i bits are still
    /// exact, which is enough: each step reads the parity of g only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DivSteps(int delta, ulong f, ulong g, out Transition transition)
    {
        long u = 1, v = 0, q = 0, r = 1; // f·2^i = u·F + v·G and g·2^i = q·F + r·G
        int remaining = BatchSteps;
        while (true)
        {
            // A run of even g: g /= 2 and δ += 1 per zero bit, all at once.
            int zeros = Math.Min(BitOperations.TrailingZeroCount(g), remaining);
            g >>= zeros;
            u <<= zeros;
            v <<= zeros;
            delta += 2 * zeros;
            remaining -= zeros;
            if (remaining == 0) break;

            // g is odd.
            if (delta > 0)
            {
                (f, g) = (g, (g - f) >> 1);
                (u, v, q, r) = (q << 1, r << 1, q - u, r - v);
                delta = 2 - delta;
            }
            else
            {
                g = (g + f) >> 1;
                (u, v, q, r) = (u << 1, v << 1, q + u, r + v);
                delta += 2;
            }
            if (--remaining == 0) break;
        }
        transition = new Transition(u, v, q, r);
        return delta;
    }

    private static void UpdateFg(ref Signed62 f, ref Signed62 g, in Transition t)
    {
        var f0 = f;
        var g0 = g;
        f = Combine(t.U, f0, t.V, g0, 0, default);
        g = Combine(t.Q, f0, t.R, g0, 0, default);
    }

    /// <summary>d' = (u·d + v·e + k·m) / 2^62 with k making the division exact, then brought back into [0, m).</summary>
    private void UpdateDe(ref Signed62 d, ref Signed62 e, in Transition t)
    {
        var d0 = d;
        var e0 = e;
        ulong lowD = (ulong)t.U * (ulong)d0.L0 + (ulong)t.V * (ulong)e0.L0;
        ulong lowE = (ulong)t.Q * (ulong)d0.L0 + (ulong)t.R * (ulong)e0.L0;
        long kd = (long)(((0 - lowD) * _modulusInverse62) & Mask62);
        long ke = (long)(((0 - lowE) * _modulusInverse62) & Mask62);
        d = Reduce(Combine(t.U, d0, t.V, e0, kd, _modulus));
        e = Reduce(Combine(t.Q, d0, t.R, e0, ke, _modulus));
    }

    /// <summary>(a·x + b·y + k·m) / 2^62 where the low 62 bits of the sum are zero by construction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Signed62 Combine(long a, in Signed62 x, long b, in Signed62 y, long k, in Signed62 m)
    {
        var acc = default(Accumulator);
        acc.Add(a, x.L0);
        acc.Add(b, y.L0);
        acc.Add(k, m.L0);
        acc.Shift();
        acc.Add(a, x.L1);
        acc.Add(b, y.L1);
        acc.Add(k, m.L1);
        long r0 = acc.TakeLimb();
        acc.Add(a, x.L2);
        acc.Add(b, y.L2);
        acc.Add(k, m.L2);
        long r1 = acc.TakeLimb();
        acc.Add(a, x.L3);
        acc.Add(b, y.L3);
        acc.Add(k, m.L3);
        long r2 = acc.TakeLimb();
        acc.Add(a, x.L4);
        acc.Add(b, y.L4);
        acc.Add(k, m.L4);
        long r3 = acc.TakeLimb();
        return new Signed62(r0, r1, r2, r3, (long)acc.Low);
    }

    /// <summary>From (−m, 2m) to [0, m).</summary>
    private Signed62 Reduce(in Signed62 x)
    {
        if (x.L4 < 0) return Signed62.Add(x, _modulus);
        var reduced = Signed62.Subtract(x, _modulus);
        return reduced.L4 < 0 ? x : reduced;
    }

    private Signed62 Negate(in Signed62 x) => x.IsZero ? x : Signed62.Subtract(_modulus, x);

    /// <summary>A signed 128-bit accumulator (two's complement in two words).</summary>
    private struct Accumulator
    {
        public ulong Low;
        private long _high;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long a, long b)
        {
            ulong low = (ulong)a * (ulong)b;
            // Signed high half from the unsigned one: subtract b when a < 0 and a when b < 0.
            ulong high = Limbs.MulHigh((ulong)a, (ulong)b) - ((ulong)(a >> 63) & (ulong)b) - ((ulong)(b >> 63) & (ulong)a);
            ulong sum = Low + low;
            _high += (long)(high + (sum < Low ? 1UL : 0UL));
            Low = sum;
        }

        /// <summary>Arithmetic shift right by 62.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Shift()
        {
            Low = (Low >> 62) | ((ulong)_high << 2);
            _high >>= 62;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long TakeLimb()
        {
            long limb = (long)(Low & Mask62);
            Shift();
            return limb;
        }
    }

    private readonly struct Signed62(long l0, long l1, long l2, long l3, long l4)
    {
        public readonly long L0 = l0, L1 = l1, L2 = l2, L3 = l3, L4 = l4;

        public bool IsZero => (L0 | L1 | L2 | L3 | L4) == 0;

        public static Signed62 From(in UInt256 x) => new(
            (long)(x.U0 & Mask62),
            (long)(((x.U0 >> 62) | (x.U1 << 2)) & Mask62),
            (long)(((x.U1 >> 60) | (x.U2 << 4)) & Mask62),
            (long)(((x.U2 >> 58) | (x.U3 << 6)) & Mask62),
            (long)(x.U3 >> 56));

        /// <summary>For values in [0, 2^256).</summary>
        public UInt256 ToUInt256() => new(
            (ulong)L0 | ((ulong)L1 << 62),
            ((ulong)L1 >> 2) | ((ulong)L2 << 60),
            ((ulong)L2 >> 4) | ((ulong)L3 << 58),
            ((ulong)L3 >> 6) | ((ulong)L4 << 56));

        public static Signed62 Add(in Signed62 a, in Signed62 b) => Carry(a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4);

        public static Signed62 Subtract(in Signed62 a, in Signed62 b) => Carry(a.L0 - b.L0, a.L1 - b.L1, a.L2 - b.L2, a.L3 - b.L3, a.L4 - b.L4);

        /// <summary>Moves each limb's excess (either sign) into the next one.</summary>
        private static Signed62 Carry(long l0, long l1, long l2, long l3, long l4)
        {
            l1 += l0 >> 62;
            l0 &= (long)Mask62;
            l2 += l1 >> 62;
            l1 &= (long)Mask62;
            l3 += l2 >> 62;
            l2 &= (long)Mask62;
            l4 += l3 >> 62;
            l3 &= (long)Mask62;
            return new Signed62(l0, l1, l2, l3, l4);
        }
    }
}
