using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Editing.Otio;
using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Cli.Commands;

/// <summary><c>editing inspect FILE [--json | --facts]</c>: tracks, clips, duration, rates, media (missing flagged), markers.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The timeline to inspect (.otio, .otioz, .otiod)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary for scripts." };
        var facts = new Option<bool>("--facts") { Description = "Print every item's computed ranges in the conformance facts format." };
        var cmd = new Command("inspect", "Show a timeline's tracks, clips, duration, rates, media references (missing ones flagged) and markers.")
        {
            file,
            json,
            facts,
        };
        cmd.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(file)!;
            var root = TimelineFile.Read(path);
            var stdout = Console.OpenStandardOutput();
            if (parse.GetValue(facts))
            {
                var text = FactsWriter.Write(root, Path.GetFileName(path));
                var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\n");
                stdout.Write(bytes);
                stdout.Flush();
                return ExitCodes.Ok;
            }
            var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var summary = TimelineSummary.Build(root, baseDir);
            if (parse.GetValue(json))
            {
                using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                summary.WriteJson(w, path);
                w.Flush();
                stdout.Write("\n"u8);
            }
            else
            {
                summary.WriteText(Console.Out, path);
            }
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}

/// <summary>What <c>inspect</c> reports, computed once for both the text and the JSON form.</summary>
internal sealed class TimelineSummary
{
    private readonly List<TrackInfo> _tracks = [];
    private string _schema = string.Empty;
    private string _name = string.Empty;
    private RationalTime? _globalStart;
    private RationalTime? _duration;
    private readonly SortedSet<double> _rates = [];

    private sealed record TrackInfo(int Index, string Name, string Kind, bool Enabled, RationalTime? Duration, List<ItemInfo> Items);

    private sealed record ItemInfo(int Index, string Schema, string Name, TimeRange? Record, TimeRange? Source, string? Media, string? MediaKind, bool Missing, int MediaReferenceCount, List<(string Name, TimeRange Range, string Color, string Comment)> Markers);

    public static TimelineSummary Build(SerializableObject root, string baseDir)
    {
        var s = new TimelineSummary { _schema = $"{root.SchemaName}.{root.SchemaVersion}" };
        if (root is SerializableObjectWithMetadata named)
        {
            s._name = named.Name;
        }
        Stack? stack = null;
        switch (root)
        {
            case Timeline t:
                s._globalStart = t.GlobalStartTime;
                stack = t.Tracks;
                s._duration = Try(() => t.Duration());
                break;
            case Stack st:
                stack = st;
                s._duration = Try(() => st.Duration());
                break;
            case Track tr:
                s.AddTrack(0, tr, baseDir);
                s._duration = Try(() => tr.Duration());
                return s;
        }
        if (stack is not null)
        {
            for (var i = 0; i < stack.Children.Count; i++)
            {
                if (stack.Children[i] is Track track)
                {
                    s.AddTrack(i, track, baseDir);
                }
            }
        }
        if (s._globalStart is { } g)
        {
            s._rates.Add(g.Rate);
        }
        return s;
    }

    private void AddTrack(int index, Track track, string baseDir)
    {
        var items = new List<ItemInfo>();
        for (var i = 0; i < track.Children.Count; i++)
        {
            var child = track.Children[i];
            var record = Try(() => track.RangeOfChildAtIndex(i));
            if (child is Transition tr)
            {
                items.Add(new ItemInfo(i, "Transition", tr.Name.Length > 0 ? tr.Name : tr.TransitionType, record, null, null, null, false, 0, []));
                continue;
            }
            if (child is not Item item)
            {
                continue;
            }
            var source = Try(() => item.TrimmedRange());
            if (source is { } src)
            {
                _rates.Add(src.Duration.Rate);
            }
            string? media = null;
            string? mediaKind = null;
            var missing = false;
            var refCount = 0;
            if (item is Clip clip)
            {
                refCount = clip.MediaReferences.Count;
                var mr = clip.MediaReference;
                mediaKind = mr?.SchemaName;
                switch (mr)
                {
                    case null:
                        missing = true;
                        media = $"(no media reference under '{clip.ActiveMediaReferenceKey}')";
                        break;
                    case MissingReference:
                        missing = true;
                        break;
                    case ExternalReference ext:
                        media = ext.TargetUrl;
                        missing = IsMissingFile(ext.TargetUrl, baseDir);
                        break;
                    case ImageSequenceReference seq:
                        media = $"{seq.TargetUrlBase}{(seq.TargetUrlBase.EndsWith('/') ? "" : "/")}{seq.NamePrefix}#{seq.NameSuffix}";
                        break;
                    case GeneratorReference gen:
                        media = $"generator:{gen.GeneratorKind}";
                        break;
                }
            }
            var markers = item.Markers.Select(m => (m.Name, m.MarkedRange, m.Color?.Name ?? string.Empty, m.Comment)).ToList();
            items.Add(new ItemInfo(i, item.SchemaName, item.Name, record, source, media, mediaKind, missing, refCount, markers));
        }
        _tracks.Add(new TrackInfo(index, track.Name, track.Kind, track.Enabled, Try(() => track.Duration()), items));
    }

