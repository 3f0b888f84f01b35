using Editing.Providers.Previs.Pixels;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Modes;

/// <summary>
/// Extension: a "motion-continued hold". The global motion v between the two frames at the source's edge (the last two
/// for a tail, the first two for a head) is estimated with <see cref="MotionEstimator"/>; the edge frame is then carried
/// on with that motion, each step <see cref="Decay"/> times the previous one, so the camera coasts to a stop: the k-th
/// new frame is the edge frame moved by v·(1 − Decay^k)/(1 − Decay). A head extension runs the same backwards in time
/// and still plays forwards, its last frame leading into the source's first. Without motion (under
/// <see cref="StillThreshold"/> pixels per frame, or a one-frame source) the edge frame is held with faint seeded grain.
/// </summary>
internal static class MotionExtension
{
    public const double Decay = 0.9;
    public const double StillThreshold = 0.3;
    private const double GrainAmplitude = 0.008;

    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var source = request.Source!;
        var backward = request.Direction == ExtensionDirection.Backward;
        var pair = source.FrameCount >= 2;
        var first = backward ? source.FirstFrame : source.FirstFrame + source.FrameCount - (pair ? 2 : 1);
        job.Progress(0, "reading the edge frames");
        var edges = new List<VideoFrame>(2);
        await foreach (var frame in job.Media.ReadFramesAsync(source.Path, first, pair ? 2 : 1, job.Size, FramePixelFormat.Rgb48, job.CancellationToken)
            .ConfigureAwait(false))
        {
            edges.Add(frame);
        }

        if (edges.Count == 0)
        {
            throw new PluginException($"'{source.Path}' gave no frame at {first}");
        }

        var (dx, dy) = edges.Count == 2 ? MotionEstimator.Estimate(edges[0], edges[1]) : (0.0, 0.0);
        var edge = backward ? edges[0] : edges[^1];
        var still = Math.Sqrt((dx * dx) + (dy * dy)) < StillThreshold;
        job.Progress(0.05, still ? "holding the edge frame" : "continuing the motion");

        var (width, height) = (request.Size.Width, request.Size.Height);
        var count = request.FrameCount;
        var grain = still ? new Grain(request.Seed, GrainAmplitude) : null;
        var path = await job.EncodeAsync(job.Spec(), Frames(), 0.05, 1, "extending").ConfigureAwait(false);
        return ModeOutcome.Of(
            path,
            ("direction", backward ? "backward" : "forward"),
            ("motion_dx", dx),
            ("motion_dy", dy),
            ("hold", still));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            var buffers = Rgb48.Pair(width, height);
            for (var i = 0; i < count; i++)
            {
                var frame = buffers[i & 1];
                if (grain is not null)
                {
                    grain.Apply(edge, frame, i);
                }
                else
                {
                    // Frames away from the edge: the (i + 1)-th after it, or the (count − i)-th before it.
                    var steps = backward ? count - i : i + 1;
                    var travel = (1 - Math.Pow(Decay, steps)) / (1 - Decay);
                    var sign = backward ? -1 : 1;
                    Warp.Apply(edge, frame, Affine.Translation(sign * dx * travel, sign * dy * travel));
                }

                yield return frame;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
