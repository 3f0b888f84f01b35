using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Otio.OpenTime;

namespace Editing.Sdk.Controls;

/// <summary>
/// The text forms of a time at a clip's rate, shared by <see cref="TimeParameter"/> and keyframe frames:
/// <c>48</c> or <c>48f</c> (whole frames), <c>2s</c> / <c>2.5s</c> (seconds, rounded half away from zero to whole
/// frames: 2.5s at 24 fps = 60 frames, 2s at 30000/1001 = 59.94 → 60) and SMPTE timecode <c>00:00:02:00</c>
/// (drop-frame <c>00:01:00;02</c> at 29.97/59.94). A leading '-' negates frames and seconds.
/// </summary>
internal static partial class TimeText
{
    [GeneratedRegex("^\\d{2}:\\d{2}:\\d{2}[:;]\\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimecodePattern();

    public static bool TryParseFrames(string text, double rate, out double frames, out string error)
    {
        frames = 0;
        error = "";
        if (!double.IsFinite(rate) || rate <= 0)
        {
            error = $"the rate {ControlJson.Format(rate)} is not a frame rate";
            return false;
        }

        var t = text.Trim();
        if (t.Length == 0)
        {
            error = "empty time (expected frames like 48 or 48f, seconds like 2s, or timecode like 00:00:02:00)";
            return false;
        }

        if (t.Contains(':') || t.Contains(';'))
        {
            return TryParseTimecode(t, rate, out frames, out error);
        }

        if (t.EndsWith('s'))
        {
            if (!double.TryParse(t[..^1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds))
            {
                error = $"'{t}' is not a number of seconds (e.g. 2s or 2.5s)";
                return false;
            }

            frames = Math.Round(seconds * rate, MidpointRounding.AwayFromZero);
            return true;
        }

        var number = t.EndsWith('f') ? t[..^1] : t;
        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            error = $"'{t}' is not a time: expected whole frames like 48 or 48f, seconds like 2s or 2.5s, or timecode like 00:00:02:00";
            return false;
        }

        frames = whole;
        return true;
    }

    private static bool TryParseTimecode(string text, double rate, out double frames, out string error)
    {
        frames = 0;
        if (!TimecodePattern().IsMatch(text))
        {
            error = $"'{text}' is not timecode: expected HH:MM:SS:FF (HH:MM:SS;FF for drop-frame)";
            return false;
        }

        // 23.976, 29.97 and 59.94 as typed count timecode like their exact SMPTE rates; frame numbers are the same.
        var smpte = RationalTime.IsSmpteTimecodeRate(rate) ? rate : RationalTime.NearestSmpteTimecodeRate(rate);
        if (smpte <= 0 || Math.Abs(smpte - rate) > 0.1)
        {
            error = $"timecode needs an SMPTE frame rate; the clip's rate is {ControlJson.Format(rate)} fps (give frames or seconds instead)";
            return false;
        }

        if (!RationalTime.TryFromTimecode(text, smpte, out var time, out var otioError))
        {
            error = $"'{text}' is not valid timecode at {ControlJson.Format(rate)} fps: {otioError.Message}";
            return false;
        }

        frames = time.Value;
        error = "";
        return true;
    }

    /// <summary><c>48 frames at 24 fps (2s)</c>.</summary>
    public static string Describe(RationalTime time) =>
        $"{ControlJson.Format(time.Value)} frames at {ControlJson.Format(time.Rate)} fps ({ControlJson.Format(Math.Round(time.ToSeconds(), 6))}s)";
}
