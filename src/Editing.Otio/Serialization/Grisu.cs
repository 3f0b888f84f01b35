using System.Diagnostics;
using System.Numerics;
using System.Text;

namespace Editing.Otio.Serialization;

// Double -> text exactly as OpenTimelineIO's C++ writer produces it.
//
// OTIO serialises through RapidJSON's Writer::WriteDouble, which uses RapidJSON's own Grisu2 (Loitsch 2010,
// "Printing floating-point numbers quickly and accurately with integers") followed by RapidJSON's "Prettify" layout
// with the default maxDecimalPlaces (324, i.e. never truncating). .NET's "R"/shortest formatting is a different
// algorithm (it is always the shortest *and* closest), and Grisu2 sometimes emits one more digit or a different last
// digit, so a byte-identical writer has to reproduce Grisu2 itself, including RapidJSON's particular choices:
//   * the boundaries of the rounding interval are computed in 64-bit fixed point and then shrunk by one unit on each
//     side, which makes the interval conservative (always inside the true one) so any digits found inside it
//     round-trip, at the price of occasionally not finding the shortest string;
//   * the 64x64 multiply rounds half-up on bit 63 of the low word;
//   * the cached power of ten is chosen from a table stepping 10^8, indexed by a fixed-point log10(2) estimate;
//   * the final "weeding" step moves the last digit towards the exact value, using wrapping 64-bit arithmetic.
// All of those affect the last digit, so they are mirrored here exactly. (RapidJSON 1.1.0 indexed a ten-entry power
// table out of bounds in the weeding step, and some copies guard it with `index < 9 ? ... : 0`, which skips weeding
// after eight fractional digits. The reference files match the current twenty-entry table: 24000/1001 is written
// "23.976023976023978", which the skipping variant would write as "...979".)
internal static class Grisu
{
    // Longest possible output: sign + "0." + five zeros + 17 digits (values in [1e-6, 1e-5) with 17 significant
    // digits), e.g. "-0.0000012345678901234567" = 25 bytes. Every other layout is shorter: fixed notation peaks at
    // sign + 21 digits + ".0" = 24, scientific at sign + 17 digits + "." + "e-308" = 24. RapidJSON's own buffer is
    // char[25] for the same reason.
    public const int MaxLength = 25;

    // RapidJSON's default maxDecimalPlaces. With 324 the truncating branches of Prettify can never fire for a finite
    // double (the smallest subnormal has decimal exponent -323), but the check is kept for fidelity.
    private const int MaxDecimalPlaces = 324;

    private const int SignificandBits = 52;
    private const ulong SignificandMask = (1UL << SignificandBits) - 1;
    private const ulong HiddenBit = 1UL << SignificandBits;
    private const ulong SignBit = 1UL << 63;
    private const int ExponentBias = 1023 + SignificandBits; // value = f * 2^(biased - ExponentBias)
    private const int SubnormalExponent = 1 - ExponentBias;   // -1074

    // Normalised 64-bit significands of 10^-348, 10^-340, ..., 10^340 (step 8), rounded to nearest. Entry i is
    // 10^(-348 + 8 i) ~= significand * 2^exponent with the exponent from CachedPowerExponents.
    private static ReadOnlySpan<ulong> CachedPowerSignificands =>
    [
        0xfa8fd5a0081c0288, 0xbaaee17fa23ebf76, 0x8b16fb203055ac76, 0xcf42894a5dce35ea,
        0x9a6bb0aa55653b2d, 0xe61acf033d1a45df, 0xab70fe17c79ac6ca, 0xff77b1fcbebcdc4f,
        0xbe5691ef416bd60c, 0x8dd01fad907ffc3c, 0xd3515c2831559a83, 0x9d71ac8fada6c9b5,
        0xea9c227723ee8bcb, 0xaecc49914078536d, 0x823c12795db6ce57, 0xc21094364dfb5637,
        0x9096ea6f3848984f, 0xd77485cb25823ac7, 0xa086cfcd97bf97f4, 0xef340a98172aace5,
        0xb23867fb2a35b28e, 0x84c8d4dfd2c63f3b, 0xc5dd44271ad3cdba, 0x936b9fcebb25c996,
        0xdbac6c247d62a584, 0xa3ab66580d5fdaf6, 0xf3e2f893dec3f126, 0xb5b5ada8aaff80b8,
        0x87625f056c7c4a8b, 0xc9bcff6034c13053, 0x964e858c91ba2655, 0xdff9772470297ebd,
        0xa6dfbd9fb8e5b88f, 0xf8a95fcf88747d94, 0xb94470938fa89bcf, 0x8a08f0f8bf0f156b,
        0xcdb02555653131b6, 0x993fe2c6d07b7fac, 0xe45c10c42a2b3b06, 0xaa242499697392d3,
        0xfd87b5f28300ca0e, 0xbce5086492111aeb, 0x8cbccc096f5088cc, 0xd1b71758e219652c,
        0x9c40000000000000, 0xe8d4a51000000000, 0xad78ebc5ac620000, 0x813f3978f8940984,
        0xc097ce7bc90715b3, 0x8f7e32ce7bea5c70, 0xd5d238a4abe98068, 0x9f4f2726179a2245,
        0xed63a231d4c4fb27, 0xb0de65388cc8ada8, 0x83c7088e1aab65db, 0xc45d1df942711d9a,
        0x924d692ca61be758, 0xda01ee641a708dea, 0xa26da3999aef774a, 0xf209787bb47d6b85,
        0xb454e4a179dd1877, 0x865b86925b9bc5c2, 0xc83553c5c8965d3d, 0x952ab45cfa97a0b3,
        0xde469fbd99a05fe3, 0xa59bc234db398c25, 0xf6c69a72a3989f5c, 0xb7dcbf5354e9bece,
        0x88fcf317f22241e2, 0xcc20ce9bd35c78a5, 0x98165af37b2153df, 0xe2a0b5dc971f303a,
        0xa8d9d1535ce3b396, 0xfb9b7cd9a4a7443c, 0xbb764c4ca7a44410, 0x8bab8eefb6409c1a,
        0xd01fef10a657842c, 0x9b10a4e5e9913129, 0xe7109bfba19c0c9d, 0xac2820d9623bf429,
        0x80444b5e7aa7cf85, 0xbf21e44003acdd2d, 0x8e679c2f5e44ff8f, 0xd433179d9c8cb841,
        0x9e19db92b4e31ba9, 0xeb96bf6ebadf77d9, 0xaf87023b9bf0ee6b,
    ];

