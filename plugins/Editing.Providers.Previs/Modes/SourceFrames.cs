using System.Runtime.CompilerServices;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Previs.Modes;

/// <summary>Reads a source range as exactly the number of frames a request needs.</summary>
internal static class SourceFrames
{
    /// <summary>
    /// <paramref name="count"/> 16-bit frames at <paramref name="size"/>: output frame j is source frame
    /// ⌊j × S / count⌋ of the S-frame range (repeated when the request is longer, skipped when shorter), decoded once,
    /// in order. A yielded frame is valid until the next one is asked for.
    /// </summary>
    public static async IAsyncEnumerable<VideoFrame> MappedAsync(IMediaServices media, SourceVideo source, int count, PixelSize? size,
        FramePixelFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var length = (int)Math.Min(source.FrameCount, int.MaxValue);
        await using var frames = media.ReadFramesAsync(source.Path, source.FirstFrame, length, size, format, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        long current = -1;
        VideoFrame? frame = null;
        for (var j = 0; j < count; j++)
        {
            var wanted = (long)j * length / count;
            while (current < wanted)
            {
                if (!await frames.MoveNextAsync().ConfigureAwait(false))
                {
                    if (frame is null)
                    {
                        throw new PluginException($"'{source.Path}' has no frame at {source.FirstFrame}");
                    }

                    // A still (or a short file) read as fewer frames than the range: keep showing the last one.
                    wanted = current;
                    break;
                }

                current++;
                frame = frames.Current;
            }

            yield return frame!;
        }
    }
}
