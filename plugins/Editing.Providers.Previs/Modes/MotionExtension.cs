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
/// <see cref="StillThreshold"/> pixels per frame, or a one-frame source) the edge frame is held exactly, as an NLE's
/// frame hold: every new frame is the edge frame, so the cut into the extension is invisible. A studio that prefers a
/// hold that does not look frozen sets <c>hold_grain</c> (seeded grain of that many 10-bit code values, e.g. 8); grain
/// makes every frame different, so it costs encode time and about three times the file size in ProRes.
/// </summary>
internal static class MotionExtension
{
    public const double Decay = 0.9;
    public const double StillThreshold = 0.3;

    /// <summary>The provider setting: grain amplitude on holds in 10-bit code values (0, the default, for none).</summary>
    public const string HoldGrainSetting = "hold_grain";

    /// <summary>Largest <see cref="HoldGrainSetting"/> accepted: beyond it grain is no longer "faint".</summary>
    public const int MaxHoldGrain = 64;

    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var source = request.Source!;
        var backward = request.Direction == ExtensionDirection.Backward;
        var grainCodes = HoldGrain(job.Context.Settings);
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
        var grain = still && grainCodes > 0 ? new Grain(request.Seed, grainCodes / 1023.0) : null;
        var path = await job.EncodeAsync(job.Spec(), Frames(), 0.05, 1, "extending").ConfigureAwait(false);
        return ModeOutcome.Of(
            path,
            ("direction", backward ? "backward" : "forward"),
            ("motion_dx", dx),
            ("motion_dy", dy),
            ("hold", still),
            ("hold_grain", still ? grainCodes : 0));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            // An exact hold hands the encoder the edge frame itself every time (it only reads frames).
            var exactHold = still && grain is null;
            var buffers = exactHold ? [edge, edge] : Rgb48.Pair(width, height);
            for (var i = 0; i < count; i++)
            {
                var frame = buffers[i & 1];
                if (grain is not null)
                {
                    grain.Apply(edge, frame, i);
                }
                else if (!exactHold)
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

    /// <summary>The <see cref="HoldGrainSetting"/> value: 0 when unset; an integer in 0..<see cref="MaxHoldGrain"/>.</summary>
    /// <exception cref="PluginException">The setting is not such an integer.</exception>
    internal static int HoldGrain(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue(HoldGrainSetting, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var codes) && codes is >= 0 and <= MaxHoldGrain
            ? codes
            : throw new PluginException($"the previs setting '{HoldGrainSetting}' must be a whole number of 10-bit code values from 0 to {MaxHoldGrain}, not '{text}'")
            {
                Code = "INVALID_SETTING",
            };
    }
}