    // Binary exponents matching CachedPowerSignificands.
    private static ReadOnlySpan<short> CachedPowerExponents =>
    [
        -1220, -1193, -1166, -1140, -1113, -1087, -1060, -1034, -1007, -980,
        -954, -927, -901, -874, -847, -821, -794, -768, -741, -715,
        -688, -661, -635, -608, -582, -555, -529, -502, -475, -449,
        -422, -396, -369, -343, -316, -289, -263, -236, -210, -183,
        -157, -130, -103, -77, -50, -24, 3, 30, 56, 83,
        109, 136, 162, 189, 216, 242, 269, 295, 322, 348,
        375, 402, 428, 455, 481, 508, 534, 561, 588, 614,
        641, 667, 694, 720, 747, 774, 800, 827, 853, 880,
        907, 933, 960, 986, 1013, 1039, 1066,
    ];

    // 10^0 .. 10^19, every power of ten that fits in a ulong.
    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
        10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
        1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
    ];

    // Exposed for the table self-check in the tests.
    internal static int CachedPowerCount => CachedPowerSignificands.Length;

    internal static (ulong Significand, int BinaryExponent, int DecimalExponent) CachedPower(int index) =>
        (CachedPowerSignificands[index], CachedPowerExponents[index], -348 + 8 * index);

    public static string FormatDouble(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = FormatDouble(value, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    // Writes RapidJSON's text for `value` (with kWriteNanAndInfFlag: NaN -> "NaN", ±inf -> "Infinity"/"-Infinity")
    // and returns the number of bytes written. `destination` must hold at least MaxLength (25) bytes; the check is up
    // front so the digit generation and in-place layout below never need their own bounds reasoning.
    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"The destination must hold at least {MaxLength} bytes.", nameof(destination));
        }

        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        if (!double.IsFinite(value))
        {
            // RapidJSON tests NaN before the sign, so a negative NaN is still "NaN".
            ReadOnlySpan<byte> text = double.IsNaN(value) ? "NaN"u8 : (bits & SignBit) != 0 ? "-Infinity"u8 : "Infinity"u8;
            text.CopyTo(destination);
            return text.Length;
        }

        int position = 0;
        if ((bits & SignBit) != 0)
        {
            destination[0] = (byte)'-';
            position = 1;
            bits &= ~SignBit;
        }

        if (bits == 0)
        {
            "0.0"u8.CopyTo(destination[position..]);
            return position + 3;
        }

        Span<byte> body = destination[position..];
        int digitCount = GenerateDigits(bits, body, out int decimalExponent);
        return position + Layout(body, digitCount, decimalExponent);
    }

    // Grisu2 proper: writes the decimal digits of the positive finite non-zero double with the given bits into
    // `digits` and returns their count; the value is digits * 10^decimalExponent.
    private static int GenerateDigits(ulong bits, Span<byte> digits, out int decimalExponent)
    {
        int biased = (int)(bits >> SignificandBits);
        ulong f;
        int e;
        if (biased != 0)
        {
            f = (bits & SignificandMask) | HiddenBit;
            e = biased - ExponentBias;
        }
        else
        {
            f = bits & SignificandMask;
            e = SubnormalExponent;
        }

        // Rounding interval: every real strictly between the midpoints to the neighbouring doubles reads back as this
        // double. Upper midpoint m+ = (2f + 1) * 2^(e-1), normalised so bit 63 is set.
        ulong plusF = (f << 1) + 1;
        int plusE = e - 1;
        int plusShift = BitOperations.LeadingZeroCount(plusF);
        plusF <<= plusShift;
        plusE -= plusShift;

        // Lower midpoint m-. At a power of two (significand exactly the hidden bit) the next lower double is only
        // half as far away, so the interval is asymmetric. RapidJSON applies this to the smallest normal too, whose
        // lower neighbour is actually equally spaced; that only narrows the interval, so it is kept.
        ulong minusF;
        int minusE;
        if (f == HiddenBit)
        {
            minusF = (f << 2) - 1;
            minusE = e - 2;
        }
        else
        {
            minusF = (f << 1) - 1;
            minusE = e - 1;
        }

        minusF <<= minusE - plusE; // bring onto m+'s exponent (m- < m+, so this never loses bits)

        int valueShift = BitOperations.LeadingZeroCount(f);
        ulong valueF = f << valueShift;
        Debug.Assert(e - valueShift == plusE, "v and m+ normalise to the same binary exponent");

        // Pick c = 10^-k so that the scaled upper boundary's binary exponent lands in about [-60, -32]: the integral
        // part then fits in 32 bits and the fractional part leaves room for multiplying by 10. 78913 / 2^18 is
        // log10(2) in fixed point; the arithmetic shift floors for negative arguments as RapidJSON's does.
        int k = 347 + 8 - (((61 + plusE) * 78913) >> 18);
        int index = k >> 3;
        decimalExponent = 348 - (k & ~7);
        ulong powerF = CachedPowerSignificands[index];
        int powerE = CachedPowerExponents[index];

        ulong scaledValue = MultiplyRounded(valueF, powerF);
        // Shrink the interval by one unit each side: the products are only accurate to within half a unit, so the
        // shrunk interval is guaranteed to lie inside the true one. Everything generated inside it round-trips.
        ulong scaledPlus = MultiplyRounded(plusF, powerF) - 1;
        ulong scaledMinus = MultiplyRounded(minusF, powerF) + 1;
        int scaledExponent = plusE + powerE + 64;

        return GenerateShortest(scaledValue, scaledPlus, scaledExponent, scaledPlus - scaledMinus, digits, ref decimalExponent);
    }

    // Upper 64 bits of the 128-bit product, rounded half-up on bit 63 of the lower word.
    private static ulong MultiplyRounded(ulong a, ulong b)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        return unchecked(high + (low >> 63));
    }

    // Emits digits of the scaled upper boundary `upper` (fixed point with `exponent` < 0) until the remainder drops
    // inside the interval width `delta`, i.e. until the digits so far, padded with zeros, are still above the lower
    // boundary. Since the digits are a truncation of the upper boundary, they are the shortest prefix that lies
    // in the interval; the last digit is then adjusted towards the value by Weed.
    private static int GenerateShortest(ulong value, ulong upper, int exponent, ulong delta, Span<byte> digits, ref int decimalExponent)
    {
        unchecked
        {
            int shift = -exponent;
            ulong one = 1UL << shift;
            ulong fractionMask = one - 1;
            ulong distanceToValue = upper - value;

            uint integral = (uint)(upper >> shift);
            ulong fraction = upper & fractionMask;
            int kappa = IntegralDigitCount(integral);
            int count = 0;

            while (kappa > 0)
            {
                uint divisor = (uint)PowersOfTen[kappa - 1];
                uint digit = integral / divisor;
                integral %= divisor;
                if (digit != 0 || count != 0)
                {
                    digits[count++] = (byte)('0' + digit);
                }

                kappa--;
                ulong rest = ((ulong)integral << shift) + fraction;
                if (rest <= delta)
                {
                    decimalExponent += kappa;
                    Weed(digits, count, delta, rest, PowersOfTen[kappa] << shift, distanceToValue);
                    return count;
                }
            }

            // Integral part exhausted (kappa = 0): continue into the fraction, scaling the remainder and the interval
            // width by ten for each digit.
            while (true)
            {
                fraction *= 10;
                delta *= 10;
                uint digit = (uint)(fraction >> shift);
                if (digit != 0 || count != 0)
                {
                    digits[count++] = (byte)('0' + digit);
                }

                fraction &= fractionMask;
                kappa--;
                if (fraction < delta)
                {
                    decimalExponent += kappa;
                    // The distance to the value must be scaled like delta (by 10^-kappa, wrapping like RapidJSON's
                    // uint64 product). RapidJSON guards the table lookup with 0 beyond 10^19; no double generates
                    // that many fractional digits, but the guard keeps the lookup in range all the same.
                    int fractionalDigits = -kappa;
                    ulong scale = fractionalDigits < PowersOfTen.Length ? PowersOfTen[fractionalDigits] : 0;
                    Weed(digits, count, delta, fraction, one, distanceToValue * scale);
                    return count;
                }
            }
        }
    }

    // Number of decimal digits of the integral part, capped at 9 like RapidJSON (the cached-power choice keeps the
    // integral part below 10^9 for every double).
    private static int IntegralDigitCount(uint n)
    {
        if (n < 10) return 1;
        if (n < 100) return 2;
        if (n < 1000) return 3;
        if (n < 10000) return 4;
        if (n < 100000) return 5;
        if (n < 1000000) return 6;
        if (n < 10000000) return 7;
        if (n < 100000000) return 8;
        return 9;
    }

    // The "weeding" / rounding step. The generated digits are the upper boundary truncated to the current digit
    // position, which is in the interval but may be farther from the value than a smaller candidate. While lowering
    // the last digit by one (adding one unit `step` to the remainder `rest`) stays inside the interval (rest + step
    // <= delta) and brings the candidate closer to the value (whose distance below the upper boundary is
    // `distanceToValue`), lower it. All quantities are in the same scaled units; the comparisons are arranged so
    // no unsigned subtraction underflows.
    private static void Weed(Span<byte> digits, int count, ulong delta, ulong rest, ulong step, ulong distanceToValue)
    {
        unchecked
        {
            while (rest < distanceToValue
                && delta - rest >= step
                && (rest + step < distanceToValue || distanceToValue - rest > rest + step - distanceToValue))
            {
                digits[count - 1]--;
                rest += step;
            }
        }
    }

    // RapidJSON's Prettify: lays out digits * 10^exponent in place. `buffer` starts with the digits.
    private static int Layout(Span<byte> buffer, int length, int exponent)
    {
        int pointPosition = length + exponent; // 10^(pointPosition-1) <= v < 10^pointPosition

        if (exponent >= 0 && pointPosition <= 21)
        {
            // Integer below 10^21: pad with zeros, then ".0". 1234e7 -> 12340000000.0
            buffer[length..pointPosition].Fill((byte)'0');
            buffer[pointPosition] = (byte)'.';
            buffer[pointPosition + 1] = (byte)'0';
            return pointPosition + 2;
        }

        if (pointPosition > 0 && pointPosition <= 21)
        {
            // Point inside the digits: 1234e-2 -> 12.34. (Truncation to maxDecimalPlaces cannot apply: it would need
            // more than 324 fractional digits.)
            buffer[pointPosition..length].CopyTo(buffer[(pointPosition + 1)..]);
            buffer[pointPosition] = (byte)'.';
            return length + 1;
        }

        if (pointPosition > -6 && pointPosition <= 0)
        {
            // Down to 10^-6 in fixed notation: 1234e-6 -> 0.001234
            int offset = 2 - pointPosition;
            buffer[..length].CopyTo(buffer[offset..]);
            buffer[0] = (byte)'0';
            buffer[1] = (byte)'.';
            buffer[2..offset].Fill((byte)'0');
            return length + offset;
        }

        if (pointPosition < -MaxDecimalPlaces)
        {
            // Unreachable with the default 324 (kept to mirror RapidJSON): truncates to zero.
            "0.0"u8.CopyTo(buffer);
            return 3;
        }

        if (length == 1)
        {
            // 1e30: no point for a single digit.
            buffer[1] = (byte)'e';
            return 2 + WriteExponent(pointPosition - 1, buffer[2..]);
        }

        // 1234e30 -> 1.234e33
        buffer[1..length].CopyTo(buffer[2..]);
        buffer[1] = (byte)'.';
        buffer[length + 1] = (byte)'e';
        return length + 2 + WriteExponent(pointPosition - 1, buffer[(length + 2)..]);
    }

    // Exponent without '+' or zero padding: "21", "-7", "308".
    private static int WriteExponent(int exponent, Span<byte> buffer)
    {
        int position = 0;
        if (exponent < 0)
        {
            buffer[position++] = (byte)'-';
            exponent = -exponent;
        }

        if (exponent >= 100)
        {
            buffer[position++] = (byte)('0' + exponent / 100);
            exponent %= 100;
            buffer[position++] = (byte)('0' + exponent / 10);
            buffer[position++] = (byte)('0' + exponent % 10);
        }
        else if (exponent >= 10)
        {
            buffer[position++] = (byte)('0' + exponent / 10);
            buffer[position++] = (byte)('0' + exponent % 10);
        }
        else
        {
            buffer[position++] = (byte)('0' + exponent);
        }

        return position;
    }
}
