using System.Globalization;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Edl;

internal sealed partial class EdlReader
{
    private HandledComments ParseComments(List<int> commentLines)
    {
        var h = _handled;
        h.Reset();
        foreach (var index in commentLines)
        {
            var line = _lines[index];
            var s = Text(line);
            // The reference tries each id in this order with `\*?\s*ID:?\s*(?P<body>.*)` and takes the first match.
            if (MatchId(s, "FROM CLIP NAME", false, out var body))
            {
                h.ClipName = body.ToString();
            }
            else if (MatchId(s, "TO CLIP NAME", false, out body))
            {
                h.DestClipName = body.ToString();
            }
            else if (MatchId(s, "FROM CLIP", false, out body) || MatchId(s, "FROM FILE", false, out body))
            {
                h.MediaReference = body.ToString();
            }
            else if (MatchId(s, "LOC", false, out body))
            {
                (h.Locators ??= []).Add((body.ToString(), line));
            }
            else if (MatchId(s, "ASC_SOP", false, out body))
            {
                h.AscSop = (body.ToString(), line);
            }
            else if (MatchId(s, "ASC_SAT", false, out body))
            {
                h.AscSat = (body.ToString(), line);
            }
            else if (MatchId(s, "M2", false, out body))
            {
                h.Motion = (body.ToString(), line);
            }
            else if (MatchId(s, "* FREEZE FRAME", false, out body))
            {
                h.Freeze = body.ToString();
            }
            else if (MatchId(s, "* OTIO REFERENCE ", true, out body))
            {
                h.MediaReference = body.ToString();
            }
            else
            {
                var stripped = s.TrimStart('*').Trim();
                if (stripped.Length > 0)
                {
                    (h.Unhandled ??= []).Add(stripped.ToString());
                }
            }
        }
        return h;
    }

