using System.Text.Json;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Host.Provenance;

/// <summary>One stretch of a track whose active media was generated, fully or in part, by <c>editing apply</c>.</summary>
/// <param name="TrackIndex">Index of the track in the timeline's stack.</param>
/// <param name="Track">The track's label: its name, else <c>V1</c>, <c>A2</c>...</param>
/// <param name="TrackKind"><c>Video</c> or <c>Audio</c>.</param>
/// <param name="ItemIndex">Index of the clip in its track.</param>
/// <param name="Shot">The clip's name.</param>
/// <param name="RecordIn">First frame on the record side (timeline global start included).</param>
/// <param name="RecordOut">The frame after the last (exclusive, as EDLs write record out).</param>
/// <param name="Tool">The tool id and version that made the media.</param>
/// <param name="Provider">The provider id.</param>
/// <param name="Model">The model id.</param>
/// <param name="TrainingData">The model's declared training-data source (<c>licensed</c>, <c>owned</c>... or <c>undeclared</c>).</param>
/// <param name="Licence">The declared training-data licence, or empty.</param>
/// <param name="Prompt">The prompt, or empty.</param>
/// <param name="Seed">The seed, when the generation had one.</param>
/// <param name="PartlyGenerated">True when the media continue real footage (an extension) rather than being wholly generated.</param>
/// <param name="MediaUrl">The active media reference's URL, as written in the timeline.</param>
/// <param name="ProvenanceUrl">The provenance sidecar, relative to the timeline's folder, or empty.</param>
/// <param name="MediaFrame">The frame of the media file at the middle of the segment (for thumbnails).</param>
public sealed record GeneratedSegment(
    int TrackIndex, string Track, string TrackKind, int ItemIndex, string Shot, RationalTime RecordIn, RationalTime RecordOut,
    string Tool, string Provider, string Model, string TrainingData, string Licence, string Prompt, long? Seed, bool PartlyGenerated,
    string MediaUrl, string ProvenanceUrl, long MediaFrame)
{
    /// <summary>Duration in frames.</summary>
    public long Frames => (long)Math.Round(RecordOut.Value - RecordIn.Value);

    /// <summary>Record in as timecode at the timeline rate.</summary>
    public string TimecodeIn => RecordIn.ToTimecode();

    /// <summary>Record out (exclusive) as timecode at the timeline rate.</summary>
    public string TimecodeOut => RecordOut.ToTimecode();

    /// <summary>The C2PA digital source type.</summary>
    public string DigitalSourceType => PartlyGenerated ? "compositeWithTrainedAlgorithmicMedia" : "trainedAlgorithmicMedia";
}

/// <summary>Generated duration of one track.</summary>
/// <param name="TrackIndex">Index in the stack.</param>
/// <param name="Track">Label.</param>
/// <param name="TrackKind"><c>Video</c> or <c>Audio</c>.</param>
/// <param name="RuntimeFrames">The track's duration in frames.</param>
/// <param name="GeneratedFrames">Frames covered by generated segments.</param>
/// <param name="Rate">Frames per second.</param>
public sealed record TrackTotals(int TrackIndex, string Track, string TrackKind, long RuntimeFrames, long GeneratedFrames, double Rate)
{
    /// <summary>Generated share of the track's runtime, 0..1.</summary>
    public double Share => RuntimeFrames > 0 ? (double)GeneratedFrames / RuntimeFrames : 0;
}

