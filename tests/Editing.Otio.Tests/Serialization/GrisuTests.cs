using System.Globalization;
using System.Numerics;
using System.Text;
using Editing.Otio.Serialization;
using Xunit.Abstractions;

namespace Editing.Otio.Tests.Serialization;

public sealed class GrisuTests
{
    private readonly ITestOutputHelper _output;

    public GrisuTests(ITestOutputHelper output) => _output = output;

    [Theory]
    // otio-format.md §2.2
    [InlineData(24.0, "24.0")]
    [InlineData(1e20, "100000000000000000000.0")]
    [InlineData(1e21, "1e21")]
    [InlineData(1.2345678901234566e29, "1.2345678901234566e29")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    // Frame rates and other common values
    [InlineData(23.976023976023978, "23.976023976023978")]
    [InlineData(29.97002997002997, "29.97002997002997")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e308")]
    [InlineData(1e22, "1e22")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "10000000000000000.0")]
    [InlineData(1.5e21, "1.5e21")]
    [InlineData(123456789012345680000.0, "123456789012345680000.0")]
    [InlineData(1.2345e-6, "0.0000012345")]
    [InlineData(-1.2345678901234567e-6, "-0.0000012345678901234567")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e100, "1e100")]
    [InlineData(1e-100, "1e-100")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    // RapidJSON's own dtoa unit test vectors (default maxDecimalPlaces)
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(1.2345, "1.2345")]
    [InlineData(1.2345678, "1.2345678")]
    [InlineData(0.123456789012, "0.123456789012")]
    [InlineData(1234567.8, "1234567.8")]
    [InlineData(-79.39773355813419, "-79.39773355813419")]
    [InlineData(1e30, "1e30")]
    [InlineData(1.234567890123456e30, "1.234567890123456e30")]
    [InlineData(2.225073858507201e-308, "2.225073858507201e-308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    public void FormatsKnownValues(double value, string expected)
    {
        Assert.Equal(expected, Grisu.FormatDouble(value));

        Span<byte> buffer = stackalloc byte[Grisu.MaxLength];
        int length = Grisu.FormatDouble(value, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..length]));
    }

    [Fact]
    public void NegativeNaNIsStillNaN()
    {
        double negativeNaN = BitConverter.UInt64BitsToDouble(0xFFF8_0000_0000_0001);
        Assert.True(double.IsNaN(negativeNaN));
        Assert.Equal("NaN", Grisu.FormatDouble(negativeNaN));
    }

    [Fact]
    public void RejectsTooSmallDestination()
    {
        Assert.Throws<ArgumentException>(() => Grisu.FormatDouble(1.0, new byte[Grisu.MaxLength - 1]));
    }

    [Fact]
    public void WritesOnlyTheReportedBytes()
    {
        byte[] buffer = new byte[40];
        Array.Fill(buffer, (byte)'#');
        int length = Grisu.FormatDouble(-1.2345678901234567e-6, buffer);
        Assert.Equal(Grisu.MaxLength, length); // the documented worst case is reachable
        Assert.All(buffer[length..], b => Assert.Equal((byte)'#', b));
    }

    [Fact]
    public void CachedPowersAreRoundedNormalisedPowersOfTen()
    {
        for (int i = 0; i < Grisu.CachedPowerCount; i++)
        {
            (ulong significand, int binaryExponent, int decimalExponent) = Grisu.CachedPower(i);
            (ulong expectedSignificand, int expectedExponent) = NormalisedPowerOfTen(decimalExponent);
            Assert.True(expectedSignificand == significand, $"10^{decimalExponent}: significand {significand:x16}, expected {expectedSignificand:x16}");
            Assert.Equal(expectedExponent, binaryExponent);
        }
    }

    [Fact]
    public void RoundTripsAndIsNearlyShortest()
    {
        var random = new Random(12345);
        var stats = new DigitStats();

        int checkedBits = 0;
        while (checkedBits < 200_000)
        {
            double x = BitConverter.Int64BitsToDouble(random.NextInt64() ^ (random.NextInt64() << 1));
            if (!double.IsFinite(x))
            {
                continue;
            }

            CheckRoundTrip(x, stats);
            checkedBits++;
        }

        for (int i = 0; i < 200_000; i++)
        {
            double r = random.NextDouble() * (random.Next(2) == 0 ? 1 : -1000);
            int k = random.Next(0, 16);
            int j = random.Next(0, 16);
            double x = Math.Round(r * Math.Pow(10, k)) / Math.Pow(10, j);
            CheckRoundTrip(x, stats);
        }

        // Edges of the layout and of the binary range.
        foreach (double x in EdgeValues())
        {
            CheckRoundTrip(x, stats);
            CheckRoundTrip(-x, stats);
        }

        _output.WriteLine($"checked {stats.Total} values; {stats.LongerThanShortest} one digit longer than \"R\", {stats.LongerByTwoOrMore} two or more longer, {stats.SameLengthDifferentDigits} same length but different digits");
        foreach (string example in stats.Examples)
        {
            _output.WriteLine(example);
        }
        // Two-or-more-longer cases need the shortest candidate within ~0.002 ulp of the rounding boundary (or exactly
        // on it, a tie that round-half-even resolves towards this double): rare. The seeded sample has about 0.04%,
        // mostly repeats among the decimal-looking values.
        Assert.True(stats.LongerByTwoOrMore * 1_000 < stats.Total, "too many outputs two or more digits longer than \"R\"");
    }

