using System.Globalization;

namespace Editing.Sdk.Media;

/// <summary>
/// An exact frame rate as a ratio (24000/1001, not 23.976). OTIO stores rates as doubles; <see cref="FromFramesPerSecond"/>
/// snaps the NTSC family (23.976, 29.97, 47.952, 59.94, 119.88) back to their exact /1001 ratios.
/// </summary>
/// <param name="Numerator">Frames per <paramref name="Denominator"/> seconds, &gt; 0.</param>
/// <param name="Denominator">&gt; 0.</param>
public readonly record struct VideoRate(int Numerator, int Denominator)
{
    /// <summary>Frames per second as a double (for OTIO <c>rate</c> fields).</summary>
    public double FramesPerSecond => (double)Numerator / Denominator;

    /// <summary>
    /// The exact rate for a double rate: NTSC rates (within 0.001 of N×1000/1001 for N in 24, 30, 48, 60, 120) become
    /// N×1000/1001; integral rates become N/1; anything else is approximated with denominator 1000.
    /// </summary>
    public static VideoRate FromFramesPerSecond(double fps)
    {
        if (!(fps > 0) || double.IsInfinity(fps))
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, "a frame rate must be positive and finite");
        }

        foreach (var n in (ReadOnlySpan<int>)[24, 30, 48, 60, 120, 240])
        {
            if (Math.Abs(fps - (n * 1000.0 / 1001.0)) < 0.001)
            {
                return new VideoRate(n * 1000, 1001);
            }
        }

        var rounded = Math.Round(fps);
        return Math.Abs(fps - rounded) < 1e-6 ? new VideoRate((int)rounded, 1) : new VideoRate((int)Math.Round(fps * 1000), 1000);
    }

    /// <summary>Parses <c>24000/1001</c>, <c>23.976</c> or <c>24</c>.</summary>
    public static VideoRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash > 0 && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var num)
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var den) && num > 0 && den > 0)
        {
            return new VideoRate(num, den);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fps) && fps > 0
            ? FromFramesPerSecond(fps)
            : throw new FormatException($"'{text}' is not a frame rate (expected e.g. 24, 23.976 or 24000/1001)");
    }

    /// <summary>Audio samples covering <paramref name="frames"/> frames at <paramref name="sampleRate"/> Hz, rounded to
    /// the nearest sample (120 frames at 24000/1001 and 48 kHz are exactly 240,240 samples).</summary>
    public long SamplesForFrames(long frames, int sampleRate) =>
        (long)(((Int128)frames * sampleRate * Denominator * 2 + Numerator) / ((Int128)Numerator * 2));

    /// <summary><c>24000/1001</c> or <c>25</c>.</summary>
    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(CultureInfo.InvariantCulture) : FormattableString.Invariant($"{Numerator}/{Denominator}");
}
