using Editing.Sdk;
using Editing.Sdk.Media;

namespace Editing.Tools.Shared;

/// <summary>Streams decoded frames from files into a writer, one frame (or one bounded chunk) in memory at a time.</summary>
internal static class FrameCopy
{
    /// <summary>Memory one reverse chunk may hold: 64 MiB (about 5 frames of 16-bit UHD, 194 of 8-bit 320×180).</summary>
    private const long ChunkBytes = 64L << 20;

    /// <summary>
    /// Decodes <paramref name="count"/> frames of <paramref name="path"/> from <paramref name="first"/> at the writer's
    /// size and writes them in order; fails when the file has fewer frames.
    /// </summary>
    public static async Task CopyAsync(IMediaServices media, string path, long first, int count, VideoWriteSpec spec,
        IVideoFrameWriter writer, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        var written = 0;
        await foreach (var frame in media.ReadFramesAsync(path, first, count, spec.Size, spec.InputFormat, cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            written++;
            progress?.Report(written / (double)count);
            if (written == count)
            {
                break;
            }
        }

        if (written != count)
        {
            throw new PluginException($"{Path.GetFileName(path)} has only {written} of the {count} frames needed from frame {first}");
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> frames of <paramref name="path"/> from <paramref name="first"/> in reverse order
    /// (last first), decoding forwards in chunks that fit <see cref="ChunkBytes"/>.
    /// </summary>
    public static async Task CopyReversedAsync(IMediaServices media, string path, long first, int count, VideoWriteSpec spec,
        IVideoFrameWriter writer, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var frameBytes = (long)spec.Size.Width * spec.Size.Height * VideoFrame.BytesPerPixelOf(spec.InputFormat);
        var chunk = (int)Math.Clamp(ChunkBytes / Math.Max(1, frameBytes), 1, Math.Max(1, count));
        var end = first + count;
        var done = 0;
        while (end > first)
        {
            var start = Math.Max(first, end - chunk);
            var n = (int)(end - start);
            var frames = new List<VideoFrame>(n);
            await foreach (var frame in media.ReadFramesAsync(path, start, n, spec.Size, spec.InputFormat, cancellationToken).ConfigureAwait(false))
            {
                frames.Add(frame);
                if (frames.Count == n)
                {
                    break;
                }
            }

            if (frames.Count != n)
            {
                throw new PluginException($"{Path.GetFileName(path)} has only {frames.Count} of the {n} frames needed from frame {start}");
            }

            for (var i = frames.Count - 1; i >= 0; i--)
            {
                await writer.WriteAsync(frames[i], cancellationToken).ConfigureAwait(false);
                done++;
                progress?.Report(done / (double)count);
            }

            end = start;
        }
    }
}
