using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Fcp7;

/// <summary>
/// Reads FCP 7 XML (xmeml, as Premiere and Resolve export it) the way OpenTimelineIO's <c>fcp_xml</c> adapter does
/// (see <c>reference/interchange-adapters.md</c> §2): sequences to timelines, tracks, clip items with their files
/// (back-references to earlier <c>&lt;file id&gt;</c> resolved), transitions, markers, generators, nested sequences
/// as stacks, and everything else kept in <c>fcp_xml</c> metadata. Errors name the line and column of the element.
/// </summary>
internal sealed class Fcp7XmlReader
{
    private const string Ns = "fcp_xml";
    private static readonly HashSet<string> ItemTags = new(StringComparer.Ordinal) { "clipitem", "generatoritem", "transitionitem" };
    private static readonly HashSet<string> ItemIgnore = new(StringComparer.Ordinal) { "name", "start", "end", "in", "out", "duration", "file", "marker", "effect", "rate", "sequence" };

    private readonly string? _file;
    private readonly Dictionary<string, XElement> _ids = new(StringComparer.Ordinal);

    private Fcp7XmlReader(string? file)
    {
        _file = file;
    }

    public static SerializableObject Read(TextReader text, string? file)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        XDocument doc;
        try
        {
            using var xml = XmlReader.Create(text, settings);
            doc = XDocument.Load(xml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new InterchangeException(InterchangeErrorKind.Parse, file, e.LineNumber, e.LinePosition, "malformed XML: " + StripPosition(e.Message), e);
        }
        return new Fcp7XmlReader(file).ReadDocument(doc.Root!);
    }

    private static string StripPosition(string message)
    {
        var i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return i > 0 ? message[..i].TrimEnd('.', ' ') : message;
    }

    private SerializableObject ReadDocument(XElement root)
    {
        var sequences = root.Elements("sequence").ToList();
        sequences.AddRange(root.Descendants("children").SelectMany(c => c.Elements("sequence")));
        if (sequences.Count == 0)
        {
            throw Error(root, $"no top-level sequences found (root element <{root.Name.LocalName}>; expected an xmeml file with a <sequence>)");
        }
        var context = new Context(null, root);
        if (sequences.Count == 1)
        {
            return TimelineFor(Deref(sequences[0]), context);
        }
        var collection = new SerializableCollection { Name = "Sequences" };
        foreach (var s in sequences)
        {
            collection.Children.Add(TimelineFor(Deref(s), context));
        }
        return collection;
    }

    /// <summary>The chain of elements being read, innermost last; values such as the rate are inherited through it.</summary>
    private sealed class Context(Context? parent, XElement element)
    {
        public Context? Parent { get; } = parent;

        public XElement Element { get; } = element;

        public Context Push(XElement e) => new(this, e);
    }

    /// <summary>
    /// The first element seen with an id stands for every later element with that id (ids are file-wide, as the
    /// reference keeps them: <c>&lt;file id="file-1"/&gt;</c> refers back to the full <c>file-1</c>).
    /// </summary>
    private XElement Deref(XElement e)
    {
        if (e.Attribute("id")?.Value is not { } id)
        {
            return e;
        }
        if (_ids.TryGetValue(id, out var first))
        {
            return first;
        }
        _ids[id] = e;
        return e;
    }

    private XElement? Child(XElement e, string name)
    {
        var c = e.Element(name);
        return c is null ? null : Deref(c);
    }

    private InterchangeException Error(XObject at, string reason)
    {
        var info = (IXmlLineInfo)at;
        return new InterchangeException(InterchangeErrorKind.Parse, _file, info.HasLineInfo() ? info.LineNumber : 0, info.HasLineInfo() ? info.LinePosition : 0, reason);
    }

    private static string? Text(XElement? e)
    {
        if (e is null || !e.Nodes().Any())
        {
            return null;
        }
        return string.Concat(e.Nodes().TakeWhile(n => n is not XElement).OfType<XText>().Select(t => t.Value));
    }