    /// <summary>
    /// <c>re.match(r'\*?\s*' + id + r':?\s*(?P&lt;body&gt;.*)', line)</c> without a regex: an optional leading
    /// <c>*</c> (tried taken, then not taken, as the regex backtracks), spaces, the id, an optional colon, spaces.
    /// With <paramref name="thenWord"/> the id must be followed by one or more ASCII letters (<c>[a-zA-Z]+</c>).
    /// </summary>
    private static bool MatchId(ReadOnlySpan<char> s, string id, bool thenWord, out ReadOnlySpan<char> body)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var i = 0;
            if (attempt == 0)
            {
                if (s.Length == 0 || s[0] != '*')
                {
                    continue;
                }
                i = 1;
            }
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            if (!s[i..].StartsWith(id, StringComparison.Ordinal))
            {
                continue;
            }
            var j = i + id.Length;
            if (thenWord)
            {
                var w = j;
                while (j < s.Length && char.IsAsciiLetter(s[j]))
                {
                    j++;
                }
                if (j == w)
                {
                    continue;
                }
            }
            if (j < s.Length && s[j] == ':')
            {
                j++;
            }
            while (j < s.Length && char.IsWhiteSpace(s[j]))
            {
                j++;
            }
            body = s[j..];
            return true;
        }
        body = default;
        return false;
    }

    private Clip MakeClip(EventFields f, HandledComments h)
    {
        var clip = new Clip();
        // A new clip already holds a MissingReference: only other references are set, one allocation less per event.
        MediaReference reference = clip.MediaReference!;
        if (f.Reel is "BL" or "BLACK")
        {
            reference = new GeneratorReference { GeneratorKind = "black" };
        }
        else if (f.Reel == "BARS")
        {
            reference = new GeneratorReference { GeneratorKind = "SMPTEBars" };
        }
        else if (h.MediaReference is { } url)
        {
            reference = ImageSequenceOrExternal(url, f);
        }
        if (reference is not MissingReference)
        {
            clip.MediaReference = reference;
        }

        // Name priority: TO CLIP NAME, FROM CLIP NAME, the media file name without extension, the event number.
        if (h.DestClipName is { } dest)
        {
            clip.Name = dest;
        }
        else if (h.ClipName is { } from)
        {
            clip.Name = from;
        }
        else if (reference is ExternalReference ext)
        {
            clip.Name = PosixStem(ext.TargetUrl);
        }
        else if (reference is ImageSequenceReference seq)
        {
            clip.Name = PosixStem(EdlWriter.ImageSequenceUrl(seq, new TimeRange(f.SourceIn, f.SourceOut - f.SourceIn)));
        }
        else
        {
            clip.Name = ClipNumber(f) ?? "None";
        }

        if (f.Reel != "AX")
        {
            CmxMetadata(clip)["reel"] = f.Reel;
        }

        if (h.AscSop is not null || h.AscSat is not null)
        {
            clip.Metadata["cdl"] = MakeCdl(h);
        }

        if (h.Locators is { } locators)
        {
            foreach (var (body, line) in locators)
            {
                var m = Locator().Match(body);
                if (!m.Success)
                {
                    // The reference skips locators it cannot read (for example drop-frame `;` timecodes).
                    continue;
                }
                var tcField = new Field(0, 0);
                var at = FromTimecodeInComment(line, m.Groups[1].Value, tcField);
                var word = m.Groups[2].Value;
                var upper = word.ToUpperInvariant();
                var marker = new Marker
                {
                    Name = m.Groups[4].Value,
                    MarkedRange = new TimeRange(at, new RationalTime(0, 1)),
                    Color = MarkerColors.Contains(upper) ? Color.FromKnownName(upper) : Color.Red,
                };
                marker.Metadata["cmx_3600"] = new OtioDictionary { ["color"] = word };
                clip.Markers.Add(marker);
            }
        }

        clip.SourceRange = new TimeRange(f.SourceIn, f.SourceOut - f.SourceIn);
        return clip;
    }

    private RationalTime FromTimecodeInComment(LineRef line, string tc, Field field)
    {
        if (RationalTime.TryFromTimecode(tc, _rate, out var t, out var error))
        {
            return t;
        }
        throw Error(line, field.Column, $"invalid timecode '{tc}' in comment at {PyFormatG(_rate)} fps: {error.Message}", error);
    }

    private MediaReference ImageSequenceOrExternal(string url, EventFields f)
    {
        var slash = url.LastIndexOf('/');
        var fileName = slash >= 0 ? url[(slash + 1)..] : url;
        if (!TrySplitImageSequence(fileName, out var prefix, out var start, out var suffix))
        {
            // Kept as written: backslashes and `file://` prefixes are not touched.
            return new ExternalReference(url);
        }
        return new ImageSequenceReference
        {
            TargetUrlBase = slash >= 0 ? PosixDirName(url) : string.Empty,
            NamePrefix = prefix,
            NameSuffix = suffix,
            Rate = _rate,
            StartFrame = long.Parse(start, NumberStyles.None, CultureInfo.InvariantCulture),
            FrameZeroPadding = start.Length,
            AvailableRange = new TimeRange(f.SourceIn, f.SourceOut - f.SourceIn),
        };
    }

    /// <summary>
    /// <c>name.[1001-1100].ext</c>: prefix up to and including the dot before the last such bracket, the start frame
    /// as written (its length is the zero padding), and the suffix from the dot after the bracket.
    /// </summary>
    private static bool TrySplitImageSequence(string fileName, out string prefix, out string start, out string suffix)
    {
        for (var at = fileName.LastIndexOf(".[", StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : fileName.LastIndexOf(".[", at - 1, StringComparison.Ordinal))
        {
            var i = at + 2;
            var startBegin = i;
            while (i < fileName.Length && char.IsAsciiDigit(fileName[i]))
            {
                i++;
            }
            if (i == startBegin || i >= fileName.Length || fileName[i] != '-')
            {
                continue;
            }
            var startEnd = i++;
            var endBegin = i;
            while (i < fileName.Length && char.IsAsciiDigit(fileName[i]))
            {
                i++;
            }
            if (i == endBegin || i + 1 >= fileName.Length || fileName[i] != ']' || fileName[i + 1] != '.')
            {
                continue;
            }
            prefix = fileName[..(at + 1)];
            start = fileName[startBegin..startEnd];
            suffix = fileName[(i + 1)..];
            return true;
        }
        prefix = start = suffix = string.Empty;
        return false;
    }

    /// <summary><c>os.path.dirname</c> on POSIX: everything before the last slash, trailing slashes removed unless all slashes.</summary>
    private static string PosixDirName(string path)
    {
        var i = path.LastIndexOf('/') + 1;
        var head = path[..i];
        if (head.Length > 0 && head.Trim('/').Length > 0)
        {
            head = head.TrimEnd('/');
        }
        return head;
    }

    /// <summary><c>os.path.splitext(os.path.basename(path))[0]</c> on POSIX (a Windows path is not split at <c>\</c>).</summary>
    internal static string PosixStem(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return name;
        }
        // splitext ignores leading dots: ".bashrc" has no extension, nor has "..".
        var leading = 0;
        while (leading < name.Length && name[leading] == '.')
        {
            leading++;
        }
        return dot < leading ? name : name[..dot];
    }

    private OtioDictionary MakeCdl(HandledComments h)
    {
        var cdl = new OtioDictionary();
        double sat = 1.0;
        if (h.AscSat is { } satComment && satComment.Body.Length > 0)
        {
            if (!TryPyFloat(satComment.Body, out sat))
            {
                throw Error(satComment.Line, 1, $"invalid ASC_SAT found: '{satComment.Body}' is not a number");
            }
        }
        OtioList slope = [1.0, 1.0, 1.0], offset = [0.0, 0.0, 0.0], power = [1.0, 1.0, 1.0];
        if (h.AscSop is { } sopComment && sopComment.Body.Length > 0)
        {
            var m = AscSop().Match(sopComment.Body);
            var values = new double[9];
            var ok = m.Success;
            for (var k = 0; ok && k < 9; k++)
            {
                ok = TryPyFloat(m.Groups[k + 1].ValueSpan, out values[k]);
            }
            if (!ok)
            {
                throw Error(sopComment.Line, 1, $"invalid ASC_SOP found: {sopComment.Body} (expected (slope r g b) (offset r g b) (power r g b))");
            }
            slope = [values[0], values[1], values[2]];
            offset = [values[3], values[4], values[5]];
            power = [values[6], values[7], values[8]];
        }
        cdl["asc_sat"] = sat;
        cdl["asc_sop"] = new OtioDictionary { ["offset"] = offset, ["power"] = power, ["slope"] = slope };
        return cdl;
    }

    private Transition MakeTransition(EventFields f, HandledComments h, Clip clip)
    {
        if (!string.Equals(f.TransitionId, ClipNumber(f), StringComparison.Ordinal))
        {
            throw Error(f.Line, 1, $"transition and event id mismatch: {f.TransitionId ?? "None"} vs {ClipNumber(f) ?? "None"} (a transition line needs 9 fields and the number of the cut line before it)");
        }
        var type = f.TransitionType!;
        string otioType;
        if (type == "D")
        {
            otioType = Transition.SmpteDissolve;
        }
        else if (type.StartsWith('W'))
        {
            otioType = "SMPTE_Wipe";
        }
        else
        {
            throw Error(f.Line, 1, $"transition type '{type}' not supported by the CMX EDL reader (D dissolve and Wnnn wipes are)");
        }
        if (!TryPyFloat(f.TransitionData, out var frames))
        {
            throw Error(f.Line, f.TransitionDataField.Column, $"invalid transition duration '{f.TransitionData}' (expected frames, e.g. 024)");
        }
        var name = h.ClipName is not null && h.DestClipName is not null
            ? $"{otioType} from {h.ClipName} to {h.DestClipName}"
            : $"{otioType} to {clip.Name}";
        var transition = new Transition
        {
            Name = name,
            TransitionType = otioType,
            InOffset = new RationalTime(0, _rate),
            OutOffset = new RationalTime(frames, _rate),
        };
        transition.Metadata["cmx_3600"] = new OtioDictionary { ["transition"] = type, ["transition_duration"] = frames };
        return transition;
    }
}
