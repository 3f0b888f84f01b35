using Editing.Media;
using Editing.Otio.OpenTime;

namespace Editing.Conform.Facts;

/// <summary>
/// What a conform needs to know about one media file: its video rate (exact), length in frames, start timecode and
/// reel. The media's timecode range is <see cref="StartFrame"/> .. <see cref="StartFrame"/> + <see cref="FrameCount"/>
/// frames at <see cref="Rate"/>: a 48-frame file at 24 fps starting at 01:00:00:00 covers source frames 86400..86448.
/// </summary>
public sealed record MediaFacts
{
    /// <summary>Creates the facts; the start frame is computed from <paramref name="startTimecode"/> at <paramref name="rate"/>.</summary>
    /// <param name="rate">The video rate, or null for a file without video (audio only: nothing time-based is checked).</param>
    /// <param name="frameCount">The number of video frames (0 or more).</param>
    /// <param name="startTimecode">The start timecode (<c>HH:MM:SS:FF</c>, <c>;</c> for drop-frame), or null for none (starts at 0).</param>
    /// <param name="reel">The reel (tape) name the file carries, or null.</param>
    public MediaFacts(FrameRate? rate, long frameCount, string? startTimecode, string? reel = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        Rate = rate is { IsValid: true } ? rate : null;
        FrameCount = frameCount;
        StartTimecode = startTimecode;
        Reel = reel;
        if (Rate is { } r && startTimecode is not null)
        {
            if (RationalTime.TryFromTimecode(startTimecode, RateValue(r), out var start))
            {
                StartFrame = (long)Math.Round(start.Value);
            }
            else if (TryCountNonDrop(startTimecode, (int)Math.Round(RateValue(r)), out var frames))
            {
                // Not an SMPTE rate (15, 12.5...): count HH:MM:SS:FF at the rate's whole-frame base.
                StartFrame = frames;
            }
            else
            {
                TimecodeUnreadable = true;
            }
        }
    }

    /// <summary>The video rate, or null when the file has no video.</summary>
    public FrameRate? Rate { get; }

    /// <summary>The number of video frames.</summary>
    public long FrameCount { get; }

    /// <summary>The start timecode as the file carries it, or null.</summary>
    public string? StartTimecode { get; }

    /// <summary>The start timecode as a frame number at <see cref="Rate"/> (0 without timecode).</summary>
    public long StartFrame { get; }

    /// <summary>True when <see cref="StartTimecode"/> could not be read at <see cref="Rate"/> (then <see cref="StartFrame"/> is 0).</summary>
    public bool TimecodeUnreadable { get; }

    /// <summary>The reel (tape) name the file carries, or null.</summary>
    public string? Reel { get; }

    private static bool TryCountNonDrop(string timecode, int timecodeBase, out long frames)
    {
        frames = 0;
        var parts = timecode.Split(':', ';', '.');
        if (parts.Length != 4 || timecodeBase <= 0)
        {
            return false;
        }
        long total = 0;
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var field))
            {
                return false;
            }
            total = i switch
            {
                0 => field,
                1 or 2 => (total * 60) + field,
                _ => (total * timecodeBase) + field,
            };
        }
        frames = total;
        return true;
    }

    /// <summary>The rate as OTIO stores it: a double of the exact fraction (24000/1001 = 23.976023976…).</summary>
    internal static double RateValue(FrameRate rate) => (double)rate.Numerator / rate.Denominator;

    /// <summary>The media's own time range as OTIO's <c>available_range</c> (start timecode, length), or null without video.</summary>
    public TimeRange? AvailableRange => Rate is { } r
        ? new TimeRange(new RationalTime(StartFrame, RateValue(r)), new RationalTime(FrameCount, RateValue(r)))
        : null;
}
