using System.Globalization;
using System.Numerics;
using System.Text;

namespace Engine.Stark.Numerics;

/// <summary>
/// An exact decimal number: Mantissa · 10^-Scale, normalised (no trailing zeros in the mantissa, Scale ≥ 0).
/// Order amounts are quantised from the exact value of the strings the exchange receives; System.Decimal stops
/// at 28-29 significant digits (it would round the published fee edge case "0.000001999…9" with 48 decimals to
/// 0.000002) and binary floating point cannot hold 0.1 at all.
/// </summary>
public readonly struct ExactDecimal : IEquatable<ExactDecimal>, IComparable<ExactDecimal>
{
    /// <summary>Bounds that keep a hostile input from turning into a huge BigInteger.</summary>
    public const int MaxDigits = 200;
    public const int MaxExponent = 200;

    private readonly BigInteger _mantissa;
    private readonly int _scale;

    private ExactDecimal(BigInteger mantissa, int scale)
    {
        // Normalise: strip trailing zeros; fold negative scales into the mantissa.
        if (mantissa.IsZero) scale = 0;
        while (scale > 0 && (mantissa % 10).IsZero)
        {
            mantissa /= 10;
            scale--;
        }
        if (scale < 0)
        {
            mantissa *= BigInteger.Pow(10, -scale);
            scale = 0;
        }
        _mantissa = mantissa;
        _scale = scale;
    }

    public static ExactDecimal Create(BigInteger mantissa, int scale) => new(mantissa, scale);

    public BigInteger Mantissa => _mantissa;

    /// <summary>Number of decimals of the normalised value (0.50 has one).</summary>
    public int Scale => _scale;

    public int Sign => _mantissa.Sign;
    public bool IsInteger => _scale == 0;

    public static ExactDecimal Zero => default;

    public static implicit operator ExactDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        return new ExactDecimal(bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    public static implicit operator ExactDecimal(long value) => new(value, 0);

    public static ExactDecimal operator *(ExactDecimal a, ExactDecimal b) => new(a._mantissa * b._mantissa, a._scale + b._scale);

    /// <summary>
    /// Parses plain or exponent notation ("0.0123", "-1", "1.5e-3", ".5", "5."), as JSON numbers and big.js
    /// accept them. No thousands separators, no whitespace, no culture.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ExactDecimal value)
    {
        value = default;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
        var digits = new StringBuilder();
        int fractionDigits = 0;
        bool seenPoint = false, seenDigit = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c is >= '0' and <= '9')
            {
                seenDigit = true;
                if (digits.Length > 0 || c != '0') digits.Append(c);
                if (seenPoint) fractionDigits++;
                if (digits.Length > MaxDigits || fractionDigits > MaxDigits) return false;
            }
            else if (c == '.' && !seenPoint) seenPoint = true;
            else break;
        }
        if (!seenDigit) return false;
        int exponent = 0;
        if (i < text.Length)
        {
            if (text[i] != 'e' && text[i] != 'E') return false;
            if (!int.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
            if (Math.Abs(exponent) > MaxExponent) return false;
        }
        var mantissa = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        value = new ExactDecimal(negative ? -mantissa : mantissa, fractionDigits - exponent);
        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out ExactDecimal value)
    {
        value = default;
        if (utf8.Length > 2 * MaxDigits + 16) return false;
        Span<char> chars = stackalloc char[utf8.Length];
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] > 0x7F) return false;
            chars[i] = (char)utf8[i];
        }
        return TryParse(chars, out value);
    }

    public static ExactDecimal Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a decimal number");

    /// <summary>floor(value · 10^decimals) as an integer (toward −∞).</summary>
    public BigInteger FloorScaled(int decimals) => DivideScaled(decimals, roundUp: false);

    /// <summary>ceiling(value · 10^decimals) as an integer (toward +∞).</summary>
    public BigInteger CeilingScaled(int decimals) => DivideScaled(decimals, roundUp: true);

    /// <summary>value · 10^decimals when that is an integer.</summary>
    public bool TryScaleExact(int decimals, out BigInteger result)
    {
        result = BigInteger.Zero;
        if (_scale > decimals) return false; // normalised: the mantissa has no factor 10 left to absorb the shift
        result = _mantissa * BigInteger.Pow(10, decimals - _scale);
        return true;
    }

    private BigInteger DivideScaled(int decimals, bool roundUp)
    {
        if (_scale <= decimals) return _mantissa * BigInteger.Pow(10, decimals - _scale);
        var divisor = BigInteger.Pow(10, _scale - decimals);
        var quotient = BigInteger.DivRem(_mantissa, divisor, out var remainder); // truncates toward zero
        if (remainder.IsZero) return quotient;
        if (roundUp && remainder.Sign > 0) return quotient + 1;
        if (!roundUp && remainder.Sign < 0) return quotient - 1;
        return quotient;
    }

    public int CompareTo(ExactDecimal other)
    {
        int scale = Math.Max(_scale, other._scale);
        return (_mantissa * BigInteger.Pow(10, scale - _scale)).CompareTo(other._mantissa * BigInteger.Pow(10, scale - other._scale));
    }

    public bool Equals(ExactDecimal other) => _scale == other._scale && _mantissa == other._mantissa;
    public override bool Equals(object? obj) => obj is ExactDecimal other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_mantissa, _scale);
    public static bool operator ==(ExactDecimal a, ExactDecimal b) => a.Equals(b);
    public static bool operator !=(ExactDecimal a, ExactDecimal b) => !a.Equals(b);

    /// <summary>Plain notation, shortest exact form ("0.0123", "145.0005", "-2").</summary>
    public override string ToString()
    {
        string digits = BigInteger.Abs(_mantissa).ToString(CultureInfo.InvariantCulture);
        string sign = _mantissa.Sign < 0 ? "-" : "";
        if (_scale == 0) return sign + digits;
        if (digits.Length <= _scale) digits = new string('0', _scale - digits.Length + 1) + digits;
        return sign + digits[..^_scale] + "." + digits[^_scale..];
    }
}