    public void WriteText(TextWriter o, string path)
    {
        var clipCount = _tracks.Sum(t => t.Items.Count(i => i.Schema == "Clip"));
        var missing = _tracks.Sum(t => t.Items.Count(i => i.Missing));
        o.WriteLine($"{path}: {_schema} '{_name}'");
        o.WriteLine($"  duration     {Time(_duration)}");
        o.WriteLine($"  global start {Time(_globalStart)}");
        o.WriteLine($"  rates        {(_rates.Count == 0 ? "-" : string.Join(", ", _rates.Select(Num)))}");
        o.WriteLine($"  tracks       {_tracks.Count} ({_tracks.Count(t => t.Kind == Track.VideoKind)} video, {_tracks.Count(t => t.Kind == Track.AudioKind)} audio), {clipCount} clips, {missing} with missing media");
        foreach (var t in _tracks)
        {
            o.WriteLine();
            o.WriteLine($"  [{t.Index}] {t.Kind} track '{t.Name}'{(t.Enabled ? "" : " (disabled)")}, {t.Items.Count} items, duration {Time(t.Duration)}");
            foreach (var i in t.Items)
            {
                // Record timecode as the editor sees it: the range in the track offset by the timeline's start.
                var offset = _globalStart ?? default;
                var rec = i.Record is { } r ? $"{Tc(r.StartTime + offset)}-{Tc(r.EndTimeExclusive() + offset)}" : "?";
                var src = i.Source is { } s ? $" src {Tc(s.StartTime)}+{Num(s.Duration.Value)}@{Num(s.Duration.Rate)}" : string.Empty;
                var media = i.Schema == "Clip" ? $"  {(i.Missing ? "MISSING " : string.Empty)}{i.Media ?? i.MediaKind ?? string.Empty}" : string.Empty;
                var variants = i.MediaReferenceCount > 1 ? $" (+{i.MediaReferenceCount - 1} more media references)" : string.Empty;
                o.WriteLine($"    {i.Index,4} {i.Schema,-10} {rec,-25} {Quote(i.Name)}{src}{media}{variants}");
                foreach (var m in i.Markers)
                {
                    o.WriteLine($"         marker {Quote(m.Name)} at {Tc(m.Range.StartTime)} ({m.Color}){(m.Comment.Length > 0 ? " " + m.Comment : "")}");
                }
            }
        }
    }

    public void WriteJson(Utf8JsonWriter w, string path)
    {
        w.WriteStartObject();
        w.WriteString("file", path);
        w.WriteString("schema", _schema);
        w.WriteString("name", _name);
        WriteTime(w, "duration", _duration);
        WriteTime(w, "global_start_time", _globalStart);
        w.WriteStartArray("rates");
        foreach (var r in _rates)
        {
            w.WriteNumberValue(r);
        }
        w.WriteEndArray();
        w.WriteStartArray("tracks");
        foreach (var t in _tracks)
        {
            w.WriteStartObject();
            w.WriteNumber("index", t.Index);
            w.WriteString("name", t.Name);
            w.WriteString("kind", t.Kind);
            w.WriteBoolean("enabled", t.Enabled);
            WriteTime(w, "duration", t.Duration);
            w.WriteStartArray("items");
            foreach (var i in t.Items)
            {
                w.WriteStartObject();
                w.WriteNumber("index", i.Index);
                w.WriteString("schema", i.Schema);
                w.WriteString("name", i.Name);
                WriteRange(w, "range_in_track", i.Record);
                WriteRange(w, "source_range", i.Source);
                if (i.Schema == "Clip")
                {
                    w.WriteString("media", i.Media);
                    w.WriteString("media_kind", i.MediaKind);
                    w.WriteBoolean("media_missing", i.Missing);
                    w.WriteNumber("media_reference_count", i.MediaReferenceCount);
                }
                w.WriteStartArray("markers");
                foreach (var m in i.Markers)
                {
                    w.WriteStartObject();
                    w.WriteString("name", m.Name);
                    WriteRange(w, "marked_range", m.Range);
                    w.WriteString("color", m.Color);
                    w.WriteString("comment", m.Comment);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, RationalTime? t)
    {
        if (t is not { } v)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("value", v.Value);
        w.WriteNumber("rate", v.Rate);
        if (v.TryToTimecode(v.Rate, out var tc))
        {
            w.WriteString("timecode", tc);
        }
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string name, TimeRange? r)
    {
        if (r is not { } v)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        WriteTime(w, "start_time", v.StartTime);
        WriteTime(w, "duration", v.Duration);
        w.WriteEndObject();
    }

    private static bool IsMissingFile(string url, string baseDir)
    {
        string? local = null;
        if (url.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            local = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.LocalPath : null;
        }
        else if (!url.Contains("://", StringComparison.Ordinal) && url.Length > 0)
        {
            local = Path.IsPathRooted(url) ? url : Path.Combine(baseDir, url);
        }
        return local is not null && !File.Exists(local) && !Directory.Exists(local);
    }

    private static T? Try<T>(Func<T> f)
        where T : struct
    {
        try
        {
            return f();
        }
        catch (OtioException)
        {
            return null;
        }
    }

    private static string Time(RationalTime? t)
        => t is { } v ? $"{Num(v.Value)}@{Num(v.Rate)} ({Tc(v)})" : "-";

    private static string Tc(RationalTime t) => t.TryToTimecode(t.Rate, out var tc) ? tc : t.ToTimeString();

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Length == 0 ? "''" : $"'{s}'";
}