    [Fact]
    public void ReformatsConformanceNumbersIdentically()
    {
        string? root = FindSharedDirectory(Path.Combine("conformance", "otio", "expected"));
        if (root is null)
        {
            _output.WriteLine("SKIPPED: ../shared not found");
            return;
        }

        string[] files = Directory.GetFiles(root, "*.roundtrip.otio", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        Assert.NotEmpty(files);

        int doubles = 0;
        int nonFinite = 0;
        var mismatches = new List<string>();
        foreach (string file in files)
        {
            foreach (string token in NumberTokens(File.ReadAllText(file)))
            {
                double value;
                if (token is "NaN" or "Infinity" or "-Infinity")
                {
                    value = token switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity };
                    nonFinite++;
                }
                else if (token.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
                {
                    value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
                    doubles++;
                }
                else
                {
                    continue; // integer token: written by the int64 path, not by dtoa
                }

                string formatted = Grisu.FormatDouble(value);
                if (formatted != token)
                {
                    mismatches.Add($"{Path.GetRelativePath(root, file)}: {token} -> {formatted}");
                }
            }
        }

        _output.WriteLine($"{files.Length} files, {doubles} double tokens and {nonFinite} NaN/Infinity tokens checked, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Take(20)));
        Assert.True(doubles > 0, "no double tokens found in the conformance files");
    }

    private static void CheckRoundTrip(double x, DigitStats stats)
    {
        string text = Grisu.FormatDouble(x);
        double parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(BitConverter.DoubleToInt64Bits(parsed) == BitConverter.DoubleToInt64Bits(x), $"{x:R} formatted as {text} reads back as {parsed:R}");
        Assert.True(text.Length <= Grisu.MaxLength, $"{x:R} formatted as {text} exceeds MaxLength");

        string shortest = x.ToString("R", CultureInfo.InvariantCulture);
        (string grisuDigits, int grisuExponent) = Canonical(text);
        (string shortestDigits, int shortestExponent) = Canonical(shortest);
        Assert.True(grisuDigits.Length >= shortestDigits.Length, $"{shortest}: Grisu2 {text} is shorter than \"R\"");
        Assert.True(grisuDigits.Length <= 17, $"{shortest}: Grisu2 {text} has more than 17 digits");

        stats.Total++;
        if (grisuDigits.Length > shortestDigits.Length + 1)
        {
            // Grisu2 searches a rounding interval shrunk by one 2^-64-relative unit at each end, so a shortest
            // candidate lying within that sliver of the true boundary is invisible to it and it falls back to a
            // longer string. That is the only way to end up two or more digits longer: prove it for each case.
            double ulpsFromValue = DistanceInUlps(x, shortestDigits, shortestExponent, out double boundary);
            Assert.True(
                Math.Abs(ulpsFromValue) > boundary - 0.002,
                $"{shortest}: Grisu2 {text} is {grisuDigits.Length - shortestDigits.Length} digits longer, yet \"R\" lies {ulpsFromValue} ulp from the value (boundary {boundary})");
            stats.LongerByTwoOrMore++;
            stats.AddExample($"two or more longer: R {shortest} / Grisu2 {text} (R candidate at {ulpsFromValue:F5} ulp)");
        }
        else if (grisuDigits.Length > shortestDigits.Length)
        {
            stats.LongerThanShortest++;
            stats.AddExample($"longer: R {shortest} / Grisu2 {text}");
        }
        else if (grisuDigits != shortestDigits || grisuExponent != shortestExponent)
        {
            stats.SameLengthDifferentDigits++;
            stats.AddExample($"different digit: R {shortest} / Grisu2 {text}");
        }
    }

    // Significant digits (no leading/trailing zeros) and the decimal point position: value = 0.digits * 10^exponent.
    private static (string Digits, int Exponent) Canonical(string text)
    {
        string s = text.TrimStart('-');
        int exponent = 0;
        int e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        int point = s.IndexOf('.', StringComparison.Ordinal);
        string integral = point >= 0 ? s[..point] : s;
        string digits = integral + (point >= 0 ? s[(point + 1)..] : "");
        exponent += integral.Length;
        int leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
        {
            leading++;
        }

        return (digits[leading..].TrimEnd('0'), exponent - leading);
    }

    // Signed distance of 0.digits * 10^exponent from |x|, in units of x's ulp, and the distance of the rounding
    // boundary on that side (0.5, or 0.25 below a power of two whose lower neighbour is closer).
    private static double DistanceInUlps(double x, string digits, int exponent, out double boundary)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(Math.Abs(x));
        int biased = (int)(bits >> 52);
        ulong significand = bits & ((1UL << 52) - 1);
        BigInteger f = biased == 0 ? significand : significand | (1UL << 52);
        int e = biased == 0 ? -1074 : biased - 1075;
        int q = exponent - digits.Length; // candidate = digits * 10^q

        // Scale candidate, value and ulp by 10^max(-q,0) * 2^max(-e,0) so all three are integers.
        BigInteger candidate = BigInteger.Parse(digits, CultureInfo.InvariantCulture) * BigInteger.Pow(10, Math.Max(q, 0)) << Math.Max(-e, 0);
        BigInteger value = f * BigInteger.Pow(10, Math.Max(-q, 0)) << Math.Max(e, 0);
        BigInteger ulp = BigInteger.Pow(10, Math.Max(-q, 0)) << Math.Max(e, 0);
        BigInteger difference = candidate - value;

        bool closerBelow = difference.Sign < 0 && significand == 0 && biased > 1;
        boundary = closerBelow ? 0.25 : 0.5;
        return (double)(difference * 1_000_000 / ulp) / 1_000_000;
    }

    private static IEnumerable<double> EdgeValues()
    {
        for (int p = -330; p <= 310; p++)
        {
            double x = double.Parse($"1e{p}", CultureInfo.InvariantCulture);
            yield return x;
            yield return Math.BitIncrement(x);
            yield return Math.BitDecrement(x);
        }

        for (int p = -1074; p <= 1023; p++)
        {
            yield return Math.ScaleB(1.0, p);
        }

        yield return double.Epsilon;
        yield return double.MaxValue;
        yield return BitConverter.UInt64BitsToDouble(0x000F_FFFF_FFFF_FFFF); // largest subnormal
        yield return BitConverter.UInt64BitsToDouble(0x0010_0000_0000_0000); // smallest normal
    }

    // 10^decimalExponent as a 64-bit significand with its top bit set, rounded to nearest, and its binary exponent.
    private static (ulong Significand, int Exponent) NormalisedPowerOfTen(int decimalExponent)
    {
        BigInteger numerator = decimalExponent >= 0 ? BigInteger.Pow(10, decimalExponent) : BigInteger.One;
        BigInteger denominator = decimalExponent >= 0 ? BigInteger.One : BigInteger.Pow(10, -decimalExponent);

        // Find the binary exponent e with 2^63 <= value / 2^e < 2^64.
        int e = (int)(numerator.GetBitLength() - denominator.GetBitLength()) - 64;
        while (true)
        {
            BigInteger scaledNumerator = e < 0 ? numerator << -e : numerator;
            BigInteger scaledDenominator = e > 0 ? denominator << e : denominator;
            BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
            if (quotient >= BigInteger.One << 64)
            {
                e++;
                continue;
            }

            if (quotient < BigInteger.One << 63)
            {
                e--;
                continue;
            }

            if (remainder * 2 >= scaledDenominator)
            {
                quotient++;
            }

            return ((ulong)quotient, e);
        }
    }

    // Number tokens of a JSON text written by RapidJSON (including its bare NaN / Infinity / -Infinity), skipping
    // everything inside strings so that digits in names or metadata text are not picked up.
    private static IEnumerable<string> NumberTokens(string json)
    {
        int i = 0;
        while (i < json.Length)
        {
            char c = json[i];
            if (c == '"')
            {
                i++;
                while (json[i] != '"')
                {
                    i += json[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c == '-' || char.IsAsciiDigit(c) || char.IsAsciiLetter(c))
            {
                int start = i;
                i++;
                while (i < json.Length && (char.IsAsciiLetterOrDigit(json[i]) || json[i] is '.' or '+' or '-'))
                {
                    i++;
                }

                string token = json[start..i];
                if (token is not ("true" or "false" or "null"))
                {
                    yield return token;
                }
            }
            else
            {
                i++;
            }
        }
    }

    // Walks up from the test binaries looking for shared/<relativePath> beside or above the repository.
    private static string? FindSharedDirectory(string relativePath)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", relativePath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class DigitStats
    {
        public int Total;
        public int LongerThanShortest;
        public int LongerByTwoOrMore;
        public int SameLengthDifferentDigits;
        private readonly Dictionary<string, int> _perKind = [];

        public List<string> Examples { get; } = [];

        // Keeps the first few distinct examples of each kind (the text before the first ':').
        public void AddExample(string example)
        {
            string kind = example[..example.IndexOf(':', StringComparison.Ordinal)];
            int count = _perKind.GetValueOrDefault(kind);
            if (count < 5 && !Examples.Contains(example))
            {
                _perKind[kind] = count + 1;
                Examples.Add(example);
            }
        }
    }
}
