using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Providers.Common;

/// <summary>
/// Brings a downloaded result to exactly the size, rate and frame count the provider was asked for, through the host's
/// media services: each output frame shows the source frame on screen at its time (frames repeated or dropped, no
/// interpolation), scaled to the size; a short source holds its last frame, a long one is cut.
/// </summary>
internal static class ResultAdapter
{
    public static async Task<(string Path, MediaDescription Description)> AdaptAsync(IMediaServices media, string input, PixelSize size, VideoRate rate,
        int frameCount, string output, CancellationToken cancellationToken)
    {
        var description = await media.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        if (description.Size is not { } sourceSize || description.Rate is not { } sourceRate || description.FrameCount < 1)
        {
            throw new PluginException($"the downloaded result {Path.GetFileName(input)} holds no video frames") { Code = "BAD_OUTPUT" };
        }

        if (sourceSize == size && sourceRate == rate && description.FrameCount == frameCount)
        {
            return (input, description);
        }

        var writer = media.CreateWriter(output, new VideoWriteSpec { Size = size, Rate = rate, FrameCount = frameCount });
        await using (writer.ConfigureAwait(false))
        {
            var written = 0;
            VideoFrame? current = null;
            long index = 0;
            await foreach (var frame in media.ReadFramesAsync(input, 0, (int)Math.Min(int.MaxValue, description.FrameCount), size, FramePixelFormat.Rgb24, cancellationToken)
                .ConfigureAwait(false))
            {
                current = frame;
                while (written < frameCount && SourceIndex(written, rate, sourceRate) <= index)
                {
                    await writer.WriteAsync(current, cancellationToken).ConfigureAwait(false);
                    written++;
                }

                index++;
                if (written >= frameCount)
                {
                    break;
                }
            }

            while (written < frameCount && current is not null)
            {
                await writer.WriteAsync(current, cancellationToken).ConfigureAwait(false);
                written++;
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (output, await media.ProbeAsync(output, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Frame of the source on screen at output frame <paramref name="i"/>'s time (exact integer arithmetic).</summary>
    private static long SourceIndex(long i, VideoRate output, VideoRate source) =>
        (long)((Int128)i * output.Denominator * source.Numerator / ((Int128)output.Numerator * source.Denominator));

    /// <summary>Writes the frames of <paramref name="input"/> (from <paramref name="first"/>, <paramref name="count"/> of them) in reverse order.</summary>
    public static async Task ReverseAsync(IMediaServices media, string input, long first, int count, PixelSize size, VideoRate rate, string output,
        CancellationToken cancellationToken)
    {
        var frames = new List<VideoFrame>(count);
        await foreach (var frame in media.ReadFramesAsync(input, first, count, size, FramePixelFormat.Rgb24, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        var writer = media.CreateWriter(output, new VideoWriteSpec { Size = size, Rate = rate, FrameCount = frames.Count });
        await using (writer.ConfigureAwait(false))
        {
            for (var i = frames.Count - 1; i >= 0; i--)
            {
                await writer.WriteAsync(frames[i], cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="count"/> frames of <paramref name="input"/> from <paramref name="first"/> as a clip.</summary>
    public static async Task ExcerptAsync(IMediaServices media, string input, long first, int count, PixelSize size, VideoRate rate, string output,
        CancellationToken cancellationToken)
    {
        var writer = media.CreateWriter(output, new VideoWriteSpec { Size = size, Rate = rate, FrameCount = count });
        await using (writer.ConfigureAwait(false))
        {
            var written = 0;
            VideoFrame? last = null;
            await foreach (var frame in media.ReadFramesAsync(input, first, count, size, FramePixelFormat.Rgb24, cancellationToken).ConfigureAwait(false))
            {
                last = frame;
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                written++;
            }

            while (written < count && last is not null)
            {
                await writer.WriteAsync(last, cancellationToken).ConfigureAwait(false);
                written++;
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
