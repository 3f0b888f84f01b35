using System.Globalization;
using System.Numerics;

namespace Editing.Otio.OpenTime;

/// <summary>
/// The C/C++ runtime behaviour opentime's text conversions depend on, reproduced exactly: x86-64 double→int
/// conversion, <c>std::round</c>, <c>printf("%02d")</c>, <c>printf("%.7g")</c>, <c>std::stoi</c> and OTIO's own
/// <c>parseFloat</c>. None of these allocate.
/// </summary>
internal static class OpenTimeText
{
    /// <summary>The reference library's <c>ErrorStatus::outcome_to_string</c> text for an opentime error kind.</summary>
    internal static string Message(OtioErrorKind kind) => kind switch
    {
        OtioErrorKind.InvalidTimecodeRate => "SMPTE timecode does not support this rate",
        OtioErrorKind.InvalidTimecodeString => "string is not a SMPTE timecode string",
        OtioErrorKind.TimecodeRateMismatch => "timecode specifies a frame higher than its rate",
        OtioErrorKind.InvalidTimeString => "invalid time string",
        OtioErrorKind.NegativeValue => "value cannot be negative here",
        OtioErrorKind.InvalidRateForDropFrameTimecode => "rate is not valid for drop frame timecode",
        _ => "unknown/illegal ErrorStatus::Outcome code",
    };

    /// <summary>Creates the exception for an opentime error kind.</summary>
    internal static OtioException Error(OtioErrorKind kind) => new(kind, Message(kind));

    /// <summary>
    /// <c>static_cast&lt;int&gt;(d)</c> as compiled for x86-64 (<c>cvttsd2si</c>): truncation toward zero, and
    /// <c>INT_MIN</c> for NaN or anything out of range (.NET saturates instead, so this is spelled out).
    /// </summary>
    internal static int CInt(double d) =>
        d > -2147483649.0 && d < 2147483648.0 ? (int)d : int.MinValue;

    /// <summary><c>std::round</c>: halves go away from zero (0.5 → 1, 2.5 → 3), unlike <see cref="Math.Round(double)"/>.</summary>
    internal static double RoundHalfAway(double d) => Math.Round(d, MidpointRounding.AwayFromZero);

    /// <summary>
    /// <c>printf("%02d", n)</c>: at least two characters, zero padded; negative numbers are just <c>-</c> and their
    /// digits (width 2 is already met), e.g. 7 → <c>07</c>, 123 → <c>123</c>, −8 → <c>-8</c>.
    /// </summary>
    internal static int Write02d(Span<char> dest, int n)
    {
        int written;
        if (n >= 0)
        {
            n.TryFormat(dest, out written, "D2", CultureInfo.InvariantCulture);
        }
        else
        {
            n.TryFormat(dest, out written, default, CultureInfo.InvariantCulture);
        }
        return written;
    }

    /// <summary>
    /// <c>printf("%.7g", x)</c> as glibc writes it: seven significant digits, rounded exactly (ties to even on the
    /// exact binary value), fixed notation for decimal exponents −4…6 and <c>d.dddddde-XX</c> otherwise, trailing
    /// zeros and a bare point removed. Examples: 0.5 → <c>0.5</c>; 0.1234567 → <c>0.1234567</c>;
    /// 0.99999999 → <c>1</c> (rounds up a decade); 1e-8 → <c>1e-08</c>; 0.026633 → <c>0.026633</c>.
    /// </summary>
    /// <returns>The number of characters written (at most 16).</returns>
    internal static int WriteG7(Span<char> dest, double x)
    {
        var pos = 0;
        if (double.IsNegative(x))
        {
            dest[pos++] = '-';
            x = -x;
        }
        if (double.IsNaN(x))
        {
            "nan".CopyTo(dest[pos..]);
            return pos + 3;
        }
        if (double.IsInfinity(x))
        {
            "inf".CopyTo(dest[pos..]);
            return pos + 3;
        }
        if (x == 0)
        {
            dest[pos++] = '0';
            return pos;
        }

        // x = m * 2^-k exactly.
        var bits = BitConverter.DoubleToInt64Bits(x);
        var biased = (int)((bits >> 52) & 0x7FF);
        var m = (ulong)bits & ((1UL << 52) - 1);
        int k;
        if (biased == 0)
        {
            k = 1074;
        }
        else
        {
            m |= 1UL << 52;
            k = 1075 - biased;
        }

        // Find the decimal exponent e and the 7 significant digits q (10^6 <= q < 10^7) so that x ≈ q * 10^(e-6).
        var e = (int)Math.Floor(Math.Log10(x));
        long q;
        while (true)
        {
            var p = 6 - e;
            var cmp = ScaledDigits(m, k, p, out q);
            if (q < 1_000_000)
            {
                e--;
                continue;
            }
            if (q >= 10_000_000)
            {
                e++;
                continue;
            }
            // cmp: remainder compared with one half of a unit in the last place.
            if (cmp > 0 || (cmp == 0 && (q & 1) == 1))
            {
                q++;
            }
            if (q == 10_000_000)
            {
                q = 1_000_000;
                e++;
            }
            break;
        }

        Span<char> digits = stackalloc char[7];
        for (var i = 6; i >= 0; i--)
        {
            digits[i] = (char)('0' + (int)(q % 10));
            q /= 10;
        }
        var significant = 7;
        while (significant > 1 && digits[significant - 1] == '0')
        {
            significant--;
        }

        if (e < -4 || e >= 7)
        {
            dest[pos++] = digits[0];
            if (significant > 1)
            {
                dest[pos++] = '.';
                digits[1..significant].CopyTo(dest[pos..]);
                pos += significant - 1;
            }
            dest[pos++] = 'e';
            dest[pos++] = e < 0 ? '-' : '+';
            var absE = Math.Abs(e);
            absE.TryFormat(dest[pos..], out var w, "D2", CultureInfo.InvariantCulture);
            return pos + w;
        }

        if (e >= 0)
        {
            // Integer part: digits[0..e]; fraction: the rest.
            digits[..(e + 1)].CopyTo(dest[pos..]);
            pos += e + 1;
            if (significant > e + 1)
            {
                dest[pos++] = '.';
                digits[(e + 1)..significant].CopyTo(dest[pos..]);
                pos += significant - e - 1;
            }
            return pos;
        }

        dest[pos++] = '0';
        dest[pos++] = '.';
        for (var i = 0; i < -e - 1; i++)
        {
            dest[pos++] = '0';
        }
        digits[..significant].CopyTo(dest[pos..]);
        return pos + significant;
    }

