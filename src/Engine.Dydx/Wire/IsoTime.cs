using Engine.Core.Primitives;

namespace Engine.Dydx.Wire;

/// <summary>
/// Allocation-free parser for the ISO-8601 UTC timestamps v3 writes ("2021-10-17T14:39:29.506Z",
/// with 0–9 fractional digits, optional Z or +00:00).
/// </summary>
public static class IsoTime
{
    public static bool TryParse(ReadOnlySpan<byte> s, out Timestamp time)
    {
        time = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
            return false;
        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day) ||
            !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59)
            return false;
        int i = 19;
        long fracNanos = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int digits = 0;
            long scale = 100_000_000;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (digits < 9) { fracNanos += (s[i] - '0') * scale; scale /= 10; }
                digits++;
                i++;
            }
            if (digits == 0) return false;
        }
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i + 1 == s.Length) { }
            else if (s.Length - i == 6 && (s[i] == '+' || s[i] == '-') && s[i + 1] == '0' && s[i + 2] == '0' && s[i + 3] == ':' && s[i + 4] == '0' && s[i + 5] == '0') { }
            else return false;
        }
        long days = DaysFromCivil(year, month, day);
        long secs = days * 86_400L + hour * 3_600L + minute * 60L + second;
        time = new Timestamp(secs * Timestamp.NanosPerSecond + fracNanos);
        return true;
    }

    public static bool TryParse(string text, out Timestamp time)
    {
        Span<byte> buffer = stackalloc byte[Math.Min(text.Length, 64)];
        if (text.Length > 64) { time = default; return false; }
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 127) { time = default; return false; }
            buffer[i] = (byte)text[i];
        }
        return TryParse(buffer, out time);
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    // Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
