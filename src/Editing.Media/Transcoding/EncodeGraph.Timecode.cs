using System.Globalization;
using System.Text.RegularExpressions;

namespace Editing.Media.Transcoding;

/// <summary>Timecode strings: validation against a rate, and carrying a source's timecode to another rate.</summary>
internal static partial class EncodeGraph
{
    /// <summary>
    /// The timecode to stamp when the spec has none: the source's, with its frame field scaled to the new rate when
    /// the timecode bases differ (01:00:00:12 at 24 → 01:00:00:12 at 25; 01:00:00:24 at 25 → 01:00:00:23 at 24).
    /// </summary>
    public static string? CarryTimecode(string? sourceTimecode, FrameRate sourceRate, FrameRate targetRate)
    {
        if (sourceTimecode is null || !sourceRate.IsValid)
        {
            return null;
        }
        var match = TimecodePattern().Match(sourceTimecode);
        if (!match.Success)
        {
            return null;
        }
        var frames = int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture);
        var separator = match.Groups[4].Value;
        if (sourceRate.TimecodeBase != targetRate.TimecodeBase)
        {
            frames = (int)((long)frames * targetRate.TimecodeBase / sourceRate.TimecodeBase);
        }
        if (separator != ":" && !AllowsDropFrame(targetRate))
        {
            separator = ":";
        }
        var carried = string.Create(CultureInfo.InvariantCulture, $"{match.Groups[1].Value}:{match.Groups[2].Value}:{match.Groups[3].Value}{separator}{frames:D2}");
        return TimecodeProblem(carried, targetRate) is null ? carried : null;
    }

    /// <summary>Why a timecode string cannot be used at a rate, or null when it can.</summary>
    public static string? TimecodeProblem(string timecode, FrameRate rate)
    {
        var match = TimecodePattern().Match(timecode);
        if (!match.Success)
        {
            return $"'{timecode}' is not a timecode (HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame).";
        }
        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        var frames = int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture);
        if (hours > 23 || minutes > 59 || seconds > 59 || frames >= rate.TimecodeBase)
        {
            return $"'{timecode}' is not a valid timecode at {rate} fps.";
        }
        if (match.Groups[4].Value != ":" && !AllowsDropFrame(rate))
        {
            return $"'{timecode}' is drop-frame, which exists only at 30000/1001 and 60000/1001, not {rate}.";
        }
        return null;
    }

    private static bool AllowsDropFrame(FrameRate rate) => rate.Denominator == 1001 && rate.Numerator is 30000 or 60000;

    [GeneratedRegex(@"^(\d{2}):(\d{2}):(\d{2})([:;.,])(\d{2})$")]
    private static partial Regex TimecodePattern();
}
