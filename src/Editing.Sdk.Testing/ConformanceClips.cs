using System.Globalization;
using Editing.Host.Edits;
using Editing.Host.Media;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;
using Editing.Sdk.Media;
using Editing.Sdk.Tools;

namespace Editing.Sdk.Testing;

/// <summary>
/// The small cut conformance runs use, made once per test process in a temporary folder and deleted when it exits:
/// a 36-frame plate (320×180 at 24 fps, source timecode <c>01:00:00:00</c> = frame 86400, a blue-to-red field with a
/// white square moving 5 px per frame, so every frame differs) and a one-track timeline
/// <c>[sh010: plate frames 12–23] [gap: 12 frames] [sh020: plate frames 12–23]</c>, 12 frames of handle on each side of
/// each clip. Contexts are made by the host's own <see cref="ClipContextFactory"/>, exactly as <c>editing apply</c> makes
/// them, including the edge and neighbour frames a tool asks for.
/// </summary>
public sealed class ConformanceClips
{
    /// <summary>Frames in the plate.</summary>
    public const int PlateFrames = 36;

    /// <summary>Frames each clip uses (and the gap's length).</summary>
    public const int ClipFrames = 12;

    /// <summary>The plate's first frame in media time (01:00:00:00 at 24 fps).</summary>
    public const long PlateStartFrame = 86400;

    /// <summary>The <c>--select</c> expression of the first clip.</summary>
    public const string ClipSelection = "index:0.0";

    /// <summary>The <c>--select</c> expression of the gap.</summary>
    public const string GapSelection = "index:0.1";

    private static readonly Lazy<Task<ConformanceClips>> Shared = new(CreateAsync);

    private readonly Timeline _timeline;
    private readonly ClipContextFactory _contexts;

    private ConformanceClips(string folder, string platePath, string timelinePath, Timeline timeline, HostMediaServices media)
    {
        Folder = folder;
        PlatePath = platePath;
        TimelinePath = timelinePath;
        _timeline = timeline;
        Media = media;
        _contexts = new ClipContextFactory(timeline, timelinePath, media);
    }

    /// <summary>The plate's exact rate.</summary>
    public static VideoRate Rate { get; } = new(24, 1);

    /// <summary>The plate's frame size.</summary>
    public static PixelSize Size { get; } = new(320, 180);

    /// <summary>The temporary folder holding the plate and the timeline.</summary>
    public string Folder { get; }

    /// <summary>The plate (ProRes in <c>.mov</c>).</summary>
    public string PlatePath { get; }

    /// <summary>The timeline (<c>.otio</c>) the contexts come from.</summary>
    public string TimelinePath { get; }

    /// <summary>The host's media services, as a worker gets them.</summary>
    public IMediaServices Media { get; }

    /// <summary>The shared instance, made on first use.</summary>
    public static Task<ConformanceClips> GetAsync() => Shared.Value;

    /// <summary>
    /// The context of the first clip (<c>sh010</c>), with the frames <paramref name="inputs"/> ask for extracted into
    /// <paramref name="scratchDirectory"/>.
    /// </summary>
    public Task<ClipContext> ClipAsync(IReadOnlyCollection<ToolInput> inputs, string scratchDirectory, CancellationToken cancellationToken) =>
        ContextAsync(ClipSelection, inputs, scratchDirectory, cancellationToken);

    /// <summary>The context of the gap between the two clips, with the neighbours' frames when asked for.</summary>
    public Task<ClipContext> GapAsync(IReadOnlyCollection<ToolInput> inputs, string scratchDirectory, CancellationToken cancellationToken) =>
        ContextAsync(GapSelection, inputs, scratchDirectory, cancellationToken);

    /// <summary>The context a tool gets by default: the first clip when it accepts clips, else the gap when it accepts
    /// gaps, else the first clip.</summary>
    public Task<ClipContext> ForToolAsync(ToolDescriptor tool, string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var gap = !tool.Targets.Contains(ItemKind.Clip) && tool.Targets.Contains(ItemKind.Gap);
        return ContextAsync(gap ? GapSelection : ClipSelection, tool.Inputs, scratchDirectory, cancellationToken);
    }

