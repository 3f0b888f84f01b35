using System.Globalization;

namespace Editing.Media;

/// <summary>
/// A video frame rate as an exact rational number of frames per second, always stored reduced
/// (<c>48/2</c> becomes <c>24/1</c>), so that NTSC rates such as <c>24000/1001</c> (23.976) stay exact through every
/// calculation. Equality compares the reduced fraction.
/// </summary>
/// <remarks>
/// Worked example: 120 frames at <c>24000/1001</c> last 120 × 1001 / 24000 = 5.005 s, which is
/// 120 × 48000 × 1001 / 24000 = 240240 samples at 48 kHz (see <see cref="FramesToSamples"/>).
/// </remarks>
public readonly record struct FrameRate
{
    /// <summary>23.976 fps (<c>24000/1001</c>).</summary>
    public static readonly FrameRate Fps23_976 = new(24000, 1001);

    /// <summary>24 fps.</summary>
    public static readonly FrameRate Fps24 = new(24, 1);

    /// <summary>25 fps.</summary>
    public static readonly FrameRate Fps25 = new(25, 1);

    /// <summary>29.97 fps (<c>30000/1001</c>).</summary>
    public static readonly FrameRate Fps29_97 = new(30000, 1001);

    /// <summary>30 fps.</summary>
    public static readonly FrameRate Fps30 = new(30, 1);

    /// <summary>50 fps.</summary>
    public static readonly FrameRate Fps50 = new(50, 1);

    /// <summary>59.94 fps (<c>60000/1001</c>).</summary>
    public static readonly FrameRate Fps59_94 = new(60000, 1001);

    /// <summary>60 fps.</summary>
    public static readonly FrameRate Fps60 = new(60, 1);

    /// <summary>Creates the rate <paramref name="numerator"/>/<paramref name="denominator"/> frames per second, reduced.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either part is zero or negative.</exception>
    public FrameRate(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var gcd = Gcd(numerator, denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    /// <summary>Frames counted per <see cref="Denominator"/> seconds (e.g. 24000 for 23.976).</summary>
    public int Numerator { get; }

    /// <summary>Seconds per <see cref="Numerator"/> frames (e.g. 1001 for 23.976).</summary>
    public int Denominator { get; }

    /// <summary>False only for <c>default(FrameRate)</c>, which has no rate.</summary>
    public bool IsValid => Denominator > 0;

    /// <summary>
    /// The integer frame count of one timecode second: the rate rounded up (24 for 23.976, 30 for 29.97, 25 for 25).
    /// </summary>
    public int TimecodeBase => (int)((Numerator + (long)Denominator - 1) / Denominator);

    /// <summary>The rate in frames per second as a double, for display only (never for frame arithmetic).</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>
    /// The number of audio samples at <paramref name="sampleRate"/> Hz that <paramref name="frames"/> frames at this
    /// rate last: frames × sampleRate × Denominator / Numerator, computed exactly in 128-bit integers and rounded to
    /// the nearest sample, halves up. 120 frames at 24000/1001 and 48000 Hz = 240240 samples (exact); 1 frame at
    /// 30000/1001 and 48000 Hz = 1601.6 → 1602 samples.
    /// </summary>
    /// <remarks>
    /// To cut consecutive segments without drift, take each segment's count as the difference of the cumulative
    /// values (samples(end) − samples(start)) rather than rounding each segment on its own.
    /// </remarks>
    public long FramesToSamples(long frames, int sampleRate)
    {
        ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var scaled = (Int128)frames * sampleRate * Denominator;
        return (long)RoundHalfUp(scaled, Numerator);
    }

    /// <summary>
    /// The time of frame boundary <paramref name="frames"/> in microseconds: frames × 1,000,000 × Denominator /
    /// Numerator, rounded to the nearest microsecond, halves up (12 frames at 23.976 = 500500 µs).
    /// </summary>
    public long FramesToMicroseconds(long frames)
    {
        ThrowIfInvalid();
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        return (long)RoundHalfUp((Int128)frames * 1_000_000 * Denominator, Numerator);
    }

    /// <summary>
    /// Parses <c>"24000/1001"</c> (exact), <c>"24"</c>, or a decimal such as <c>"23.976"</c>, <c>"29.97"</c>,
    /// <c>"23.98"</c>, <c>"12.5"</c>. A decimal within 0.005 of k × 1000/1001 for an integer k (and not itself an
    /// integer) is read as the NTSC rate k×1000/1001; any other decimal is kept exactly (12.5 → 25/2).
    /// </summary>
    /// <exception cref="FormatException">The text is not a positive rate.</exception>
    public static FrameRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var rate) ? rate : throw new FormatException($"'{text}' is not a frame rate (expected e.g. 24000/1001, 23.976 or 25).");
    }

    /// <summary>Like <see cref="Parse"/>, but returns false instead of throwing (also for ffprobe's <c>0/0</c>).</summary>
    public static bool TryParse(string? text, out FrameRate rate)
    {
        rate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!long.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var num)
                || !long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var den)
                || num <= 0 || den <= 0)
            {
                return false;
            }
            var g = Gcd(num, den);
            num /= g;
            den /= g;
            if (num > int.MaxValue || den > int.MaxValue)
            {
                return false;
            }
            rate = new FrameRate((int)num, (int)den);
            return true;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1_000_000)
        {
            return false;
        }
        if (value == decimal.Truncate(value))
        {
            rate = new FrameRate((int)value, 1);
            return true;
        }
        var k = decimal.Round(value * 1.001m, MidpointRounding.AwayFromZero);
        if (k > 0 && Math.Abs(value - (k * 1000m / 1001m)) < 0.005m)
        {
            rate = new FrameRate((int)(k * 1000), 1001);
            return true;
        }
        // An exact decimal: value = digits / 10^scale.
        var scale = 0;
        var scaledValue = value;
        while (scaledValue != decimal.Truncate(scaledValue) && scale < 9)
        {
            scaledValue *= 10;
            scale++;
        }
        if (scaledValue != decimal.Truncate(scaledValue) || scaledValue > int.MaxValue)
        {
            return false;
        }
        var denominator = 1;
        for (var i = 0; i < scale; i++)
        {
            denominator *= 10;
        }
        rate = new FrameRate((int)scaledValue, denominator);
        return true;
    }

    /// <summary>The exact fraction as ffmpeg reads it, e.g. <c>"24000/1001"</c> or <c>"25/1"</c>.</summary>
    public override string ToString() => IsValid
        ? string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}")
        : "0/0";

    internal void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new InvalidOperationException("default(FrameRate) has no rate.");
        }
    }

    private static Int128 RoundHalfUp(Int128 dividend, long divisor)
    {
        var quotient = Int128.DivRem(dividend, divisor);
        return quotient.Remainder * 2 >= divisor ? quotient.Quotient + 1 : quotient.Quotient;
    }

    private static int Gcd(int a, int b) => (int)Gcd((long)a, b);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
