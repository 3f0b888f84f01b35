using Editing.Providers.Previs.Pixels;
using Editing.Sdk.Media;

namespace Editing.Providers.Previs.Modes;

/// <summary>Upscale: the source range read at the requested size (the host resizes with Lanczos-3), then a mild
/// unsharp mask (<see cref="Amount"/>).</summary>
internal static class Upscale
{
    public const float Amount = 0.4f;

    public static async Task<ModeOutcome> GenerateAsync(PrevisJob job)
    {
        var request = job.Request;
        var (width, height) = (request.Size.Width, request.Size.Height);
        var path = await job.EncodeAsync(job.Spec(), Frames(), 0, 1, "upscaling").ConfigureAwait(false);
        return ModeOutcome.Of(path, ("sharpen", (double)Amount));

        async IAsyncEnumerable<VideoFrame> Frames()
        {
            var buffers = Rgb48.Pair(width, height);
            var i = 0;
            await foreach (var source in SourceFrames.MappedAsync(job.Media, request.Source!, request.FrameCount, request.Size,
                FramePixelFormat.Rgb48, job.CancellationToken).ConfigureAwait(false))
            {
                var frame = buffers[i++ & 1];
                Sharpen.Apply(source, frame, Amount);
                yield return frame;
            }
        }
    }
}
