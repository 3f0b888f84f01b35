using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Image-to-video with a first and a last frame: the host's interpolation between the two stills, motion-compensated up
/// to 1280×720 and a blend above (motion-compensated in-betweens cost about half a second per 1080p frame). The first
/// output frame is the first still and the last is the last still.
/// </summary>
internal static class StillTransition
{
    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var quality = (long)request.Size.Width * request.Size.Height <= 1280 * 720 ? InterpolationQuality.MotionCompensated : InterpolationQuality.Blend;
        var path = job.OutputPath;
        await job.Media.InterpolateBetweenAsync(
            request.FirstFrame!,
            request.LastFrame!,
            job.Spec(),
            quality,
            path,
            job.ProgressRange(0, 1, "interpolating between the frames"),
            job.CancellationToken).ConfigureAwait(false);
        return ModeOutcome.Of(path, ("interpolation", quality.ToString()));
    }
}
