using Editing.Media;
using Editing.Media.Probe;

namespace Editing.Conform.Facts;

/// <summary>
/// Media facts from <see cref="MediaProbe"/> (ffprobe): the first video stream's exact rate, frame count and start
/// timecode, and the reel the file carries (<see cref="MediaInfo.Reel"/>: ffmpeg's <c>reel_name</c>, which QuickTime
/// writers put on the timecode track). Results are remembered by <see cref="MediaProbe"/> (by path, length and
/// modification time).
/// </summary>
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
            ? new MediaFacts(video.FrameRate, Math.Max(0, video.FrameCount), video.StartTimecode, reel: info.Reel)
            : new MediaFacts(null, 0, null, reel: info.Reel);
    }
}