    /// <summary>
    /// q = floor(m * 10^p / 2^k) and how the dropped remainder compares with one half (−1, 0, +1). Exact: 128-bit
    /// integers when they suffice (fractions down to about 1e-16), big integers below that.
    /// </summary>
    private static int ScaledDigits(ulong m, int k, int p, out long q)
    {
        if (p >= 0 && p <= 22 && k > 0 && k < 127)
        {
            UInt128 pow = 1;
            for (var i = 0; i < p; i++)
            {
                pow *= 10;
            }
            var num = m * pow;
            var quotient = num >> k;
            var rem = num - (quotient << k);
            var half = (UInt128)1 << (k - 1);
            q = quotient > 100_000_000 ? 100_000_000 : (long)(ulong)quotient;
            return rem.CompareTo(half);
        }
        return ScaledDigitsBig(m, k, p, out q);
    }

    private static int ScaledDigitsBig(ulong m, int k, int p, out long q)
    {
        BigInteger num = m;
        BigInteger den = BigInteger.One;
        if (p >= 0)
        {
            num *= BigInteger.Pow(10, p);
        }
        else
        {
            den *= BigInteger.Pow(10, -p);
        }
        if (k >= 0)
        {
            den <<= k;
        }
        else
        {
            num <<= -k;
        }
        var quotient = BigInteger.DivRem(num, den, out var rem);
        q = quotient > 100_000_000 ? 100_000_000 : (long)quotient;
        return (rem * 2).CompareTo(den);
    }

    /// <summary>
    /// <c>std::stoi</c> on a timecode field (at most two characters): optional C whitespace, optional sign, then at
    /// least one decimal digit; anything after the digits is ignored (<c>"4:"</c> → 4, <c>" 7"</c> → 7,
    /// <c>"-1"</c> → −1, <c>":0"</c> → failure).
    /// </summary>
    internal static bool TryStoi(ReadOnlySpan<char> field, out int result)
    {
        result = 0;
        var i = 0;
        while (i < field.Length && field[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }
        var negative = false;
        if (i < field.Length && field[i] is '+' or '-')
        {
            negative = field[i] == '-';
            i++;
        }
        var start = i;
        var value = 0;
        while (i < field.Length && field[i] is >= '0' and <= '9')
        {
            value = value * 10 + (field[i] - '0');
            i++;
        }
        if (i == start)
        {
            return false;
        }
        result = negative ? -value : value;
        return true;
    }

    /// <summary>
    /// OTIO's <c>parseFloat(pCurr, pEnd, allow_negative)</c> over <paramref name="text"/> seen as a C string (index
    /// <c>text.Length</c> reads as NUL). Digits accumulate into an unsigned 64-bit integer (failing on a detected
    /// wrap, or when the integer does not survive a round trip through double, e.g. 12345678901234567890); then
    /// the integer part must end the range, hit NUL or be followed by <c>.</c>, whose digits add
    /// digit × 0.1, × 0.01, … (scale multiplied by 0.1 each step, so <c>0.041666</c> is not the nearest double).
    /// </summary>
    internal static bool ParseFloat(ReadOnlySpan<char> text, int current, int end, bool allowNegative, out double result)
    {
        result = 0.0;
        if (current >= end)
        {
            return false;
        }
        var sign = 1.0;
        var c = At(text, current);
        if (c == '+')
        {
            current++;
        }
        else if (c == '-')
        {
            if (!allowNegative)
            {
                return false;
            }
            sign = -1.0;
            current++;
        }

        ulong uintPart = 0;
        while (current < end)
        {
            c = At(text, current);
            if (c is < '0' or > '9')
            {
                break;
            }
            var accumulated = unchecked(uintPart * 10 + (ulong)(c - '0'));
            if (accumulated < uintPart)
            {
                return false;
            }
            uintPart = accumulated;
            current++;
        }

        var ret = (double)uintPart;
        // (uint64_t)ret for ret == 2^64 is 0 on x86-64 gcc; .NET would saturate, so test the range first.
        if (ret >= 18446744073709551616.0 || uintPart != (ulong)ret)
        {
            return false;
        }

        if (current == end || At(text, current) == '\0')
        {
            result = sign * ret;
            return true;
        }
        if (At(text, current) != '.')
        {
            return false;
        }
        current++;

        var positionScale = 0.1;
        while (current < end)
        {
            c = At(text, current);
            if (c is < '0' or > '9')
            {
                break;
            }
            ret += (c - '0') * positionScale;
            current++;
            positionScale *= 0.1;
        }
        result = sign * ret;
        return true;
    }

    /// <summary>The character at <paramref name="index"/>, or NUL at (and past) the end, as a C string reads.</summary>
    internal static char At(ReadOnlySpan<char> text, int index) => index < text.Length ? text[index] : '\0';
}
