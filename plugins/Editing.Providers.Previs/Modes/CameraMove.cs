using Editing.Providers.Previs.Pixels;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Image-to-video with one still: the still at the request's size, moved by the request's camera motion (or
/// <see cref="CameraPath.DefaultMotion"/>) with its easing, resampled bilinearly. From a first frame the move starts on
/// the still; from a last frame the same move is played so that it ends on the still.
/// </summary>
internal static class CameraMove
{
    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var endsOnStill = request.FirstFrame is null;
        var stillPath = request.FirstFrame ?? request.LastFrame
            ?? throw new InvalidOperationException("validation lets image-to-video through only with a frame");
        var motion = request.CameraMotion is { IsNone: false } given ? given : CameraPath.DefaultMotion;
        job.Progress(0, "reading the still");
        var still = await ReadStillAsync(job, stillPath).ConfigureAwait(false);

        var (width, height) = (request.Size.Width, request.Size.Height);
        var count = request.FrameCount;
        var path = await job.EncodeAsync(job.Spec(), Frames(), 0.05, 1, "moving the camera").ConfigureAwait(false);
        return ModeOutcome.Of(
            path,
            ("camera", CameraText(motion)),
            ("ends_on_still", endsOnStill),
            ("default_motion", ReferenceEquals(motion, CameraPath.DefaultMotion)));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            var buffers = Rgb48.Pair(width, height);
            for (var i = 0; i < count; i++)
            {
                var u = count == 1 ? (endsOnStill ? 1.0 : 0.0) : i / (double)(count - 1);
                var p = CameraPath.Ease(motion.Easing, u) - (endsOnStill ? 1 : 0);
                var frame = buffers[i & 1];
                Warp.Apply(still, frame, CameraPath.Map(motion, p, width, height));
                yield return frame;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    /// <summary>The still as one 16-bit frame of the request's size.</summary>
    public static async Task<VideoFrame> ReadStillAsync(PrevisJob job, string path)
    {
        await foreach (var frame in job.Media.ReadFramesAsync(path, 0, 1, job.Size, FramePixelFormat.Rgb48, job.CancellationToken).ConfigureAwait(false))
        {
            return frame;
        }

        throw new PluginException($"'{path}' holds no picture");
    }

    private static string CameraText(CameraMotion motion) => FormattableString.Invariant(
        $"pan={motion.Pan},tilt={motion.Tilt},roll={motion.Roll},zoom={motion.Zoom},truck={motion.Truck},pedestal={motion.Pedestal},easing={motion.Easing}");
}