    private static string NameOf(XElement e) => Text(e.Element("name")) ?? string.Empty;

    private double RateFor(XElement rate)
    {
        var timebaseText = Text(rate.Element("timebase"));
        if (timebaseText is null || !double.TryParse(timebaseText, NumberStyles.Float, CultureInfo.InvariantCulture, out var timebase))
        {
            throw Error(rate, $"<rate> needs a numeric <timebase>, found '{timebaseText}'");
        }
        var ntsc = Text(rate.Element("ntsc"));
        return ntsc is not null && ntsc.Equals("true", StringComparison.OrdinalIgnoreCase) ? timebase * 1000 / 1001 : timebase;
    }

    private double RateOf(Context context)
    {
        for (var c = context; c is not null; c = c.Parent)
        {
            if (c.Element.Element("rate") is { } rate)
            {
                return RateFor(rate);
            }
        }
        throw Error(context.Element, $"<{context.Element.Name.LocalName}> has no <rate>, and none of its parents has one");
    }

    private double Number(XElement owner, string name)
    {
        var e = owner.Element(name) ?? throw Error(owner, $"<{owner.Name.LocalName}> '{NameOf(owner)}' has no <{name}>");
        var text = Text(e);
        if (text is null || !double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw Error(e, $"<{name}> of <{owner.Name.LocalName}> '{NameOf(owner)}' must be a number, found '{text}'");
        }
        return v;
    }

    private long Integer(XElement owner, string name)
    {
        var e = owner.Element(name) ?? throw Error(owner, $"<{owner.Name.LocalName}> '{NameOf(owner)}' has no <{name}>");
        var text = Text(e);
        if (text is null || !long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            throw Error(e, $"<{name}> of <{owner.Name.LocalName}> '{NameOf(owner)}' must be a whole number of frames, found '{text}'");
        }
        return v;
    }

