using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Edl;

internal sealed partial class EdlReader
{
    /// <summary>A field of a line: its text and 1-based column within the stripped line.</summary>
    private readonly record struct Field(int Start, int Length)
    {
        public int Column => Start + 1;
    }

    /// <summary>The fields of an event line as the reference's ClipHandler keeps them; later lines overwrite.</summary>
    private sealed class EventFields
    {
        public string? ClipNumber;
        public bool HasClipNumber;
        public Field ClipNumberField;
        public LineRef ClipNumberLine;
        public string? TransitionId;
        public string? Reel;
        public string? Channel;
        public string? TransitionType;
        public string? TransitionData;
        public LineRef Line;
        public Field TransitionDataField;
        public RationalTime SourceIn;
        public RationalTime SourceOut;
        public RationalTime RecordIn;
        public RationalTime RecordOut;
        public Field RecordInField;
        public bool HasTransitionLine;

        public void Reset()
        {
            ClipNumber = TransitionId = Reel = Channel = TransitionType = TransitionData = null;
            HasClipNumber = false;
            HasTransitionLine = false;
        }
    }

    /// <summary>The comments the reference understands (<c>CommentHandler.comment_id_map</c>), last one wins.</summary>
    private sealed class HandledComments
    {
        public string? ClipName;
        public string? DestClipName;
        public string? MediaReference;
        public List<(string Body, LineRef Line)>? Locators;
        public (string Body, LineRef Line)? AscSop;
        public (string Body, LineRef Line)? AscSat;
        public (string Body, LineRef Line)? Motion;
        public string? Freeze;
        public List<string>? Unhandled;

        public void Reset()
        {
            ClipName = DestClipName = MediaReference = Freeze = null;
            Locators?.Clear();
            AscSop = AscSat = Motion = null;
            Unhandled?.Clear();
        }
    }

    private void AddClip(LineRef eventLine, LineRef? transitionLine, List<int> commentLines)
    {
        var fields = _fields;
        fields.Reset();
        ParseEventLine(eventLine, fields);
        if (transitionLine is { } t)
        {
            fields.HasTransitionLine = true;
            ParseEventLine(t, fields);
        }
        var comments = ParseComments(commentLines);
        var clip = MakeClip(fields, comments);
        if (comments.Unhandled is { Count: > 0 } unhandled)
        {
            var cmx = CmxMetadata(clip);
            if (!cmx.TryGetValue("comments", out var existing) || existing is not OtioList list)
            {
                list = new OtioList(unhandled.Count);
                cmx["comments"] = list;
            }
            foreach (var c in unhandled)
            {
                list.Add(c);
            }
        }

        var transition = fields.HasTransitionLine ? MakeTransition(fields, comments, clip) : null;

        var recordIn = fields.RecordIn;
        var recordOut = fields.RecordOut;
        var sourceDuration = clip.SourceRange!.Value.Duration;
        var recordDuration = recordOut - recordIn;
        if (recordDuration != sourceDuration)
        {
            if (comments.Motion is not null || comments.Freeze is not null)
            {
                clip.SourceRange = new TimeRange(clip.SourceRange.Value.StartTime, recordDuration);
                if (comments.Freeze is not null)
                {
                    clip.Effects.Add(new FreezeFrame());
                    if (clip.Name.EndsWith(" FF", StringComparison.Ordinal))
                    {
                        clip.Name = clip.Name[..^3];
                    }
                }
                else
                {
                    var (body, line) = comments.Motion!.Value;
                    var m = SpeedEffect().Match(body);
                    if (!m.Success || !TryPyFloat(m.Groups["speed"].ValueSpan, out var fps))
                    {
                        throw Error(line, 1, $"invalid M2 motion effect '{body}': expected a speed in frames per second followed by a source timecode");
                    }
                    clip.Effects.Add(new LinearTimeWarp { EffectName = "LinearTimeWarp", TimeScalar = fps / _rate });
                }
            }
            else if (!_ignoreMismatch)
            {
                throw Error(fields.Line, 1,
                    $"source and record duration don't match: {Show(sourceDuration)} != {Show(recordDuration)} for clip {clip.Name} "
                    + "(no M2 or freeze-frame comment explains it; check the rate, or read with ignore-timecode-mismatch)");
            }
        }

        var tracks = TracksForChannel(fields.Channel!);
        var clipNumber = ClipNumber(fields);
        for (var k = 0; k < tracks.Count; k++)
        {
            var state = tracks[k];
            var trackClip = clip;
            var trackTransition = transition;
            if (tracks.Count > 1)
            {
                trackClip = (Clip)clip.Clone();
                trackTransition = (Transition?)transition?.Clone();
            }
            var rate = _rate;
            state.Start ??= new RationalTime(0, rate) - recordIn;
            var trackEnd = state.Duration - state.Start.Value;
            var placeIn = recordIn;
            if (placeIn < trackEnd)
            {
                if (!_ignoreMismatch)
                {
                    throw Error(fields.Line, 1,
                        $"overlapping record in value: {FieldText(Text(fields.Line), fields.RecordInField)} for clip {trackClip.Name} (track {state.Track.Name} already runs to {ToTimecodeOrValue(trackEnd)})");
                }
                placeIn = trackEnd;
            }
            if (placeIn > trackEnd)
            {
                var gap = new Gap { SourceRange = new TimeRange(new RationalTime(0, rate), placeIn - trackEnd) };
                state.Track.Children.Add(gap);
                state.Duration += gap.SourceRange.Value.Duration;
            }
            if (trackTransition is not null)
            {
                if (state.Track.Children.Count < 1)
                {
                    throw Error(fields.Line, 1, $"transitions can't be at the very beginning of a track (event {clipNumber} on track {state.Track.Name})");
                }
                state.Track.Children.Add(trackTransition);
            }
            state.Track.Children.Add(trackClip);
            state.Duration += trackClip.SourceRange!.Value.Duration;
        }
    }

