using Editing.Media;
using Editing.Media.Probe;

namespace Editing.Conform.Facts;

/// <summary>
/// Media facts from <see cref="MediaProbe"/> (ffprobe): the first video stream's exact rate, frame count and start
/// timecode. Results are remembered by <see cref="MediaProbe"/> (by path, length and modification time).
/// </summary>
/// <remarks>
/// <see cref="MediaInfo"/> does not expose reel tags yet (ffmpeg's <c>reel_name</c> on the timecode track), so
/// <see cref="MediaFacts.Reel"/> is null here and reels are matched by file name (see <c>docs/conform.md</c>).
/// </remarks>
public sealed class ProbeMediaFactsSource : IMediaFactsSource
{
    /// <summary>The shared instance.</summary>
    public static ProbeMediaFactsSource Shared { get; } = new();

    /// <inheritdoc/>
    public async ValueTask<MediaFacts> GetFactsAsync(string path, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw new MediaFactsException(path, e.Message, e);
        }
        return info.Video is { } video
            ? new MediaFacts(video.FrameRate, Math.Max(0, video.FrameCount), video.StartTimecode)
            : new MediaFacts(null, 0, null);
    }
}
