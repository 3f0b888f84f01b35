using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Otio;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Interchange.Fcp7;

/// <summary>
/// Writes xmeml version 4 as OpenTimelineIO's <c>fcp_xml</c> adapter does: <c>fcp_xml</c> metadata written back as
/// elements (minus timecode, rate and link, which may be stale), files and items that are the same written once and
/// then referred to by id (<c>&lt;file id="file-1"/&gt;</c>), ids taken from the metadata when free, gaps implicit,
/// transitions with cut points, rates as timebase + NTSC flag, timecodes recomputed.
/// </summary>
internal sealed partial class Fcp7XmlWriter
{
    private const string Ns = "fcp_xml";
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.Ordinal) { ".wav", ".aac", ".mp3", ".aif", ".aiff", ".m4a" };

    private readonly Dictionary<string, Dictionary<string, int>> _ids = new(StringComparer.Ordinal);
    private readonly string? _file;

    private Fcp7XmlWriter(string? file)
    {
        _file = file;
    }

    public static string Write(SerializableObject root, string? file)
    {
        ArgumentNullException.ThrowIfNull(root);
        var writer = new Fcp7XmlWriter(file);
        var xmeml = new XmlNode("xmeml");
        xmeml.SetAttribute("version", "4");
        var project = xmeml.Append("project");
        project.Append("name", (root as SerializableObjectWithMetadata)?.Name ?? string.Empty);
        var children = project.Append("children");
        try
        {
            if (root is Timeline timeline)
            {
                children.Children.Add(writer.SequenceForTimeline(timeline));
            }
            else if (root is SerializableCollection collection)
            {
                foreach (var t in collection.Children.OfType<Timeline>())
                {
                    children.Children.Add(writer.SequenceForTimeline(t));
                }
            }
            else
            {
                throw writer.NotSupported($"a {root.SchemaName} cannot be written as FCP 7 XML (a Timeline or a SerializableCollection of timelines can)");
            }
        }
        catch (OtioException e)
        {
            throw writer.NotSupported(e.Message, e);
        }
        return xmeml.ToPrettyXml();
    }

    private InterchangeException NotSupported(string reason, Exception? inner = null)
        => new(InterchangeErrorKind.NotSupported, _file, 0, 0, reason, inner);

    [GeneratedRegex(@"^(?<tag>[a-zA-Z]*)-(?<id>\d*)$")]
    private static partial Regex IdPattern();

    /// <summary>
    /// The id for an object under a tag, and whether it is new. The same object (same URL for an external reference,
    /// same OTIO JSON otherwise) gets the same id; a new one prefers the number in its <c>fcp_xml.@id</c> when that
    /// names the same tag and is free, else the lowest free number.
    /// </summary>
    private (string Id, bool IsNew) IdFor(SerializableObjectWithMetadata item, string tag)
    {
        var key = item is ExternalReference ext ? "url:" + ext.TargetUrl : "json:" + OtioJson.WriteString(item);
        if (!_ids.TryGetValue(tag, out var map))
        {
            map = new Dictionary<string, int>(StringComparer.Ordinal);
            _ids[tag] = map;
        }
        if (map.TryGetValue(key, out var existing))
        {
            return ($"{tag}-{existing.ToString(CultureInfo.InvariantCulture)}", false);
        }
        int? preferred = null;
        if (FcpMetadata(item)?.TryGetValue("@id", out var idValue) == true && idValue is string idText)
        {
            var m = IdPattern().Match(idText);
            if (m.Success && m.Groups["tag"].Value == tag && int.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                preferred = n;
            }
        }
        var used = map.Values.ToHashSet();
        int id;
        if (preferred is { } p && !used.Contains(p))
        {
            id = p;
        }
        else
        {
            id = 1;
            while (used.Contains(id))
            {
                id++;
            }
        }
        map[key] = id;
        return ($"{tag}-{id.ToString(CultureInfo.InvariantCulture)}", true);
    }

    private static OtioDictionary? FcpMetadata(SerializableObjectWithMetadata o)
        => o.Metadata.TryGetValue(Ns, out var v) ? v as OtioDictionary : null;

    private XmlNode BackReferenced(SerializableObjectWithMetadata item, string tag, Func<XmlNode> build, string elementTag)
    {
        var (id, isNew) = IdFor(item, tag);
        if (!isNew)
        {
            var reference = new XmlNode(elementTag);
            reference.SetAttribute("id", id);
            return reference;
        }
        var e = build();
        e.SetAttribute("id", id);
        return e;
    }

    /// <summary>The reference's <c>_dict_to_xml_tree</c>: <c>@</c> keys become attributes (not <c>@id</c>), the rest children.</summary>
    internal static XmlNode DictToTree(OtioDictionary unsorted, string tag)
    {
        // The reference's metadata dictionaries are C++ maps: they iterate in key order, whatever order was read.
        var dict = unsorted.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var node = new XmlNode(tag);
        foreach (var (k, v) in dict)
        {
            if (k != "@id" && k.StartsWith('@'))
            {
                node.Attributes.Add(new KeyValuePair<string, string>(k[1..], PyFormat.Str(v)));
            }
        }
        // Timecode, rate and link may be stale after edits; they are rebuilt from the timeline instead.
        var skip = tag == "samplecharacteristics"
            ? (Func<string, bool>)(k => k == "timecode")
            : k => k is "timecode" or "rate" or "link";
        foreach (var (k, v) in dict)
        {
            if (skip(k) || k.StartsWith('@'))
            {
                continue;
            }
            AddValue(node, k, v);
        }
        return node;
    }

    private static void AddValue(XmlNode parent, string tag, object? value)
    {
        switch (value)
        {
            case OtioDictionary d:
                parent.Children.Add(DictToTree(d, tag));
                break;
            case OtioList list:
                foreach (var item in list)
                {
                    AddValue(parent, tag, item);
                }
                break;
            case null:
                parent.Append(tag);
                break;
            default:
                parent.Append(tag, PyFormat.Str(value));
                break;
        }
    }

    private static XmlNode WithMetadata(string tag, SerializableObjectWithMetadata item)
        => FcpMetadata(item) is { Count: > 0 } md ? DictToTree(md, tag) : new XmlNode(tag);

    /// <summary><c>'{:.0f}'.format(x)</c>: round half to even, <c>-0</c> kept.</summary>
    internal static string F0(double x)
    {
        var r = Math.Round(x, MidpointRounding.ToEven);
        if (r == 0 && (double.IsNegative(r) || x < 0))
        {
            return "-0";
        }
        return r.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static XmlNode Rate(double fps)
    {
        var rate = Math.Ceiling(fps);
        var e = new XmlNode("rate");
        e.Append("timebase", ((long)rate).ToString(CultureInfo.InvariantCulture));
        e.Append("ntsc", rate == fps ? "FALSE" : "TRUE");
        return e;
    }

    private XmlNode Timecode(RationalTime time, double fps, bool dropFrame, OtioDictionary? metadata)
    {
        XmlNode tc;
        if (metadata is { Count: > 0 })
        {
            var filtered = new OtioDictionary();
            foreach (var (k, v) in metadata)
            {
                if (k is "field" or "reel" or "source" or "format")
                {
                    filtered[k] = v;
                }
            }
            tc = DictToTree(filtered, "timecode");
        }
        else
        {
            tc = new XmlNode("timecode");
        }
        var rate = Rate(fps);
        tc.Children.Add(rate);
        var notNtsc = rate.Find("ntsc")!.Text == "FALSE";
        var tcFps = dropFrame && notNtsc ? fps * (1000 / 1001.0) : fps;
        var tcTime = new RationalTime(time.ValueRescaledTo(fps), tcFps);
        if (!tcTime.TryToTimecode(tcFps, dropFrame ? IsDropFrameRate.ForceYes : IsDropFrameRate.ForceNo, out var text, out var error))
        {
            throw NotSupported($"time {time} cannot be written as timecode at {fps.ToString(CultureInfo.InvariantCulture)} fps: {error.Message}", error);
        }
        tc.Append("string", text);
        tc.Append("frame", F0(Math.Round(time.Value, MidpointRounding.ToEven)));
        tc.Append("displayformat", text.Contains(';') ? "DF" : "NDF");
        return tc;
    }

    private XmlNode TimecodeFromMetadata(RationalTime time, OtioDictionary? tcMetadata)
    {
        var dropFrame = tcMetadata is not null && tcMetadata.TryGetValue("displayformat", out var df) && df is "DF";
        return Timecode(time, time.Rate, dropFrame, tcMetadata);
    }

    private static OtioDictionary? TimecodeMetadata(SerializableObjectWithMetadata o)
        => FcpMetadata(o) is { } md && md.TryGetValue("timecode", out var tc) ? tc as OtioDictionary : null;
}
