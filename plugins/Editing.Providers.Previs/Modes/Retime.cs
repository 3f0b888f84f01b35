using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Interpolation: the source range spread over the requested frame count by the host's retimer (slow motion when
/// longer, faster when shorter), motion-compensated up to 1280×720 and blended above.
/// </summary>
internal static class Retime
{
    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var source = request.Source!;
        var quality = (long)request.Size.Width * request.Size.Height <= 1280 * 720 ? InterpolationQuality.MotionCompensated : InterpolationQuality.Blend;
        var path = job.OutputPath;
        await job.Media.RetimeAsync(
            source.Path,
            source.FirstFrame,
            source.FrameCount,
            job.Spec(),
            quality,
            path,
            job.ProgressRange(0, 1, "retiming"),
            job.CancellationToken).ConfigureAwait(false);
        return ModeOutcome.Of(path, ("interpolation", quality.ToString()), ("speed", source.FrameCount / (double)request.FrameCount));
    }
}
