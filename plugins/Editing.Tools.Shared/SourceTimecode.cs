using Editing.Otio.OpenTime;
using Editing.Sdk.Media;

namespace Editing.Tools.Shared;

/// <summary>
/// Frame counts and SMPTE timecode at a clip's exact rate. Media time in OTIO is a frame count from the media's
/// timecode origin (an NLE export of a clip whose file starts at <c>01:00:00:00</c> at 24 fps has an available range
/// starting at frame 86400), so the timecode of media time t is t counted at the clip's rate: 86432 at 24000/1001 →
/// <c>01:00:01:08</c>; at 30000/1001 counting is drop-frame, as <see cref="RationalTime.ToTimecode()"/> does
/// (1800 → <c>00:01:00;02</c>).
/// </summary>
internal static class SourceTimecode
{
    /// <summary>Whole frames of <paramref name="time"/> at <paramref name="rate"/>, rounded half away from zero
    /// (48 frames at 24 → 48 at 24000/1001; 2.5 s at 24 → 60).</summary>
    public static long Frames(RationalTime time, VideoRate rate) =>
        (long)Math.Round(time.ValueRescaledTo(rate.FramesPerSecond), MidpointRounding.AwayFromZero);

    /// <summary>The timecode of frame <paramref name="frames"/> at <paramref name="rate"/>, or null when it is negative
    /// or the rate has no SMPTE timecode (e.g. 12 fps).</summary>
    public static string? Of(long frames, VideoRate rate)
    {
        if (frames < 0)
        {
            return null;
        }

        var fps = rate.FramesPerSecond;
        return new RationalTime(frames, fps).TryToTimecode(fps, out var timecode) ? timecode : null;
    }

    /// <summary>The timecode of media time <paramref name="time"/> at <paramref name="rate"/> (see <see cref="Of(long, VideoRate)"/>).</summary>
    public static string? Of(RationalTime time, VideoRate rate) => Of(Frames(time, rate), rate);
}
