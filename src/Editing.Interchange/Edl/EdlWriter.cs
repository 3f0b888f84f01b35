using System.Globalization;
using System.Text;
using Editing.Otio;
using Editing.Otio.Algorithms;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Edl;

/// <summary>
/// Writes the first track of a timeline as CMX 3600 text, byte for byte as OpenTimelineIO's <c>cmx_3600</c> adapter
/// does (see <c>reference/interchange-adapters.md</c> §1, Writer). Unlike the reference it works on a copy: the
/// caller's timeline is not changed.
/// </summary>
internal static class EdlWriter
{
    public static string Write(Timeline timeline, EdlWriteOptions? options, string? file)
        => WriteToBuilder(timeline, options, file).ToString();

    /// <summary>The EDL text in a builder, so a file can be written from its chunks without one big string.</summary>
    public static StringBuilder WriteToBuilder(Timeline timeline, EdlWriteOptions? options, string? file)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        options ??= EdlWriteOptions.Default;
        if (options.ReelNameLength is <= 0)
        {
            throw new InterchangeException(InterchangeErrorKind.InvalidOption, file, 0, 0, $"reel name length must be positive (or null to keep names), not {options.ReelNameLength}");
        }
        // Nothing is changed in place: the reference's adjustments (transition cut points, a closing gap, Premiere
        // names) are computed on the side, so the caller's timeline is untouched and nothing is deep-copied.
        var stack = timeline.Tracks ?? new Stack();
        var tracks = stack.Children.OfType<Track>().ToList();
        var video = tracks.Where(t => t.Kind == Track.VideoKind && t.Enabled).ToList();
        var audio = tracks.Where(t => t.Kind == Track.AudioKind && t.Enabled).ToList();
        if (video.Count > 1 && options.FlattenVideoTracks)
        {
            stack = FlattenVideo(stack, video);
            tracks = stack.Children.OfType<Track>().ToList();
            video = [tracks[0]];
        }
        if (video.Count != 1)
        {
            var hint = video.Count > 1 ? " (flatten the video tracks first, e.g. --flatten)" : string.Empty;
            throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                $"only a single video track is supported, got: {video.Count.ToString(CultureInfo.InvariantCulture)}{hint}");
        }
        if (audio.Count > 2)
        {
            throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                $"no more than 2 audio tracks are supported, got: {audio.Count.ToString(CultureInfo.InvariantCulture)}");
        }
        if (tracks.Count == 0)
        {
            throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0, "the timeline has no tracks");
        }
        var track = tracks[0];
        var rate = options.Rate ?? Guard(file, () => track.Duration().Rate, "the first track has no duration");
        var context = new WriteContext(options, rate, file);
        return context.WriteTrack(track, timeline.Name);
    }

    /// <summary>The enabled video tracks flattened into one, placed first; the record offset kept when they share it.</summary>
    private static Stack FlattenVideo(Stack stack, List<Track> video)
    {
        var flat = StackAlgorithms.FlattenStack(video);
        var starts = video.Select(t => t.SourceRange?.StartTime).Distinct().ToList();
        if (starts.Count == 1 && starts[0] is { } start && start.Value != 0)
        {
            flat.SourceRange = new TimeRange(start, flat.AvailableRange().Duration);
        }
        var result = new Stack { Name = stack.Name };
        result.Children.Add(flat);
        foreach (var t in stack.Children.OfType<Track>().Where(t => t.Kind != Track.VideoKind))
        {
            result.Children.Add((Track)t.Clone());
        }
        return result;
    }

    private static T Guard<T>(string? file, Func<T> body, string what)
    {
        try
        {
            return body();
        }
        catch (OtioException e)
        {
            throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0, $"{what}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The image-sequence URL for the frames a range uses, e.g. <c>/media/seq.[1001-1024].exr</c>
    /// (<c>abstract_target_url('[start-end]')</c> over <c>frame_range_for_time_range</c>).
    /// </summary>
    internal static string ImageSequenceUrl(ImageSequenceReference reference, TimeRange range)
    {
        var first = reference.FrameForTime(range.StartTime);
        var last = reference.FrameForTime(range.EndTimeInclusive());
        var symbol = $"[{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}]";
        var baseUrl = reference.TargetUrlBase;
        if (baseUrl.Length > 0 && !baseUrl.EndsWith('/'))
        {
            baseUrl += "/";
        }
        return baseUrl + reference.NamePrefix + symbol + reference.NameSuffix;
    }

    /// <summary>One EDL line: <c>{n:03d}  {reel:8} {V|A:5} C|D nnn  src-in src-out rec-in rec-out</c>.</summary>
    private sealed class EventLine(string kind, string reel)
    {
        public string Reel { get; } = reel;

        public string Kind { get; } = kind;

        public RationalTime SourceIn { get; set; }

        public RationalTime SourceOut { get; set; }

        public RationalTime RecordIn { get; set; }

        public RationalTime RecordOut { get; set; }

        public RationalTime DissolveLength { get; set; }
    }

    /// <summary>A cut event (<see cref="Clip"/> set, no A side) or a dissolve event (A line, B line).</summary>
    private sealed class Event
    {
        public EventLine? ALine { get; init; }

        public required EventLine Line { get; init; }

        public Item? Item { get; init; }

        /// <summary>The item's source range as written (after the dissolve adjustments).</summary>
        public TimeRange Source { get; init; }

        /// <summary>Whose comments follow the event lines, in order: (item, its source range, FROM or TO).</summary>
        public List<(Item Item, TimeRange Source, string FromOrTo)> Comments { get; } = new(2);
    }

    private sealed class WriteContext(EdlWriteOptions options, double rate, string? file)
    {
        private readonly StringBuilder _out = new();

        public StringBuilder WriteTrack(Track track, string title)
        {
            var children = track.Children;
            var n = children.Count;
            var sources = new TimeRange[n + 1];
            for (var i = 0; i < n; i++)
            {
                if (children[i] is Item item)
                {
                    sources[i] = SourceOf(item, track);
                }
            }
            var transitionDurations = new RationalTime[n];
            AdjustTransitions(children, sources, transitionDurations);
            // A closing transition (fade out) gets a gap after it to fade into, as long as the transition.
            var closingGap = n > 0 && children[n - 1] is Transition;
            if (closingGap)
            {
                sources[n] = new TimeRange(new RationalTime(0, rate), transitionDurations[n - 1]);
            }
            var count = closingGap ? n + 1 : n;
            var kind = track.Kind == Track.VideoKind ? "V" : "A";
            var trackStart = Guard(file, () => track.TrimmedRange().StartTime, $"track '{track.Name}' has no range");
            var events = new List<Event>(n);
            var position = new RationalTime(0, rate);
            for (var i = 0; i < count; i++)
            {
                var child = i < n ? children[i] : null;
                if (child is Transition)
                {
                    continue;
                }
                var duration = sources[i].Duration;
                // Record times: the item's place in the track (the sum of what comes before it, transitions
                // overlapping), moved by the track's own start: a track read from an EDL starts at minus the first
                // record in, which restores the original record timecodes.
                var record = new TimeRange(new RationalTime(0, duration.Rate) + position - trackStart, duration);
                position += duration;
                var previous = i > 0 ? children[i - 1] : null;
                if (previous is Transition && (child is Clip or Gap || child is null))
                {
                    events.Add(DissolveEvent(events.Count > 0 ? events[^1] : null, transitionDurations[i - 1], child as Item, sources[i], kind, record));
                }
                else if (child is Clip { Enabled: true } clip)
                {
                    events.Add(CutEvent(clip, sources[i], kind, record));
                }
            }
            _out.EnsureCapacity(events.Count * 160);
            if (title.Length > 0)
            {
                _out.Append("TITLE: ").Append(title).Append("\n\n");
            }
            if (track.Enabled)
            {
                for (var k = 0; k < events.Count; k++)
                {
                    var e = events[k];
                    if (e.ALine is { } a)
                    {
                        AppendLine(k + 1, a);
                        _out.Append('\n');
                    }
                    AppendLine(k + 1, e.Line);
                    foreach (var (item, source, fromOrTo) in e.Comments)
                    {
                        CommentLines(_out, item, source, fromOrTo);
                    }
                    _out.Append('\n');
                }
            }
            return _out;
        }

        /// <summary>
        /// EDL dissolves start at the cut: the A side is shortened by the transition's in offset and the B side
        /// starts that much earlier, so the transition becomes (0, in + out).
        /// </summary>
        private static void AdjustTransitions(ComposableList children, TimeRange[] sources, RationalTime[] transitionDurations)
        {
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i] is not Transition t)
                {
                    continue;
                }
                var inOffset = t.InOffset;
                if (i != 0 && children[i - 1] is Item)
                {
                    var sr = sources[i - 1];
                    sources[i - 1] = new TimeRange(sr.StartTime, sr.Duration - inOffset);
                }
                if (i + 1 < children.Count && children[i + 1] is Item)
                {
                    var sr = sources[i + 1];
                    sources[i + 1] = new TimeRange(sr.StartTime - inOffset, sr.Duration + inOffset);
                }
                transitionDurations[i] = t.OutOffset + inOffset;
            }
        }

        private Event CutEvent(Clip clip, TimeRange source, string kind, TimeRange record)
        {
            var reel = options.Style == EdlStyle.Premiere ? "AX" : ReelFromItem(clip, source);
            var line = new EventLine(kind, reel);
            line.SourceIn = source.StartTime;
            line.SourceOut = source.EndTimeExclusive();
            var effect = TimingEffect(clip);
            if (effect is FreezeFrame || effect?.EffectName == "FreezeFrame")
            {
                line.SourceOut = line.SourceIn + new RationalTime(1, line.SourceIn.Rate);
            }
            else if (effect is not null && effect.EffectName == "LinearTimeWarp")
            {
                var value = source.Duration.Value / effect.TimeScalar;
                line.SourceOut = line.SourceIn + new RationalTime(value, rate);
            }
            line.RecordIn = record.StartTime;
            line.RecordOut = record.EndTimeExclusive();
            var e = new Event { Line = line, Item = clip, Source = source };
            CheckComments(clip);
            e.Comments.Add((clip, source, "FROM"));
            return e;
        }

        private Event DissolveEvent(Event? aSide, RationalTime dissolve, Item? bSide, TimeRange source, string kind, TimeRange record)
        {
            var reel = options.Style == EdlStyle.Premiere ? "AX" : bSide is null ? "BL" : ReelFromItem(bSide, source);
            var b = new EventLine(kind, reel)
            {
                SourceIn = source.StartTime,
                SourceOut = source.StartTime + source.Duration,
                RecordIn = record.StartTime,
                RecordOut = record.EndTimeExclusive(),
                DissolveLength = dissolve,
            };

            EventLine a;
            if (aSide is not null)
            {
                a = new EventLine(kind, aSide.Line.Reel)
                {
                    SourceIn = aSide.Line.SourceOut,
                    SourceOut = aSide.Line.SourceOut,
                    RecordIn = aSide.Line.RecordOut,
                    RecordOut = aSide.Line.RecordOut,
                };
            }
            else
            {
                // A fade in: from black.
                a = new EventLine(kind, "BL")
                {
                    SourceIn = new RationalTime(0, rate),
                    SourceOut = new RationalTime(0, rate),
                    RecordIn = b.RecordIn,
                    RecordOut = b.RecordIn,
                };
            }
            var e = new Event { ALine = a, Line = b, Item = bSide, Source = source };
            if (aSide?.Item is { } aItem)
            {
                e.Comments.Add((aItem, aSide.Source, "FROM"));
            }
            if (bSide is not null)
            {
                CheckComments(bSide);
                e.Comments.Add((bSide, source, "TO"));
            }
            return e;
        }

        private void AppendLine(int number, EventLine line)
        {
            var sb = _out;
            sb.Append(number.ToString("000", CultureInfo.InvariantCulture)).Append("  ");
            sb.Append(line.Reel.PadRight(8)).Append(' ');
            sb.Append(line.Kind.PadRight(5)).Append(' ');
            if (line.DissolveLength.Value > 0)
            {
                var frames = (long)line.DissolveLength.ValueRescaledTo(rate);
                sb.Append("D ").Append(frames.ToString("000", CultureInfo.InvariantCulture)).Append("    ");
            }
            else
            {
                sb.Append("C        ");
            }
            sb.Append(Timecode(line.SourceIn)).Append(' ');
            sb.Append(Timecode(line.SourceOut)).Append(' ');
            sb.Append(Timecode(line.RecordIn)).Append(' ');
            sb.Append(Timecode(line.RecordOut));
        }

        private string Timecode(RationalTime t)
        {
            if (t.TryToTimecode(rate, out var tc))
            {
                return tc;
            }
            throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                $"time {t} cannot be written as timecode at {rate.ToString(CultureInfo.InvariantCulture)} fps (negative, or not a timecode rate)");
        }

        private TimeRange SourceOf(Item item, Track track)
        {
            try
            {
                return item.TrimmedRange();
            }
            catch (OtioException e)
            {
                throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0, $"'{item.Name}' in track '{track.Name}' has no range: {e.Message}", e);
            }
        }

        private LinearTimeWarp? TimingEffect(Item item)
        {
            TimeEffect? found = null;
            var count = 0;
            foreach (var effect in item.Effects)
            {
                if (effect is TimeEffect timeEffect)
                {
                    found ??= timeEffect;
                    count++;
                }
            }
            if (found is null)
            {
                return null;
            }
            if (count > 1)
            {
                throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                    $"the EDL adapter only allows one timing effect per clip ('{item.Name}' has {count.ToString(CultureInfo.InvariantCulture)})");
            }
            if (found is not LinearTimeWarp warp)
            {
                throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                    $"clip '{item.Name}' contains a timing effect ({found.SchemaName}) the EDL adapter does not support (only LinearTimeWarp and FreezeFrame)");
            }
            return warp;
        }

        private string ReelFromItem(Item item, TimeRange source)
        {
            if (item is Gap)
            {
                return "BL";
            }
            if (item.Metadata.TryGetValue("cmx_3600", out var cmx) && cmx is OtioDictionary d
                && d.TryGetValue("reel", out var r) && r is string { Length: > 0 } stored)
            {
                return stored;
            }
            var reel = item.Name.Length > 0 ? item.Name : "AX";
            if (item is Clip clip)
            {
                if (clip.MediaReference is ExternalReference ext)
                {
                    reel = ext.Name.Length > 0 ? ext.Name : PosixBaseName(ext.TargetUrl);
                }
                else if (clip.MediaReference is ImageSequenceReference seq)
                {
                    reel = seq.Name.Length > 0 ? seq.Name : PosixBaseName(ImageSequenceUrl(seq, source));
                }
            }
            reel = PosixBaseName(reel.Replace('\\', '/'));
            reel = StripExtension(reel);
            if (options.ReelNameLength is { } max)
            {
                var sb = new StringBuilder(reel.Length);
                foreach (var c in reel)
                {
                    if (c == ' ' || char.IsAsciiLetterOrDigit(c))
                    {
                        sb.Append(c);
                    }
                }
                reel = sb.Length > max ? sb.ToString(0, max) : sb.ToString().PadRight(max);
            }
            else if (reel.Length > 8)
            {
                options.Warn?.Invoke($"reel name '{reel}' of '{item.Name}' is longer than 8 characters; kept as is (many NLEs truncate it)");
            }
            return reel;
        }

        /// <summary>Removes a trailing <c>.letters</c> extension (<c>re.sub(r'([.][a-zA-Z]+)$', '', name)</c>).</summary>
        private static string StripExtension(string name)
        {
            var i = name.Length;
            while (i > 0 && char.IsAsciiLetter(name[i - 1]))
            {
                i--;
            }
            return i < name.Length && i > 0 && name[i - 1] == '.' ? name[..(i - 1)] : name;
        }

        /// <summary>Refusals the comments would raise, found before anything is written.</summary>
        private void CheckComments(Item item)
        {
            if (item is Clip clip)
            {
                TimingEffect(clip);
            }
        }

        /// <summary>Appends an item's comment lines, each preceded by a line feed, straight into the output.</summary>
        private void CommentLines(StringBuilder lines, Item item, TimeRange source, string fromOrTo)
        {
            if (item is not Clip clip)
            {
                return;
            }
            var name = clip.Name;
            var effect = TimingEffect(clip);
            var isFreeze = effect is not null && effect.EffectName == "FreezeFrame";
            var suffix = isFreeze ? " FF" : string.Empty;
            string? url = clip.MediaReference switch
            {
                ExternalReference ext => ext.TargetUrl,
                ImageSequenceReference seq => ImageSequenceUrl(seq, source),
                _ => null,
            };
            if (url is not null)
            {
                url = url.Replace('\\', '/');
                if (options.Style == EdlStyle.Premiere)
                {
                    // Premiere names clips after their media file.
                    name = PosixBaseName(url);
                }
            }
            if (effect is not null)
            {
                lines.Append('\n').Append($"M2   {name}\t\t{PyFormat.Repr(effect.TimeScalar * rate)}\t\t\t{Timecode(source.StartTime)}");
            }
            if (name.Length > 0)
            {
                // Avid writes two spaces before the clip name.
                lines.Append('\n').Append($"* {fromOrTo} CLIP NAME:  {name}{suffix}");
            }
            if (isFreeze)
            {
                lines.Append('\n').Append("* * FREEZE FRAME");
            }
            if (url is not null)
            {
                lines.Append('\n').Append(options.Style switch
                {
                    EdlStyle.Nucoda => $"* {fromOrTo} FILE: {url}",
                    EdlStyle.Premiere => $"* OTIO REFERENCE {fromOrTo}: {url}",
                    _ => $"* {fromOrTo} CLIP: {url}",
                });
            }
            var cmx = clip.Metadata.TryGetValue("cmx_3600", out var c) ? c as OtioDictionary : null;
            var hasReel = cmx is not null && cmx.TryGetValue("reel", out var reel) && reel is string { Length: > 0 };
            if (options.ReelNameLength is not null && !hasReel)
            {
                lines.Append('\n').Append($"* OTIO TRUNCATED REEL NAME FROM: {PosixBaseName((url ?? name).Replace('\\', '/'))}");
            }
            if (clip.Metadata.TryGetValue("cdl", out var cdlValue) && cdlValue is OtioDictionary { Count: > 0 } cdl)
            {
                if (cdl.TryGetValue("asc_sop", out var sopValue) && sopValue is OtioDictionary { Count: > 0 } sop)
                {
                    var parts = new List<string>(9);
                    foreach (var key in new[] { "slope", "offset", "power" })
                    {
                        if (sop.TryGetValue(key, out var v) && v is OtioList list)
                        {
                            parts.AddRange(list.Select(PyFormat.Str));
                        }
                    }
                    if (parts.Count != 9)
                    {
                        throw new InterchangeException(InterchangeErrorKind.NotSupported, file, 0, 0,
                            $"clip '{clip.Name}': cdl.asc_sop needs slope, offset and power with three numbers each");
                    }
                    lines.Append('\n').Append($"*ASC_SOP ({parts[0]} {parts[1]} {parts[2]}) ({parts[3]} {parts[4]} {parts[5]}) ({parts[6]} {parts[7]} {parts[8]})");
                }
                if (cdl.TryGetValue("asc_sat", out var sat) && IsTruthy(sat))
                {
                    lines.Append('\n').Append($"*ASC_SAT {PyFormat.Str(sat)}");
                }
            }
            foreach (var marker in clip.Markers)
            {
                var color = marker.Color is { Name.Length: > 0 } mc ? mc.Name.ToUpperInvariant() : string.Empty;
                if (color.Length == 0 && marker.Metadata.TryGetValue("cmx_3600", out var mm) && mm is OtioDictionary md
                    && md.TryGetValue("color", out var col) && col is string colText)
                {
                    color = colText.ToUpperInvariant();
                }
                lines.Append('\n').Append($"* LOC: {Timecode(marker.MarkedRange.StartTime)} {color,-7} {marker.Name.ToUpperInvariant()}");
            }
            if (cmx is not null && cmx.TryGetValue("comments", out var comments) && comments is OtioList commentList)
            {
                foreach (var comment in commentList)
                {
                    lines.Append('\n').Append("* " + PyFormat.Str(comment));
                }
            }
        }

        private static bool IsTruthy(object? v) => v switch
        {
            null => false,
            double d => d != 0,
            long l => l != 0,
            bool b => b,
            string s => s.Length > 0,
            _ => true,
        };
    }

    /// <summary><c>os.path.basename</c> on POSIX.</summary>
    internal static string PosixBaseName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
