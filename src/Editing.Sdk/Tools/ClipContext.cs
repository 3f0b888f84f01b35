using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Sdk.Media;

namespace Editing.Sdk.Tools;

/// <summary>
/// An immutable snapshot of the clip or gap a tool works on, made by the host from the timeline. Tools never see
/// the timeline itself. Times: <see cref="RecordRange"/> is track time (from the track's start, at the timeline's rate);
/// <see cref="SourceRange"/> is media time (the clip's trimmed range in its media, e.g. starting at the source
/// timecode); handles are durations.
/// </summary>
public sealed record ClipContext
{
    /// <summary>Clip or gap.</summary>
    public required ItemKind Kind { get; init; }

    /// <summary>The item's name (the shot name for clips).</summary>
    public string Name { get; init; } = "";

    /// <summary>Where the item sits, as an OTIO object path (<c>tracks.children[0].children[3]</c>).</summary>
    public required string ItemPath { get; init; }

    /// <summary>Index of the track in the timeline's stack.</summary>
    public int TrackIndex { get; init; }

    /// <summary>Index of the item in its track.</summary>
    public int ItemIndex { get; init; }

    /// <summary>The track's name.</summary>
    public string TrackName { get; init; } = "";

    /// <summary><c>Video</c> or <c>Audio</c>.</summary>
    public string TrackKind { get; init; } = "Video";

    /// <summary>The timeline's name.</summary>
    public string TimelineName { get; init; } = "";

    /// <summary>The exact frame rate of the item (its range's rate, snapped to NTSC ratios).</summary>
    public required VideoRate Rate { get; init; }

    /// <summary>The frame size to deliver: the clip's media size, else the timeline's, else 1920×1080.</summary>
    public required PixelSize Size { get; init; }

    /// <summary>The item's range in its track (track time).</summary>
    public required TimeRange RecordRange { get; init; }

    /// <summary>The timeline's global start time (record timecode of track time 0), or null.</summary>
    public RationalTime? TimelineStart { get; init; }

    /// <summary>The clip's trimmed range in media time; for a gap, its duration from 0.</summary>
    public required TimeRange SourceRange { get; init; }

    /// <summary>Unused media before the used range (zero when none or unknown).</summary>
    public RationalTime HeadHandle { get; init; }

    /// <summary>Unused media after the used range (zero when none or unknown).</summary>
    public RationalTime TailHandle { get; init; }

    /// <summary>The active media, or null for gaps and clips without a file reference.</summary>
    public ClipMedia? Media { get; init; }

    /// <summary>Keys of all the clip's media references, in order.</summary>
    public IReadOnlyList<string> MediaReferenceKeys { get; init; } = [];

    /// <summary>Key of the active media reference, or null.</summary>
    public string? ActiveMediaReferenceKey { get; init; }

    /// <summary>The first used frame as a 16-bit PNG when <see cref="ToolInput.EdgeFrames"/> was asked for.</summary>
    public string? FirstFramePath { get; init; }

    /// <summary>The last used frame as a 16-bit PNG when <see cref="ToolInput.EdgeFrames"/> was asked for.</summary>
    public string? LastFramePath { get; init; }

    /// <summary>The item before, or null at the start of the track.</summary>
    public NeighbourContext? Previous { get; init; }

    /// <summary>The item after, or null at the end of the track.</summary>
    public NeighbourContext? Next { get; init; }

    /// <summary>Markers on the item.</summary>
    public IReadOnlyList<MarkerInfo> Markers { get; init; } = [];

    /// <summary>A speed effect on the clip, or null.</summary>
    public TimeWarpInfo? TimeWarp { get; init; }

    /// <summary>The item's metadata as a read-only JSON object (OTIO metadata, including other vendors' blocks).</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Frames of <see cref="RecordRange"/> at <see cref="Rate"/>.</summary>
    public long DurationFrames => (long)Math.Round(RecordRange.Duration.ValueRescaledTo(Rate.FramesPerSecond));
}