    /// <summary>The context of the item <paramref name="selection"/> names (a <c>--select</c> expression matching one item).</summary>
    /// <exception cref="InvalidOperationException">The expression does not match exactly one item.</exception>
    public async Task<ClipContext> ContextAsync(string selection, IReadOnlyCollection<ToolInput> inputs, string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Directory.CreateDirectory(scratchDirectory);
        var selected = TimelineSelector.Select(_timeline, [selection]);
        if (selected.Count != 1)
        {
            throw new InvalidOperationException($"'{selection}' matches {selected.Count} items of the conformance timeline; expected one");
        }

        return await _contexts.CreateAsync(selected[0], inputs, scratchDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes plate frame <paramref name="frame"/> (0-based) as a 16-bit PNG at <paramref name="outputPng"/>.</summary>
    public Task ExtractFrameAsync(long frame, string outputPng, CancellationToken cancellationToken) =>
        Media.ExtractFrameAsync(PlatePath, frame, outputPng, cancellationToken);

    private static async Task<ConformanceClips> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "editing-conformance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        var media = new HostMediaServices(new HostMediaServicesOptions { ScratchDirectory = Path.Combine(folder, "media-scratch") });
        var plate = Path.Combine(folder, "plate.mov");
        var writer = media.CreateWriter(plate, new VideoWriteSpec { Size = Size, Rate = Rate, FrameCount = PlateFrames });
        await using (writer.ConfigureAwait(false))
        {
            for (var i = 0; i < PlateFrames; i++)
            {
                await writer.WriteAsync(PlateFrame(i), CancellationToken.None).ConfigureAwait(false);
            }

            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var timelinePath = Path.Combine(folder, "conformance.otio");
        var timeline = (Timeline)OtioJson.ReadString(TimelineJson(plate), timelinePath);
        OtioJson.WriteFile(timeline, timelinePath);
        return new ConformanceClips(folder, plate, timelinePath, timeline, media);
    }

    /// <summary>Frame <paramref name="i"/>: the background shifts from blue to red, a white square moves right.</summary>
    private static VideoFrame PlateFrame(int i)
    {
        var frame = VideoFrame.Create(Size.Width, Size.Height, FramePixelFormat.Rgb24);
        var p = frame.Pixels;
        byte r = (byte)(30 + (4 * i)), g = 90, b = (byte)(220 - (3 * i));
        for (var y = 0; y < Size.Height; y++)
        {
            for (var x = 0; x < Size.Width; x++)
            {
                var inSquare = x >= 20 + (5 * i) && x < 60 + (5 * i) && y >= 50 && y < 90;
                var o = ((y * Size.Width) + x) * 3;
                p[o] = inSquare ? (byte)255 : r;
                p[o + 1] = inSquare ? (byte)255 : g;
                p[o + 2] = inSquare ? (byte)255 : b;
            }
        }

        return frame;
    }

    private static string TimelineJson(string plate)
    {
        static string Time(long frames) =>
            string.Create(CultureInfo.InvariantCulture, $$$"""{"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": {{{frames}}}.0}""");
        static string Range(long start, long duration) =>
            $$$"""{"OTIO_SCHEMA": "TimeRange.1", "start_time": {{{Time(start)}}}, "duration": {{{Time(duration)}}}}""";
        var url = System.Text.Json.JsonSerializer.Serialize(Otio.Bundles.OtioBundle.FileUrlFromPath(plate));
        string Clip(string name) => $$$"""
            {
              "OTIO_SCHEMA": "Clip.2", "name": "{{{name}}}", "source_range": {{{Range(PlateStartFrame + 12, ClipFrames)}}},
              "effects": [], "markers": [], "enabled": true, "metadata": {},
              "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "ExternalReference.1", "name": "plate", "target_url": {{{url}}},
                "available_range": {{{Range(PlateStartFrame, PlateFrames)}}}, "metadata": {} } },
              "active_media_reference_key": "DEFAULT_MEDIA"
            }
            """;
        return $$$"""
            {
              "OTIO_SCHEMA": "Timeline.1", "name": "conformance", "metadata": {},
              "global_start_time": {{{Time(PlateStartFrame)}}},
              "tracks": {"OTIO_SCHEMA": "Stack.1", "name": "tracks", "effects": [], "markers": [], "enabled": true, "metadata": {}, "children": [
                {"OTIO_SCHEMA": "Track.1", "name": "V1", "kind": "Video", "effects": [], "markers": [], "enabled": true, "metadata": {}, "children": [
                  {{{Clip("sh010")}}},
                  {"OTIO_SCHEMA": "Gap.1", "name": "", "source_range": {{{Range(0, ClipFrames)}}}, "effects": [], "markers": [], "enabled": true, "metadata": {}},
                  {{{Clip("sh020")}}}
                ]}
              ]}
            }
            """;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open by a worker; the system cleans its temporary folder.
        }
    }
}
