using Editing.Otio.OpenTime;
using Editing.Sdk.Media;

namespace Editing.Sdk.Tools;

/// <summary>The active media of a clip as the host resolved it.</summary>
public sealed record ClipMedia
{
    /// <summary>Absolute local path (resolved from the media reference's URL against the timeline's folder).</summary>
    public required string Path { get; init; }

    /// <summary>True when the file exists.</summary>
    public bool Exists { get; init; }

    /// <summary>The media reference key (<c>DEFAULT_MEDIA</c>...).</summary>
    public string ReferenceKey { get; init; } = "DEFAULT_MEDIA";

    /// <summary>The media reference's available range (media time), or null when the timeline does not say.</summary>
    public TimeRange? AvailableRange { get; init; }

    /// <summary>What the media layer found in the file, or null when the file is missing.</summary>
    public MediaDescription? Description { get; init; }

    /// <summary>
    /// The file frame index of media time <paramref name="mediaTime"/>: media time minus the start of the available
    /// range (which is the file's start timecode for NLE exports), at the file's rate. Frame 0 is the first frame.
    /// </summary>
    public long FileFrameOf(RationalTime mediaTime)
    {
        var start = AvailableRange?.StartTime ?? new RationalTime(0, mediaTime.Rate);
        var rate = Description?.Rate?.FramesPerSecond ?? mediaTime.Rate;
        return (long)Math.Round((mediaTime - start).ValueRescaledTo(rate));
    }
}
