using Editing.Otio.OpenTime;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Tools.Tests.Support;

/// <summary>
/// <see cref="ClipContext"/>s as the host makes them, built by hand: times at 24000/1001 stored as OTIO does (rate
/// 23.976…, values in frames), media time starting at the plate's timecode 01:00:00:00 = frame 86400.
/// </summary>
public static class Contexts
{
    public static readonly double Fps = TestMedia.Rate.FramesPerSecond;

    public static RationalTime T(double frames) => new(frames, Fps);

    public static TimeRange Range(double start, double duration) => new(T(start), T(duration));

    /// <summary>
    /// A clip using plate frames [<paramref name="first"/>, first + count) placed at <paramref name="recordStart"/> on
    /// the track, with the handles the plate leaves on each side.
    /// </summary>
    public static ClipContext Clip(TestMedia media, long first, long count, long recordStart = 24, string name = "sh010")
    {
        return new ClipContext
        {
            Kind = ItemKind.Clip,
            Name = name,
            ItemPath = "tracks.children[0].children[1]",
            ItemIndex = 1,
            TimelineName = "cut",
            Rate = TestMedia.Rate,
            Size = TestMedia.Size,
            RecordRange = Range(recordStart, count),
            SourceRange = Range(TestMedia.StartFrame + first, count),
            HeadHandle = T(first),
            TailHandle = T(TestMedia.Frames - first - count),
            Media = Plate(media),
            MediaReferenceKeys = ["DEFAULT_MEDIA"],
            ActiveMediaReferenceKey = "DEFAULT_MEDIA",
        };
    }

    /// <summary>The plate as a clip's active media.</summary>
    public static ClipMedia Plate(TestMedia media) => new()
    {
        Path = media.Path,
        Exists = true,
        AvailableRange = Range(TestMedia.StartFrame, TestMedia.Frames),
        Description = media.Description,
    };

    /// <summary><paramref name="clip"/> with its first and last used frames extracted as the host does for
    /// <see cref="ToolInput.EdgeFrames"/>.</summary>
    public static async Task<ClipContext> WithEdgeFramesAsync(ClipContext clip, IMediaServices media, string folder)
    {
        var first = clip.Media!.FileFrameOf(clip.SourceRange.StartTime);
        var last = clip.Media.FileFrameOf(clip.SourceRange.EndTimeInclusive());
        var firstPng = Path.Combine(folder, $"edge-{Guid.NewGuid():N}-first.png");
        var lastPng = Path.Combine(folder, $"edge-{Guid.NewGuid():N}-last.png");
        await media.ExtractFrameAsync(clip.Media.Path, first, firstPng, CancellationToken.None);
        await media.ExtractFrameAsync(clip.Media.Path, last, lastPng, CancellationToken.None);
        return clip with { FirstFramePath = firstPng, LastFramePath = lastPng };
    }

    /// <summary>A gap of <paramref name="frames"/> at <paramref name="recordStart"/>.</summary>
    public static ClipContext Gap(long frames, long recordStart = 24, string name = "") => new()
    {
        Kind = ItemKind.Gap,
        Name = name,
        ItemPath = "tracks.children[0].children[2]",
        ItemIndex = 2,
        Rate = TestMedia.Rate,
        Size = TestMedia.Size,
        RecordRange = Range(recordStart, frames),
        SourceRange = Range(0, frames),
    };

    /// <summary>A neighbour clip whose touching frame is plate frame <paramref name="edgeFrame"/>, extracted.</summary>
    public static async Task<NeighbourContext> NeighbourClipAsync(TestMedia media, long edgeFrame, TimeRange record, string folder, string name)
    {
        var png = Path.Combine(folder, $"neighbour-{name}-{edgeFrame}.png");
        await media.Media.ExtractFrameAsync(media.Path, edgeFrame, png, CancellationToken.None);
        return new NeighbourContext
        {
            Kind = ItemKind.Clip,
            Name = name,
            RecordRange = record,
            EdgeFramePath = png,
            Media = Plate(media),
        };
    }

    /// <summary>A transition neighbour with the given offsets in frames.</summary>
    public static NeighbourContext Transition(long inOffset, long outOffset, double recordStart) => new()
    {
        Kind = ItemKind.Transition,
        Name = "dissolve",
        RecordRange = Range(recordStart, 0),
        TransitionInOffset = T(inOffset),
        TransitionOutOffset = T(outOffset),
    };
}