    /// <summary>
    /// Element to dictionary as the reference stores metadata: attributes as <c>@name</c>, a child with children as a
    /// nested dictionary, a leaf as its text (null when empty), a tag seen more than once as a list; in
    /// <c>&lt;timecode&gt;</c> the <c>frame</c> and <c>string</c> children are dropped.
    /// </summary>
    internal static OtioDictionary ToDict(XElement node, ISet<string>? ignore = null)
    {
        var dict = new OtioDictionary();
        foreach (var a in node.Attributes())
        {
            if (a.IsNamespaceDeclaration)
            {
                continue;
            }
            dict["@" + a.Name.LocalName] = a.Value;
        }
        var timecode = node.Name.LocalName == "timecode";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in node.Elements())
        {
            var tag = child.Name.LocalName;
            if ((ignore is not null && ignore.Contains(tag)) || (timecode && tag is "frame" or "string") || !seen.Add(tag))
            {
                continue;
            }
            var all = node.Elements(child.Name).ToList();
            if (all.Count > 1)
            {
                var list = new OtioList(all.Count);
                foreach (var e in all)
                {
                    list.Add(e.HasElements ? ToDict(e) : Text(e));
                }
                dict[tag] = list;
            }
            else
            {
                dict[tag] = child.HasElements ? ToDict(child) : Text(child);
            }
        }
        return dict;
    }

    private Timeline TimelineFor(XElement sequence, Context parent)
    {
        var context = parent.Push(sequence);
        var name = NameOf(sequence);
        var md = ToDict(sequence, new HashSet<string>(StringComparer.Ordinal) { "name", "media", "marker", "duration" });
        RationalTime? start = null;
        if (Child(sequence, "timecode") is { } tc)
        {
            start = TimeFromTimecode(tc, context);
        }
        var timeline = new Timeline { Name = name, GlobalStartTime = start };
        var media = Child(sequence, "media");
        if (media is not null)
        {
            foreach (var kind in media.Elements())
            {
                var info = ToDict(kind, new HashSet<string>(StringComparer.Ordinal) { "track" });
                if (info.Count > 0)
                {
                    if (!md.TryGetValue("media", out var m) || m is not OtioDictionary mediaDict)
                    {
                        mediaDict = new OtioDictionary();
                        md["media"] = mediaDict;
                    }
                    mediaDict[kind.Name.LocalName] = info;
                }
            }
            var stack = StackFor(sequence, context);
            stack.Name = name;
            timeline.Tracks = stack;
        }
        timeline.Metadata[Ns] = md;
        var markers = new List<Marker>();
        if (media is not null)
        {
            markers.AddRange(MarkersFrom(media, context.Push(media)));
        }
        markers.AddRange(MarkersFrom(sequence, context));
        timeline.Tracks!.Markers.AddRange(markers);
        return timeline;
    }

    private RationalTime TimeFromTimecode(XElement tc, Context parent)
    {
        var context = parent.Push(tc);
        var rate = RateOf(context);
        if (tc.Element("frame") is not null)
        {
            return new RationalTime(Integer(tc, "frame"), rate);
        }
        var text = Text(tc.Element("string")) ?? throw Error(tc, "<timecode> needs a <frame> or a <string>");
        if (!RationalTime.TryFromTimecode(text, rate, out var t, out var error))
        {
            throw Error(tc, $"invalid timecode '{text}' at {rate.ToString(CultureInfo.InvariantCulture)} fps: {error.Message}");
        }
        return t;
    }

    private Stack StackFor(XElement element, Context parent)
    {
        var context = parent.Push(element);
        var stack = new Stack();
        var media = Child(element, "media");
        if (media is null)
        {
            return stack;
        }
        var mediaContext = context.Push(media);
        foreach (var kindElement in media.Elements())
        {
            var tag = kindElement.Name.LocalName;
            if (tag is not ("video" or "audio"))
            {
                continue;
            }
            var kind = tag == "video" ? Track.VideoKind : Track.AudioKind;
            var kindContext = mediaContext.Push(kindElement);
            foreach (var trackElement in kindElement.Elements("track"))
            {
                var track = Deref(trackElement);
                if (kind == Track.AudioKind && !IsPrimaryAudioChannel(track))
                {
                    continue;
                }
                stack.Children.Add(TrackFor(track, kind, kindContext));
            }
        }
        return stack;
    }

    /// <summary>Premiere writes each channel of a stereo pair as a track; only the first of an exploded group is read.</summary>
    private static bool IsPrimaryAudioChannel(XElement track)
    {
        var index = track.Attribute("currentExplodedTrackIndex")?.Value ?? "0";
        var count = track.Attribute("totalExplodedTrackCount")?.Value ?? "1";
        return index == "0" || count == "1";
    }

    private Track TrackFor(XElement element, string kind, Context parent)
    {
        var context = parent.Push(element);
        var name = element.Attribute("MZ.TrackName")?.Value ?? NameOf(element);
        var track = new Track { Name = name, Kind = kind };
        var md = ToDict(element, ItemTags);
        if (md.Count > 0)
        {
            track.Metadata[Ns] = md;
        }
        if (Text(element.Element("enabled")) is { } enabled)
        {
            track.Enabled = !enabled.Equals("false", StringComparison.OrdinalIgnoreCase);
        }
        var trackRate = RateOf(context);
        var cursor = new RationalTime(0, trackRate);
        var children = element.Elements().ToList();
        XElement? head = null;
        for (var i = 0; i < children.Count; i++)
        {
            if (!ItemTags.Contains(children[i].Name.LocalName))
            {
                continue;
            }
            var item = Deref(children[i]);
            XElement? tail = null;
            if (i + 1 < children.Count && children[i + 1].Name.LocalName == "transitionitem")
            {
                tail = Deref(children[i + 1]);
            }
            var (composable, range) = ItemFor(item, head, tail, context, trackRate);
            if (cursor < range.StartTime)
            {
                var gap = (range.StartTime - cursor).RescaledTo(trackRate);
                track.Children.Add(new Gap { SourceRange = new TimeRange(new RationalTime(0, trackRate), gap) });
            }
            track.Children.Add(composable);
            cursor = range.EndTimeExclusive();
            head = item.Name.LocalName == "transitionitem" ? item : null;
        }
        return track;
    }

    private RationalTime CutPoint(XElement transition, double rate)
    {
        var alignment = Text(transition.Element("alignment"));
        var start = Integer(transition, "start");
        var end = Integer(transition, "end");
        var value = alignment switch
        {
            "end" or "end-black" => end,
            "start" or "start-black" => start,
            _ => (long)((start + end) / 2.0),
        };
        return new RationalTime(value, rate);
    }

    private (Composable Item, TimeRange Range) ItemFor(XElement element, XElement? head, XElement? tail, Context parent, double trackRate)
    {
        var context = parent.Push(element);
        var startValue = Integer(element, "start");
        var endValue = Integer(element, "end");
        RationalTime start, end;
        var startOffset = new RationalTime(0, trackRate);
        if (startValue == -1)
        {
            if (head is null)
            {
                throw Error(element, $"<{element.Name.LocalName}> '{NameOf(element)}' starts at -1 (a transition's cut point) but no transition comes before it");
            }
            start = CutPoint(head, trackRate);
            startOffset = start - new RationalTime(Integer(head, "start"), trackRate);
        }
        else
        {
            start = new RationalTime(startValue, trackRate);
        }
        if (endValue == -1)
        {
            if (tail is null)
            {
                throw Error(element, $"<{element.Name.LocalName}> '{NameOf(element)}' ends at -1 (a transition's cut point) but no transition follows it");
            }
            end = CutPoint(tail, trackRate);
        }
        else
        {
            end = new RationalTime(endValue, trackRate);
        }
        var range = TimeRange.RangeFromStartEndTime(start, end);
        if (element.Name.LocalName == "transitionitem")
        {
            return (TransitionFor(element, trackRate), range);
        }
        return (ClipFor(element, range, startOffset, context), range);
    }

    private Transition TransitionFor(XElement element, double rate)
    {
        var start = new RationalTime(Integer(element, "start"), rate);
        var end = new RationalTime(Integer(element, "end"), rate);
        var cut = CutPoint(element, rate);
        var effect = element.Element("effect");
        var transition = new Transition
        {
            Name = effect is null ? string.Empty : NameOf(effect),
            TransitionType = Transition.SmpteDissolve,
            InOffset = cut - start,
            OutOffset = end - cut,
        };
        transition.Metadata[Ns] = ToDict(element, ItemIgnore);
        return transition;
    }

    private Item ClipFor(XElement element, TimeRange range, RationalTime startOffset, Context context)
    {
        var name = NameOf(element);
        var rate = RateOf(context);
        var file = Child(element, "file");
        var sequence = Child(element, "sequence");
        MediaReference? reference = null;
        if (file is not null)
        {
            reference = MediaReferenceFor(file, context);
        }
        else if (element.Elements("effect").FirstOrDefault(e => Text(e.Element("effecttype")) == "generator") is { } generator)
        {
            var md = ToDict(generator, new HashSet<string>(StringComparer.Ordinal) { "name", "effectid" });
            reference = new GeneratorReference { Name = NameOf(generator), GeneratorKind = Text(generator.Element("effectid")) ?? string.Empty };
            if (md.Count > 0)
            {
                reference.Metadata[Ns] = md;
            }
        }
        else if (sequence is null)
        {
            throw Error(element, $"<{element.Name.LocalName}> '{name}' has no <file>, generator effect or nested <sequence>");
        }

        var sourceIn = new RationalTime(Number(element, "in"), rate);
        var mediaStart = reference?.AvailableRange?.StartTime ?? new RationalTime(0, rate);
        var sourceRange = new TimeRange((sourceIn + mediaStart + startOffset).RescaledTo(rate), range.Duration.RescaledTo(rate));
        Item item;
        if (sequence is not null && reference is null)
        {
            // The reference builds the nested stack from the clip item, which has no <media> of its own: the stack
            // is an empty placeholder carrying the item's range, metadata and markers (and the sequence's markers).
            item = new Stack { Name = name, SourceRange = sourceRange };
        }
        else
        {
            item = new Clip(name, reference, sourceRange);
        }
        var itemMd = ToDict(element, ItemIgnore);
        if (itemMd.Count > 0)
        {
            item.Metadata[Ns] = itemMd;
        }
        if (Text(element.Element("enabled")) is { } enabled)
        {
            item.Enabled = !enabled.Equals("false", StringComparison.OrdinalIgnoreCase);
        }
        item.Markers.AddRange(MarkersFrom(element, context));
        if (item is Stack && sequence is not null)
        {
            item.Markers.AddRange(MarkersFrom(sequence, context.Push(sequence)));
        }
        foreach (var filter in element.Elements("filter"))
        {
            var f = Deref(filter);
            if (f.Element("effect") is { } effect)
            {
                var e = new Effect { Name = NameOf(effect), EffectName = string.Empty };
                var md = ToDict(effect, new HashSet<string>(StringComparer.Ordinal) { "name" });
                if (md.Count > 0)
                {
                    e.Metadata[Ns] = md;
                }
                item.Effects.Add(e);
            }
        }
        return item;
    }

    private MediaReference MediaReferenceFor(XElement file, Context parent)
    {
        var context = parent.Push(file);
        var rate = RateOf(context);
        var name = NameOf(file);
        var md = ToDict(file, new HashSet<string>(StringComparer.Ordinal) { "duration", "name", "pathurl", "mediaSource" });
        var path = Text(file.Element("pathurl"));
        var tc = Child(file, "timecode");
        var start = tc is not null ? TimeFromTimecode(tc, context).RescaledTo(rate) : new RationalTime(0, rate);
        TimeRange? available = null;
        if (file.Element("duration") is not null)
        {
            available = new TimeRange(start, new RationalTime(Number(file, "duration"), rate));
        }
        else if (tc is not null)
        {
            available = new TimeRange(start, new RationalTime(0, rate));
        }
        MediaReference reference;
        if (path is not null)
        {
            reference = new ExternalReference(path);
        }
        else if (Text(file.Element("mediaSource")) is { } source)
        {
            reference = new GeneratorReference { GeneratorKind = source };
        }
        else
        {
            reference = new MissingReference();
        }
        reference.Name = name;
        reference.AvailableRange = available;
        if (md.Count > 0)
        {
            reference.Metadata[Ns] = md;
        }
        return reference;
    }

    private List<Marker> MarkersFrom(XElement element, Context context)
    {
        var markers = new List<Marker>();
        var markerElements = element.Elements("marker").ToList();
        if (markerElements.Count == 0)
        {
            return markers;
        }
        var rate = RateOf(context);
        foreach (var m in markerElements)
        {
            var inFrames = Integer(m, "in");
            var outFrames = Integer(m, "out");
            var duration = outFrames > 0 ? outFrames - inFrames : 0;
            var marker = new Marker
            {
                Name = NameOf(m),
                MarkedRange = new TimeRange(new RationalTime(inFrames, rate), new RationalTime(duration, rate)),
                Color = Color.Red,
            };
            var md = ToDict(m, new HashSet<string>(StringComparer.Ordinal) { "in", "out", "name" });
            if (md.Count > 0)
            {
                marker.Metadata[Ns] = md;
            }
            markers.Add(marker);
        }
        return markers;
    }
}