    private static string Show(RationalTime t) => $"RationalTime({PyFormatG(t.Value)}, {PyFormatG(t.Rate)})";

    private static string PyFormatG(double d) => d.ToString("G", CultureInfo.InvariantCulture);

    private string ToTimecodeOrValue(RationalTime t) => t.TryToTimecode(_rate, out var tc) ? tc : t.ToString();

    private static OtioDictionary CmxMetadata(SerializableObjectWithMetadata o)
    {
        if (o.Metadata.TryGetValue("cmx_3600", out var v) && v is OtioDictionary d)
        {
            return d;
        }
        var fresh = new OtioDictionary();
        o.Metadata["cmx_3600"] = fresh;
        return fresh;
    }

    private void ParseEventLine(LineRef line, EventFields f)
    {
        var span = Text(line);
        Span<Field> parts = stackalloc Field[10];
        var count = 0;
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }
            if (i >= span.Length)
            {
                break;
            }
            var start = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                i++;
            }
            if (count < parts.Length)
            {
                parts[count] = new Field(start, i - start);
            }
            count++;
        }
        f.Line = line;
        int tcBase;
        if (count == 9)
        {
            // A transition: the first field is the transition's event number, then reel, channel, type, duration.
            f.TransitionId = FieldText(span, parts[0]);
            f.Reel = Intern(span.Slice(parts[1].Start, parts[1].Length));
            f.Channel = Intern(span.Slice(parts[2].Start, parts[2].Length));
            f.TransitionType = FieldText(span, parts[3]);
            f.TransitionData = FieldText(span, parts[4]);
            f.TransitionDataField = parts[4];
            tcBase = 5;
        }
        else if (count == 8)
        {
            var editType = span.Slice(parts[3].Start, parts[3].Length);
            if (!editType.SequenceEqual("C"))
            {
                throw Error(line, parts[3].Column, $"incorrect edit type {editType.ToString()} in form statement: {Str(line)} (an 8-field event must be a cut, C)");
            }
            f.HasClipNumber = true;
            f.ClipNumber = null;
            f.ClipNumberField = parts[0];
            f.ClipNumberLine = line;
            f.Reel = Intern(span.Slice(parts[1].Start, parts[1].Length));
            f.Channel = Intern(span.Slice(parts[2].Start, parts[2].Length));
            tcBase = 4;
        }
        else
        {
            throw Error(line, 1, $"incorrect number of fields [{count.ToString(CultureInfo.InvariantCulture)}] in form statement: {Str(line)} (expected 8: number reel channel C src-in src-out rec-in rec-out, or 9 with a transition type and duration)");
        }
        f.SourceIn = ParseTime(line, span, parts[tcBase]);
        f.SourceOut = ParseTime(line, span, parts[tcBase + 1]);
        f.RecordIn = ParseTime(line, span, parts[tcBase + 2]);
        f.RecordOut = ParseTime(line, span, parts[tcBase + 3]);
        f.RecordInField = parts[tcBase + 2];
    }

    private static string FieldText(ReadOnlySpan<char> span, Field f) => span.Slice(f.Start, f.Length).ToString();

    /// <summary>
    /// A record or source time: <c>HH:MM:SS:FF</c> (drop-frame when it contains <c>;</c>), or a bare frame number,
    /// which the reference turns into timecode and back (so it wraps at 24 hours like timecode does).
    /// </summary>
    private RationalTime ParseTime(LineRef line, ReadOnlySpan<char> lineSpan, Field field)
    {
        var s = lineSpan.Slice(field.Start, field.Length);
        if (s.IndexOf(':') < 0)
        {
            if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var frames))
            {
                throw Error(line, field.Column, $"'{s.ToString()}' is neither a timecode (HH:MM:SS:FF) nor a frame number");
            }
            var t = RationalTime.FromFrames(frames, _rate);
            if (!t.TryToTimecode(_rate, out var tc))
            {
                throw Error(line, field.Column, $"frame number {s.ToString()} cannot be expressed as timecode at {PyFormatG(_rate)} fps");
            }
            return FromTimecode(line, field, tc);
        }
        if (_rateIsSmpte && s.Length == 11 && s.IndexOf(';') < 0
            && TwoDigits(s, 0, out var h) && TwoDigits(s, 3, out var m) && TwoDigits(s, 6, out var sec) && TwoDigits(s, 9, out var fr))
        {
            if (fr >= _nominalFps)
            {
                throw FrameMismatch(line, field, s.ToString());
            }
            // Non-drop (no `;`), as the reference counts it: ((h × 60 + m) × 60 + s) × ceil(rate) + f.
            return new RationalTime((((h * 60) + m) * 60 + sec) * (double)_nominalFps + fr, _rate);
        }
        return FromTimecode(line, field, s.ToString());
    }

    private RationalTime FromTimecode(LineRef line, Field field, string tc)
    {
        if (RationalTime.TryFromTimecode(tc, _rate, out var t, out var error))
        {
            return t;
        }
        return error.Kind switch
        {
            Otio.OtioErrorKind.TimecodeRateMismatch => throw FrameMismatch(line, field, tc),
            Otio.OtioErrorKind.InvalidTimecodeRate => throw Error(line, field.Column, $"{PyFormatG(_rate)} fps is not an SMPTE timecode rate (use 24, 25, 30, 24000/1001, 30000/1001, 60000/1001, 48, 50 or 60)", error),
            Otio.OtioErrorKind.InvalidRateForDropFrameTimecode => throw Error(line, field.Column, $"drop-frame timecode '{tc}' (with ';') needs a 29.97 or 59.94 rate, not {PyFormatG(_rate)}", error),
            _ => throw Error(line, field.Column, $"invalid timecode '{tc}' (expected HH:MM:SS:FF)", error),
        };
    }

    private InterchangeException FrameMismatch(LineRef line, Field field, string tc)
        => Error(line, field.Column, $"frame rate mismatch: timecode '{tc}' has frames beyond {(_nominalFps - 1).ToString(CultureInfo.InvariantCulture)} (read at {PyFormatG(_rate)} fps; is the EDL at another rate?)");

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        var a = s[at];
        var b = s[at + 1];
        if (char.IsAsciiDigit(a) && char.IsAsciiDigit(b))
        {
            value = ((a - '0') * 10) + (b - '0');
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The event number as written (e.g. <c>001</c>), made into a string only when something needs it.</summary>
    private string? ClipNumber(EventFields f)
    {
        if (f.HasClipNumber && f.ClipNumber is null)
        {
            f.ClipNumber = FieldText(Text(f.ClipNumberLine), f.ClipNumberField);
        }
        return f.ClipNumber;
    }

    /// <summary>Reels and channels repeat across events: one string each instead of one per event.</summary>
    private string Intern(ReadOnlySpan<char> s)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(s, out var existing))
        {
            return existing;
        }
        var str = s.ToString();
        if (_strings.Count < 4096)
        {
            _strings.Add(str);
        }
        return str;
    }

    private List<TrackState> TracksForChannel(string channel)
    {
        if (_channelTracks.TryGetValue(channel, out var cached))
        {
            return cached;
        }
        var names = ChannelMap.TryGetValue(channel, out var mapped) ? mapped : [channel];
        var result = new List<TrackState>(names.Length);
        foreach (var name in names)
        {
            if (!_tracks.TryGetValue(name, out var state))
            {
                // Kind by first letter: V… video, A… audio, anything else video.
                var kind = name.StartsWith('A') ? Track.AudioKind : Track.VideoKind;
                state = new TrackState(new Track { Name = name, Kind = kind });
                _tracks[name] = state;
                _trackOrder.Add(state);
                _timeline.Tracks!.Children.Add(state.Track);
            }
            result.Add(state);
        }
        _channelTracks[channel] = result;
        return result;
    }

    /// <summary>A track being filled: its record start (negated) and the summed duration of what it holds.</summary>
    private sealed class TrackState(Track track)
    {
        public Track Track { get; } = track;

        public RationalTime? Start { get; set; }

        public RationalTime Duration { get; set; }
    }

    /// <summary>Python's <c>float()</c> on a number field: optional sign, digits, at most one point, optional exponent.</summary>
    private static bool TryPyFloat(ReadOnlySpan<char> s, out double value)
    {
        s = s.Trim();
        if (s.Length == 0 || s.Contains('_') || s.Contains(','))
        {
            value = 0;
            return false;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^(?<name>.*?)\s*(?<speed>-?[0-9\.]*)\s*(?<tc>[0-9:]{11})$")]
    private static partial Regex SpeedEffect();

    [GeneratedRegex(@"^(\d\d:\d\d:\d\d:\d\d)\s+(\w*)(\s+|$)(.*)")]
    private static partial Regex Locator();

    [GeneratedRegex(@"^\(([-+]?[\d.]+),? ([-+]?[\d.]+),? ([-+]?[\d.]+),?\)\s*\(([-+]?[\d.]+),? ([-+]?[\d.]+),? ([-+]?[\d.]+),?\)\s*\(([-+]?[\d.]+),? ([-+]?[\d.]+),? ([-+]?[\d.]+),?\)")]
    private static partial Regex AscSop();
}
