using Editing.Otio.Bundles;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Host.Edits;

/// <summary>
/// Makes the immutable <see cref="ClipContext"/> a tool sees from a selected timeline item: ranges, exact rate, size,
/// media (resolved against the timeline's folder and probed), handles, neighbours and, when the tool asks, edge frames
/// extracted as 16-bit PNGs into a scratch folder.
/// </summary>
public sealed class ClipContextFactory
{
    private readonly Timeline _timeline;
    private readonly string _timelineDirectory;
    private readonly IMediaServices _media;
    private readonly Dictionary<string, Task<MediaDescription?>> _probes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a factory for one timeline.</summary>
    /// <param name="timeline">The timeline the items belong to.</param>
    /// <param name="timelinePath">The timeline file; relative media URLs resolve against its folder.</param>
    /// <param name="media">Media services used to probe files and extract frames.</param>
    public ClipContextFactory(Timeline timeline, string timelinePath, IMediaServices media)
    {
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _timelineDirectory = Path.GetDirectoryName(Path.GetFullPath(timelinePath)) ?? Environment.CurrentDirectory;
        _media = media ?? throw new ArgumentNullException(nameof(media));
    }

    /// <summary>Resolves a media reference's URL to a local absolute path, or null when it is not a local file.</summary>
    public string? ResolveMediaPath(MediaReference? reference)
    {
        if (reference is not ExternalReference external || external.TargetUrl.Length == 0)
        {
            return null;
        }

        var file = OtioBundle.FileFromUrl(external.TargetUrl);
        return file is null ? null : Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(_timelineDirectory, file));
    }

    /// <summary>Builds the context for <paramref name="selected"/> without extracting frames.</summary>
    public Task<ClipContext> CreateAsync(SelectedItem selected, CancellationToken cancellationToken) =>
        CreateAsync(selected, [], null, cancellationToken);

    /// <summary>Builds the context, extracting the frames <paramref name="inputs"/> ask for into <paramref name="scratchDirectory"/>.</summary>
    public async Task<ClipContext> CreateAsync(SelectedItem selected, IReadOnlyCollection<ToolInput> inputs, string? scratchDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var item = selected.Item as Item ?? throw new ArgumentException($"{selected.Describe()} is not an item", nameof(selected));
        var track = selected.Track;
        var index = track.IndexOfChild(item);
        var record = track.RangeOfChildAtIndex(index);
        var rate = VideoRate.FromFramesPerSecond(record.Duration.Rate > 0 ? record.Duration.Rate : 24);
        var source = item is Gap ? new TimeRange(new RationalTime(0, record.Duration.Rate), record.Duration) : item.TrimmedRange();

        ClipMedia? media = null;
        if (item is Clip clip)
        {
            media = await DescribeMediaAsync(clip, cancellationToken).ConfigureAwait(false);
        }

        var (head, tail) = Handles(source, media?.AvailableRange);
        var wantsEdges = inputs.Contains(ToolInput.EdgeFrames) && scratchDirectory is not null;
        var wantsNeighbours = inputs.Contains(ToolInput.NeighbourFrames) && scratchDirectory is not null;

        string? first = null, last = null;
        if (wantsEdges && media is { Exists: true })
        {
            first = await ExtractAsync(media, source.StartTime, Path.Combine(scratchDirectory!, "clip-first.png"), cancellationToken).ConfigureAwait(false);
            last = await ExtractAsync(media, source.EndTimeInclusive(), Path.Combine(scratchDirectory!, "clip-last.png"), cancellationToken).ConfigureAwait(false);
        }

        var (prevItem, nextItem) = track.NeighborsOf(item);
        var previous = prevItem is null ? null
            : await NeighbourAsync(track, prevItem, atEnd: true, wantsNeighbours ? Path.Combine(scratchDirectory!, "previous-last.png") : null, cancellationToken).ConfigureAwait(false);
        var next = nextItem is null ? null
            : await NeighbourAsync(track, nextItem, atEnd: false, wantsNeighbours ? Path.Combine(scratchDirectory!, "next-first.png") : null, cancellationToken).ConfigureAwait(false);

        var size = media?.Description?.Size ?? TimelineSize() ?? previous?.Media?.Description?.Size ?? next?.Media?.Description?.Size ?? PixelSize.Hd1080;
        var warp = item.Effects.OfType<TimeEffect>().Select(e => e switch
        {
            FreezeFrame => new TimeWarpInfo("FreezeFrame", 0),
            LinearTimeWarp l => new TimeWarpInfo("LinearTimeWarp", l.TimeScalar),
            _ => null,
        }).FirstOrDefault(w => w is not null);

        return new ClipContext
        {
            Kind = KindOf(item),
            Name = item.Name,
            ItemPath = $"tracks.children[{selected.TrackIndex}].children[{index}]",
            TrackIndex = selected.TrackIndex,
            ItemIndex = index,
            TrackName = track.Name,
            TrackKind = track.Kind,
            TimelineName = _timeline.Name,
            Rate = rate,
            Size = size,
            RecordRange = record,
            TimelineStart = _timeline.GlobalStartTime,
            SourceRange = source,
            HeadHandle = head,
            TailHandle = tail,
            Media = media,
            MediaReferenceKeys = item is Clip c1 ? c1.MediaReferences.Keys.ToList() : [],
            ActiveMediaReferenceKey = item is Clip c2 ? c2.ActiveMediaReferenceKey : null,
            FirstFramePath = first,
            LastFramePath = last,
            Previous = previous,
            Next = next,
            Markers = item.Markers.Select(m => new MarkerInfo(m.Name, m.Color?.Name.ToUpperInvariant() ?? "", m.MarkedRange, m.Comment)).ToList(),
            TimeWarp = warp,
            Metadata = MetadataJson.ToElement(item.Metadata),
        };
    }

    /// <summary>The SDK's kind for a timeline item.</summary>
    internal static ItemKind KindOf(Composable item) => item switch
    {
        Gap => ItemKind.Gap,
        Transition => ItemKind.Transition,
        Stack => ItemKind.Stack,
        _ => ItemKind.Clip,
    };

    private PixelSize? TimelineSize()
    {
        // Resolve and Premiere do not agree on where the sequence size lives; Resolve writes it under Resolve_OTIO.
        if (_timeline.Metadata.TryGetValue("Resolve_OTIO", out var r) && r is OtioDictionary resolve
            && resolve.TryGetValue("Resolution", out var res) && res is OtioDictionary size
            && size.TryGetValue("width", out var w) && size.TryGetValue("height", out var h)
            && w is long width && h is long height && width > 0 && height > 0)
        {
            return new PixelSize((int)width, (int)height);
        }

        return null;
    }

    private static (RationalTime Head, RationalTime Tail) Handles(TimeRange used, TimeRange? available)
    {
        var zero = new RationalTime(0, used.Duration.Rate);
        if (available is not { } a)
        {
            return (zero, zero);
        }

        var head = used.StartTime - a.StartTime.RescaledTo(used.StartTime);
        var tail = a.EndTimeExclusive().RescaledTo(used.StartTime) - used.EndTimeExclusive();
        return (head.Value > 0 ? head : zero, tail.Value > 0 ? tail : zero);
    }

    private async Task<ClipMedia?> DescribeMediaAsync(Clip clip, CancellationToken cancellationToken)
    {
        var path = ResolveMediaPath(clip.MediaReference);
        if (path is null)
        {
            return null;
        }

        var exists = File.Exists(path);
        var description = exists ? await ProbeOnceAsync(path, cancellationToken).ConfigureAwait(false) : null;
        var available = clip.MediaReference?.AvailableRange;
        if (available is null && description is { Rate: { } r } && description.FrameCount > 0)
        {
            // No available range in the timeline: the file's own start timecode and length.
            var fps = r.FramesPerSecond;
            var start = description.StartTimecode is { } tc && RationalTime.TryFromTimecode(tc, fps, out var t) ? t : new RationalTime(0, fps);
            available = new TimeRange(start, new RationalTime(description.FrameCount, fps));
        }

        return new ClipMedia
        {
            Path = path,
            Exists = exists,
            ReferenceKey = clip.ActiveMediaReferenceKey,
            AvailableRange = available,
            Description = description,
        };
    }

    private Task<MediaDescription?> ProbeOnceAsync(string path, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_probes.TryGetValue(path, out var task))
            {
                task = ProbeAsync(path, cancellationToken);
                _probes[path] = task;
            }

            return task;
        }
    }

    private async Task<MediaDescription?> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await _media.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Editing.Sdk.PluginException e)
        {
            // An unreadable or unsupported file is the editor's input problem, not a tool failure.
            throw new UnreadableMediaException(path, e.Message, e);
        }
    }

    private async Task<string?> ExtractAsync(ClipMedia media, RationalTime mediaTime, string output, CancellationToken cancellationToken)
    {
        var frame = Math.Max(0, media.FileFrameOf(mediaTime));
        if (media.Description is { FrameCount: > 0 } d)
        {
            frame = Math.Min(frame, d.FrameCount - 1);
        }

        await _media.ExtractFrameAsync(media.Path, frame, output, cancellationToken).ConfigureAwait(false);
        return output;
    }

    private async Task<NeighbourContext> NeighbourAsync(Track track, Composable neighbour, bool atEnd, string? framePath, CancellationToken cancellationToken)
    {
        var index = track.IndexOfChild(neighbour);
        var record = track.RangeOfChildAtIndex(index);
        ClipMedia? media = null;
        var handle = new RationalTime(0, record.Duration.Rate);
        string? edge = null;
        if (neighbour is Clip clip)
        {
            media = await DescribeMediaAsync(clip, cancellationToken).ConfigureAwait(false);
            var used = clip.TrimmedRange();
            var (head, tail) = Handles(used, media?.AvailableRange);
            handle = atEnd ? tail : head;
            if (framePath is not null && media is { Exists: true })
            {
                edge = await ExtractAsync(media, atEnd ? used.EndTimeInclusive() : used.StartTime, framePath, cancellationToken).ConfigureAwait(false);
            }
        }

        return new NeighbourContext
        {
            Kind = KindOf(neighbour),
            Name = neighbour.Name,
            RecordRange = record,
            EdgeFramePath = edge,
            Media = media,
            Handle = handle,
            TransitionInOffset = (neighbour as Transition)?.InOffset,
            TransitionOutOffset = (neighbour as Transition)?.OutOffset,
        };
    }
}
