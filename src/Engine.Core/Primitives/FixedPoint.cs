using System.Globalization;
using System.Runtime.CompilerServices;

namespace Engine.Core.Primitives;

/// <summary>
/// Exact decimal fixed point with nine fractional digits stored in a <see cref="long"/>
/// (range ±9,223,372,036.854775807). Parsing is allocation-free and rejects anything that
/// does not fit exactly: more than nine significant fractional digits, overflow, exponents.
/// </summary>
public static class FixedPoint
{
    public const int Decimals = 9;
    public const long Scale = 1_000_000_000L;

    private static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    ];

    /// <summary>Parses an ASCII decimal such as "31000.5", "-0.001" or "0". Trailing zeros beyond nine digits are accepted.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long units)
    {
        units = 0;
        int i = 0, n = text.Length;
        if (n == 0) return false;
        bool negative = false;
        if (text[0] == (byte)'-') { negative = true; i = 1; }
        else if (text[0] == (byte)'+') { i = 1; }
        if (i == n) return false;

        ulong whole = 0;
        int wholeDigits = 0;
        for (; i < n; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) break;
            if (whole > (ulong.MaxValue - 9) / 10) return false;
            whole = whole * 10 + d;
            wholeDigits++;
        }

        ulong frac = 0;
        int fracDigits = 0;
        if (i < n)
        {
            if (text[i] != (byte)'.') return false;
            i++;
            if (i == n && wholeDigits == 0) return false;
            for (; i < n; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) return false;
                if (fracDigits < Decimals) { frac = frac * 10 + d; fracDigits++; }
                else if (d != 0) return false; // not representable exactly
            }
            if (fracDigits == 0 && wholeDigits == 0) return false;
        }
        else if (wholeDigits == 0) return false;

        const ulong maxWhole = long.MaxValue / Scale;
        if (whole > maxWhole) return false;
        ulong magnitude = whole * Scale + frac * (ulong)Pow10[Decimals - fracDigits];
        if (magnitude > long.MaxValue) return false;
        units = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out long units)
    {
        units = 0;
        if (text.Length > 64) return false;
        Span<byte> buffer = stackalloc byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 127) return false;
            buffer[i] = (byte)c;
        }
        return TryParse(buffer, out units);
    }

    public static long Parse(string text) =>
        TryParse(text.AsSpan(), out var units)
            ? units
            : throw new FormatException($"'{text}' is not an exact decimal with at most {Decimals} fractional digits.");

    public static decimal ToDecimal(long units) => new decimal(units) / Scale;

    /// <summary>Converts an exact decimal; throws if it has more than nine fractional digits or overflows.</summary>
    public static long FromDecimal(decimal value)
    {
        decimal scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{value} has more than {Decimals} fractional digits.", nameof(value));
        if (scaled > long.MaxValue || scaled < long.MinValue)
            throw new OverflowException($"{value} is out of the fixed-point range.");
        return (long)scaled;
    }

    /// <summary>Zero-padded fraction formats by digit count, built once (formatting is on the feed's hot path).</summary>
    private static readonly string[] FractionFormats = [.. Enumerable.Range(0, Decimals + 1).Select(d => d <= 1 ? "0" : "D" + d.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Shortest exact text: no exponent, no trailing fractional zeros ("31000.5", "0.001", "12").</summary>
    public static string Format(long units)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..Format(units, buffer)]);
    }

    public static int Format(long units, Span<char> destination)
    {
        // Works on the unsigned magnitude so long.MinValue formats correctly.
        ulong magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        ulong whole = magnitude / Scale;
        ulong frac = magnitude % Scale;
        int pos = 0;
        if (units < 0) destination[pos++] = '-';
        whole.TryFormat(destination[pos..], out int written, default, CultureInfo.InvariantCulture);
        pos += written;
        if (frac != 0)
        {
            int digits = Decimals;
            while (frac % 10 == 0) { frac /= 10; digits--; }
            destination[pos++] = '.';
            frac.TryFormat(destination[pos..], out written, FractionFormats[digits], CultureInfo.InvariantCulture);
            pos += written;
        }
        return pos;
    }

    /// <summary>Writes UTF-8 text of the value (same rules as <see cref="Format(long)"/>).</summary>
    public static bool TryFormatUtf8(long units, Span<byte> destination, out int written)
    {
        Span<char> chars = stackalloc char[32];
        int n = Format(units, chars);
        written = 0;
        if (destination.Length < n) return false;
        for (int i = 0; i < n; i++) destination[i] = (byte)chars[i];
        written = n;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMultipleOf(long units, long increment) => increment > 0 && units % increment == 0;

    /// <summary>Exact product of two fixed-point values as a decimal (e.g. notional = price × size).</summary>
    public static decimal Multiply(long a, long b) => (decimal)((Int128)a * b) / ((decimal)Scale * Scale);

}
