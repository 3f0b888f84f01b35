using System.Globalization;

namespace Editing.Otio.Serialization;

/// <summary>
/// RapidJSON's number grammar and its default ("normal precision") conversion, re-implemented so that every number
/// reads to the same <see cref="long"/> or the same double bits as in the reference library.
/// </summary>
internal static class NumberParser
{
    // Pow10[n] is the double nearest 10^n, like the C++ literals 1e0 … 1e308 in RapidJSON's table.
    private static readonly double[] Pow10 = BuildPow10();

    /// <summary>
    /// Parses a number at the start of <paramref name="s"/>. Returns the bytes consumed; on failure sets
    /// <paramref name="error"/> and returns the offset of the problem.
    /// </summary>
    public static int Parse(ReadOnlySpan<byte> s, out long integer, out double real, out bool isInteger, out string? error)
    {
        integer = 0;
        real = 0;
        isInteger = false;
        error = null;
        var p = 0;
        var minus = false;
        if (p < s.Length && s[p] == '-')
        {
            minus = true;
            p++;
        }
        uint i = 0;
        ulong i64 = 0;
        var use64 = false;
        var significandDigit = 0;
        double d = 0;
        if (p < s.Length && s[p] == '0')
        {
            p++;
        }
        else if (p < s.Length && s[p] >= '1' && s[p] <= '9')
        {
            i = (uint)(s[p++] - '0');
            var limit = minus ? 214748364u : 429496729u;
            var lastDigit = minus ? '8' : '5';
            while (p < s.Length && IsDigit(s[p]))
            {
                if (i >= limit && (i != limit || s[p] > lastDigit))
                {
                    i64 = i;
                    use64 = true;
                    break;
                }
                i = i * 10 + (uint)(s[p++] - '0');
                significandDigit++;
            }
        }
        else if (p < s.Length && (s[p] == 'N' || s[p] == 'I'))
        {
            if (Matches(s, p, "NaN"u8))
            {
                p += 3;
                real = double.NaN;
            }
            else if (Matches(s, p, "Inf"u8))
            {
                p += 3;
                if (p < s.Length && s[p] == 'i')
                {
                    if (!Matches(s, p, "inity"u8))
                    {
                        error = "invalid value";
                        return p;
                    }
                    p += 5;
                }
                real = minus ? double.NegativeInfinity : double.PositiveInfinity;
            }
            else
            {
                error = "invalid value";
                return p;
            }
            return p;
        }
        else
        {
            error = "invalid value";
            return p;
        }

        var useDouble = false;
        if (use64)
        {
            var limit = minus ? 0x0CCCCCCCCCCCCCCCUL : 0x1999999999999999UL;
            var lastDigit = minus ? '8' : '5';
            while (p < s.Length && IsDigit(s[p]))
            {
                if (i64 >= limit && (i64 != limit || s[p] > lastDigit))
                {
                    d = i64;
                    useDouble = true;
                    break;
                }
                i64 = i64 * 10 + (ulong)(s[p++] - '0');
                significandDigit++;
            }
        }
        if (useDouble)
        {
            while (p < s.Length && IsDigit(s[p]))
            {
                if (d >= 1.7976931348623157e307)
                {
                    error = "number too big to be stored in a double";
                    return 0;
                }
                d = d * 10 + (s[p++] - '0');
            }
        }

        var expFrac = 0;
        if (p < s.Length && s[p] == '.')
        {
            p++;
            if (p >= s.Length || !IsDigit(s[p]))
            {
                error = "missing fraction part in number";
                return p;
            }
            if (!useDouble)
            {
                if (!use64)
                {
                    i64 = i;
                }
                while (p < s.Length && IsDigit(s[p]))
                {
                    if (i64 > 0x1FFFFFFFFFFFFFUL)
                    {
                        break;
                    }
                    i64 = i64 * 10 + (ulong)(s[p++] - '0');
                    expFrac--;
                    if (i64 != 0)
                    {
                        significandDigit++;
                    }
                }
                d = i64;
                useDouble = true;
            }
            while (p < s.Length && IsDigit(s[p]))
            {
                if (significandDigit < 17)
                {
                    d = d * 10.0 + (s[p++] - '0');
                    expFrac--;
                    if (d > 0.0)
                    {
                        significandDigit++;
                    }
                }
                else
                {
                    p++;
                }
            }
        }

        var exp = 0;
        if (p < s.Length && (s[p] == 'e' || s[p] == 'E'))
        {
            p++;
            if (!useDouble)
            {
                d = use64 ? i64 : i;
                useDouble = true;
            }
            var expMinus = false;
            if (p < s.Length && s[p] == '+')
            {
                p++;
            }
            else if (p < s.Length && s[p] == '-')
            {
                expMinus = true;
                p++;
            }
            if (p < s.Length && IsDigit(s[p]))
            {
                exp = s[p++] - '0';
                if (expMinus)
                {
                    while (p < s.Length && IsDigit(s[p]))
                    {
                        exp = exp * 10 + (s[p++] - '0');
                        if (exp >= 214748364)
                        {
                            while (p < s.Length && IsDigit(s[p]))
                            {
                                p++;
                            }
                        }
                    }
                }
                else
                {
                    var maxExp = 308 - expFrac;
                    while (p < s.Length && IsDigit(s[p]))
                    {
                        exp = exp * 10 + (s[p++] - '0');
                        if (exp > maxExp)
                        {
                            error = "number too big to be stored in a double";
                            return 0;
                        }
                    }
                }
            }
            else
            {
                error = "missing exponent in number";
                return p;
            }
            if (expMinus)
            {
                exp = -exp;
            }
        }

        if (useDouble)
        {
            var pw = exp + expFrac;
            d = NormalPrecision(d, pw);
            real = minus ? -d : d;
            return p;
        }
        isInteger = true;
        if (use64)
        {
            // OTIO keeps every integer as int64: a negative one is exact; an unsigned one in [2^63, 2^64) loses its top bit.
            integer = minus ? (long)(~i64 + 1) : (long)(i64 & 0x7FFFFFFFFFFFFFFFUL);
        }
        else
        {
            integer = minus ? -(long)i : i;
        }
        return p;
    }

    private static double NormalPrecision(double d, int p)
    {
        if (p < -308)
        {
            d = FastPath(d, -308);
            return FastPath(d, p + 308);
        }
        return FastPath(d, p);
    }

    private static double FastPath(double significand, int exp)
    {
        if (exp < -308)
        {
            return 0.0;
        }
        return exp >= 0 ? significand * Pow10[exp] : significand / Pow10[-exp];
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool Matches(ReadOnlySpan<byte> s, int p, ReadOnlySpan<byte> word)
        => s.Length - p >= word.Length && s.Slice(p, word.Length).SequenceEqual(word);

    private static double[] BuildPow10()
    {
        var t = new double[309];
        for (var n = 0; n <= 308; n++)
        {
            t[n] = double.Parse("1e" + n.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return t;
    }
}