/// <summary>The generated segments of a timeline and their totals.</summary>
/// <param name="TimelineName">The timeline's name.</param>
/// <param name="TimelinePath">The file read.</param>
/// <param name="Rate">The timeline rate.</param>
/// <param name="RuntimeFrames">The timeline's duration in frames.</param>
/// <param name="Segments">Every generated segment, by track then record in.</param>
/// <param name="Tracks">Totals per track (every track, also those without generated media).</param>
public sealed record GeneratedInventory(string TimelineName, string TimelinePath, double Rate, long RuntimeFrames,
    IReadOnlyList<GeneratedSegment> Segments, IReadOnlyList<TrackTotals> Tracks)
{
    /// <summary>The largest generated share of any track, 0..1.</summary>
    public double MaxShare => Tracks.Count == 0 ? 0 : Tracks.Max(t => t.Share);

    /// <summary>Finds the generated segments of <paramref name="timeline"/>: clips whose active media reference carries
    /// an <c>editing</c> block with <c>generated: true</c>. Prompt and training data come from the block, else from
    /// the provenance sidecar it names (relative to <paramref name="timelinePath"/>'s folder).</summary>
    public static GeneratedInventory Of(Timeline timeline, string timelinePath)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var folder = Path.GetDirectoryName(Path.GetFullPath(timelinePath)) ?? ".";
        var rate = RateOf(timeline);
        var global = timeline.GlobalStartTime?.RescaledTo(rate) ?? new RationalTime(0, rate);
        var segments = new List<GeneratedSegment>();
        var totals = new List<TrackTotals>();
        var tracks = timeline.Tracks?.Children.OfType<Track>().ToList() ?? [];
        int video = 0, audio = 0;
        for (var t = 0; t < tracks.Count; t++)
        {
            var track = tracks[t];
            var isAudio = track.Kind == Track.AudioKind;
            var number = isAudio ? ++audio : ++video;
            var label = track.Name.Length > 0 ? track.Name : (isAudio ? "A" : "V") + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

            long generated = 0;
            for (var i = 0; i < track.Children.Count; i++)
            {
                if (track.Children[i] is not Clip clip || clip.MediaReference is not { } reference || !IsGenerated(reference.Metadata))
                {
                    continue;
                }

                var range = track.TrimmedRangeOfChildAtIndex(i);
                var recordIn = global + range.StartTime.RescaledTo(rate);
                var recordOut = recordIn + range.Duration.RescaledTo(rate);
                var block = (OtioDictionary)reference.Metadata[Editing.Host.Edits.TimelineEditor.Namespace]!;
                var sidecar = Text(block, "provenance");
                var fromSidecar = block.ContainsKey("prompt") || sidecar.Length == 0 ? null : ReadSidecar(Path.Combine(folder, sidecar));
                var source = clip.TrimmedRange();
                var middle = source.StartTime.RescaledTo(source.Duration.Rate).Value + source.Duration.Value / 2;
                var mediaFrame = (long)Math.Floor(middle - (reference.AvailableRange?.StartTime.RescaledTo(source.Duration.Rate).Value ?? 0));
                var toolVersion = Text(block, "tool_version");
                segments.Add(new GeneratedSegment(t, label, track.Kind, i, clip.Name, recordIn, recordOut,
                    Text(block, "tool") + (toolVersion.Length > 0 ? " " + toolVersion : ""),
                    Text(block, "provider"), Text(block, "model"),
                    Text(block, "training_data") is { Length: > 0 } td ? td : fromSidecar?.TrainingData ?? "undeclared",
                    Text(block, "training_data_licence") is { Length: > 0 } tl ? tl : fromSidecar?.Licence ?? "",
                    block.ContainsKey("prompt") ? Text(block, "prompt") : fromSidecar?.Prompt ?? "",
                    block.TryGetValue("seed", out var seed) && seed is long s ? s : null,
                    block.TryGetValue("partly_generated", out var partly) && partly is true,
                    (reference as ExternalReference)?.TargetUrl ?? "", sidecar, Math.Max(0, mediaFrame)));
                generated += (long)Math.Round(range.Duration.RescaledTo(rate).Value);
            }

            var runtime = (long)Math.Round(track.Duration().RescaledTo(rate).Value);
            totals.Add(new TrackTotals(t, label, track.Kind, runtime, generated, rate));
        }

        var duration = timeline.Tracks is null ? 0 : (long)Math.Round(timeline.Duration().RescaledTo(rate).Value);
        return new GeneratedInventory(timeline.Name, Path.GetFullPath(timelinePath), rate, duration, segments, totals);
    }

    /// <summary>True when a metadata dictionary holds an <c>editing</c> block saying the media were generated.</summary>
    public static bool IsGenerated(OtioDictionary metadata) =>
        metadata.TryGetValue(Editing.Host.Edits.TimelineEditor.Namespace, out var value) && value is OtioDictionary block
        && block.TryGetValue("generated", out var generated) && generated is true;

    /// <summary>The timeline's rate: its global start time's, else its first clip's, else 24.</summary>
    public static double RateOf(Timeline timeline)
    {
        if (timeline.GlobalStartTime is { Rate: > 0 } start)
        {
            return start.Rate;
        }

        var first = timeline.Tracks?.FindClips().FirstOrDefault();
        return first?.TrimmedRange().Duration.Rate is > 0 and var r ? r : 24;
    }

    private static string Text(OtioDictionary block, string key) =>
        block.TryGetValue(key, out var v) && v is string s ? s : "";

    private sealed record SidecarFacts(string Prompt, string TrainingData, string Licence);

    private static SidecarFacts? ReadSidecar(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            string Get(JsonElement e, params string[] names)
            {
                foreach (var n in names)
                {
                    if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(n, out e))
                    {
                        return "";
                    }
                }

                return e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "";
            }

            return new SidecarFacts(Get(root, "prompt"), Get(root, "provider", "training_data", "source"), Get(root, "provider", "training_data", "licence"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
