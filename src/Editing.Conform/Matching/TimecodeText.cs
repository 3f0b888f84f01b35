using System.Globalization;
using Editing.Otio.OpenTime;

namespace Editing.Conform.Matching;

/// <summary>Frame numbers as timecode for reports, falling back to the frame number where no timecode exists.</summary>
internal static class TimecodeText
{
    /// <summary><paramref name="frame"/> at <paramref name="rate"/>, drop-frame when <paramref name="dropFrame"/>; <c>frame 12</c> when not a timecode rate or negative.</summary>
    public static string Of(double frame, double rate, bool dropFrame)
    {
        if (frame >= 0 && new RationalTime(Math.Floor(frame + 1e-6), rate).TryToTimecode(rate, dropFrame ? IsDropFrameRate.ForceYes : IsDropFrameRate.ForceNo, out var tc, out _))
        {
            return tc;
        }
        return string.Create(CultureInfo.InvariantCulture, $"frame {frame:0.###}");
    }

    /// <summary><c>IN-OUT</c> with the out exclusive.</summary>
    public static string Range(double startFrame, double endFrame, double rate, bool dropFrame) =>
        $"{Of(startFrame, rate, dropFrame)}-{Of(endFrame, rate, dropFrame)}";

    /// <summary>A clip's source range at its own rate, drop-frame inferred from the rate.</summary>
    public static string Range(TimeRange range)
    {
        var rate = range.StartTime.Rate;
        var drop = IsDropRate(rate);
        var start = range.StartTime.Value;
        return Range(start, start + range.Duration.ValueRescaledTo(rate), rate, drop);
    }

    /// <summary>29.97 and 59.94 are counted drop-frame unless the media says otherwise.</summary>
    public static bool IsDropRate(double rate) => Math.Abs(rate - (30000.0 / 1001)) < 1e-3 || Math.Abs(rate - (60000.0 / 1001)) < 1e-3;
}
