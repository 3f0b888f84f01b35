using System.Globalization;
using Editing.Conform.Facts;
using Editing.Conform.Reports;
using Editing.Otio.OpenTime;

namespace Editing.Conform.Matching;

/// <summary>
/// Checks a clip against the media it is linked to: rate, timecode (the media's range must contain the used source
/// range) and handles (it must also cover <c>N</c> frames each side).
/// </summary>
/// <remarks>
/// <para>Frames are counted at the media's rate. When the clip's rate and the media's share a timecode base (24 and
/// 23.976, 30 and 29.97) source times are taken as frame counts, as timecode counts them; otherwise they are
/// converted by time.</para>
/// <para>Used range: the source range's start and its duration times the absolute time-warp speed; a freeze frame
/// uses one frame. Worked example at 24 fps: source 01:00:10:00 (frame 86640) for 48 frames at 2x uses 96 frames,
/// 86640..86736; with 8 handles the media must cover 86632..86744. Media from 01:00:10:04 (86644) for 100 frames
/// (to 86744) misses 12 frames before the needed range, 4 of them inside the used range: a shortfall within the
/// used range is reported as a timecode mismatch, one only in the handles as short handles (media from 86636
/// would be 4 frames short at the head). With <c>handlesFollowSpeed</c> the handles scale with the speed too (16
/// frames each side at 2x, none for a freeze).</para>
/// </remarks>
internal static class MediaChecks
{
    private const double Epsilon = 1e-6;

    public static List<ConformProblem> Check(ClipQuery clip, MediaFacts facts, string path, int handles, bool handlesFollowSpeed)
    {
        var problems = new List<ConformProblem>();
        if (facts.Rate is not { } rate)
        {
            return problems;
        }
        var mediaRate = MediaFacts.RateValue(rate);
        var drop = facts.StartTimecode?.Contains(';', StringComparison.Ordinal) ?? false;
        if (clip.SourceRange is not { } source)
        {
            return problems;
        }
        var clipRate = source.Duration.Rate;
        if (!clip.IsAudio && !RatesMatch(clipRate, mediaRate))
        {
            problems.Add(new ConformProblem
            {
                Kind = ProblemKind.RateMismatch,
                Message = string.Create(CultureInfo.InvariantCulture, $"rate mismatch: the media runs at {rate} ({mediaRate:0.###} fps), the clip at {clipRate:0.###} fps ({path})"),
                MediaRate = rate.ToString(),
                ClipRate = clipRate,
            });
        }
        var (usedStart, usedLength, handleFrames) = Needed(clip, source, mediaRate, handles, handlesFollowSpeed);
        double mediaStart = facts.StartFrame, mediaEnd = facts.StartFrame + facts.FrameCount;
        var mediaRange = TimecodeText.Range(mediaStart, mediaEnd, mediaRate, drop);
        if (usedStart < mediaStart - Epsilon || usedStart + usedLength > mediaEnd + Epsilon)
        {
            var used = TimecodeText.Range(usedStart, usedStart + usedLength, mediaRate, drop);
            var unreadable = facts.TimecodeUnreadable ? $" (its timecode '{facts.StartTimecode}' could not be read; taken as 0)" : string.Empty;
            problems.Add(new ConformProblem
            {
                Kind = ProblemKind.TimecodeMismatch,
                Message = $"timecode mismatch: the media covers {mediaRange}{unreadable}, the clip uses {used} ({path})",
                MediaRate = rate.ToString(),
                MediaRange = mediaRange,
                NeededRange = used,
            });
            return problems;
        }
        if (handles > 0)
        {
            var needStart = usedStart - handleFrames;
            var needEnd = usedStart + usedLength + handleFrames;
            var head = Frames(mediaStart - needStart);
            var tail = Frames(needEnd - mediaEnd);
            if (head > 0 || tail > 0)
            {
                var needed = TimecodeText.Range(needStart, needEnd, mediaRate, drop);
                problems.Add(new ConformProblem
                {
                    Kind = ProblemKind.ShortHandles,
                    Message = string.Create(CultureInfo.InvariantCulture, $"short handles: {head} frame(s) missing at the head, {tail} at the tail for {handles} handle frame(s); the media covers {mediaRange}, needed {needed} ({path})"),
                    HeadShortfallFrames = head,
                    TailShortfallFrames = tail,
                    MediaRate = rate.ToString(),
                    MediaRange = mediaRange,
                    NeededRange = needed,
                });
            }
        }
        return problems;
    }

    /// <summary>The used range's start and length, and the handle frames each side, in media frames.</summary>
    public static (double Start, double Length, double Handles) Needed(ClipQuery clip, TimeRange source, double mediaRate, int handles, bool handlesFollowSpeed)
    {
        var start = ToMediaFrames(source.StartTime, mediaRate);
        var duration = ToMediaFrames(source.Duration, mediaRate);
        var length = clip.Freeze ? Math.Min(1, duration) : duration * clip.Speed;
        double handleFrames = handles;
        if (handlesFollowSpeed)
        {
            handleFrames = clip.Freeze ? 0 : handles * clip.Speed;
        }
        return (start, length, handleFrames);
    }

    /// <summary>Whether the used range (no handles) lies inside the media's timecode range.</summary>
    public static bool Contains(ClipQuery clip, MediaFacts facts)
    {
        if (facts.Rate is not { } rate || clip.SourceRange is not { } source)
        {
            return true;
        }
        var (start, length, _) = Needed(clip, source, MediaFacts.RateValue(rate), 0, false);
        return start >= facts.StartFrame - Epsilon && start + length <= facts.StartFrame + facts.FrameCount + Epsilon;
    }

    /// <summary>Rates equal within a thousandth of a frame per second (an NLE's 23.976 is 24000/1001).</summary>
    public static bool RatesMatch(double clipRate, double mediaRate) => Math.Abs(clipRate - mediaRate) < 1e-3;

    private static double ToMediaFrames(RationalTime time, double mediaRate) =>
        Math.Round(time.Rate) == Math.Round(mediaRate) ? time.Value : time.ValueRescaledTo(mediaRate);

    private static long Frames(double value) => value <= Epsilon ? 0 : (long)Math.Ceiling(value - Epsilon);
}
