using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Otio;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Interchange.Edl;

/// <summary>
/// Reads CMX 3600 text into a timeline the way OpenTimelineIO's <c>cmx_3600</c> adapter does (see
/// <c>reference/interchange-adapters.md</c> §1): one pass over the lines, no regular expression on event or ordinary
/// comment lines (fields are split on spans; timecodes in the usual <c>HH:MM:SS:FF</c> form are decoded in place).
/// Every error names the line (and the column of the field when it is a field's fault).
/// </summary>
internal sealed partial class EdlReader
{
    private static readonly Dictionary<string, string[]> ChannelMap = new(StringComparer.Ordinal)
    {
        ["A"] = ["A1"],
        ["AA"] = ["A1", "A2"],
        ["B"] = ["V", "A1"],
        ["A2/V"] = ["V", "A2"],
        ["AA/V"] = ["V", "A1", "A2"],
    };

    private static readonly HashSet<string> MarkerColors = new(StringComparer.Ordinal)
    {
        "PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE", "MAGENTA", "BLACK", "WHITE",
    };

    private readonly string _text;
    private readonly string? _file;
    private readonly double _rate;
    private readonly bool _ignoreMismatch;
    private readonly bool _rateIsSmpte;
    private readonly int _nominalFps;
    private readonly List<LineRef> _lines = [];
    private readonly Timeline _timeline = new();
    private readonly Dictionary<string, TrackState> _tracks = new(StringComparer.Ordinal);
    private readonly List<TrackState> _trackOrder = [];
    private readonly List<int> _comments = [];
    private readonly EventFields _fields = new();
    private readonly HandledComments _handled = new();
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TrackState>> _channelTracks = new(StringComparer.Ordinal);

    private EdlReader(string text, EdlReadOptions options, string? file)
    {
        _text = text;
        _file = file;
        _rate = options.Rate;
        _ignoreMismatch = options.IgnoreTimecodeMismatch;
        _rateIsSmpte = RationalTime.IsSmpteTimecodeRate(_rate) && _rate > 0;
        _nominalFps = _rateIsSmpte ? (int)Math.Ceiling(_rate) : 0;
    }

    public static Timeline Read(string text, EdlReadOptions? options, string? file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new EdlReader(text, options ?? EdlReadOptions.Default, file);
        reader.SplitLines();
        reader.Parse();
        return reader.Finish();
    }

    /// <summary>A stripped, non-empty line: its span in the text, its 1-based number and the column it starts at.</summary>
    private readonly record struct LineRef(int Start, int Length, int Number, int Column);

    private ReadOnlySpan<char> Text(LineRef line) => _text.AsSpan(line.Start, line.Length);

    private string Str(LineRef line) => _text.Substring(line.Start, line.Length);

    /// <summary>Python's <c>splitlines()</c> boundaries, each line <c>strip()</c>ped, empty lines dropped.</summary>
    private void SplitLines()
    {
        var text = _text;
        var number = 1;
        var i = 0;
        while (i <= text.Length)
        {
            var start = i;
            while (i < text.Length && !IsLineBreak(text[i]))
            {
                i++;
            }
            var end = i;
            var s = start;
            while (s < end && IsPySpace(text[s]))
            {
                s++;
            }
            var e = end;
            while (e > s && IsPySpace(text[e - 1]))
            {
                e--;
            }
            if (e > s)
            {
                _lines.Add(new LineRef(s, e - s, number, s - start + 1));
            }
            if (i >= text.Length)
            {
                break;
            }
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            i++;
            number++;
        }
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    private static bool IsPySpace(char c) => char.IsWhiteSpace(c) || c is '\x1c' or '\x1d' or '\x1e' or '\x1f';

    private void Parse()
    {
        var i = 0;
        while (i < _lines.Count)
        {
            var line = _lines[i];
            var span = Text(line);
            if (span.StartsWith("TITLE:", StringComparison.Ordinal))
            {
                _timeline.Name = Str(line).Replace("TITLE:", string.Empty, StringComparison.Ordinal).Trim();
                i++;
            }
            else if (span.StartsWith("FCM", StringComparison.Ordinal))
            {
                // Drop-frame is never taken from FCM (it describes tape timecode); `;` in a timecode decides.
                i++;
            }
            else if (span.StartsWith("SPLIT:", StringComparison.Ordinal))
            {
                i = ParseSplit(i);
            }
            else if (char.IsAsciiDigit(span[0]))
            {
                i = ParseEvent(i);
            }
            else
            {
                var what = span[0] == '\uFEFF'
                    ? "a byte-order mark before the first event (save the EDL as UTF-8 without BOM)"
                    : $"'{Shorten(span)}' is not a title, FCM, SPLIT or event line (comments belong after an event)";
                throw Error(line, 1, $"unknown event type: {what}");
            }
        }
    }

    /// <summary>An event line, then its comment lines and at most one transition line with the same event number.</summary>
    private int ParseEvent(int index)
    {
        var eventLine = _lines[index];
        var eventNumber = LeadingDigits(Text(eventLine));
        LineRef? transitionLine = null;
        _comments.Clear();
        var i = index + 1;
        while (i < _lines.Count)
        {
            var next = _lines[i];
            var span = Text(next);
            if (char.IsAsciiDigit(span[0]))
            {
                if (!SameNumber(LeadingDigits(span), eventNumber))
                {
                    break;
                }
                if (transitionLine is not null)
                {
                    throw Error(next, 1, $"invalid transition: event {eventNumber.ToString()} has a second transition line (line {transitionLine.Value.Number.ToString(CultureInfo.InvariantCulture)} was the first)");
                }
                transitionLine = next;
            }
            else
            {
                _comments.Add(i);
            }
            i++;
        }
        AddClip(eventLine, transitionLine, _comments);
        return i;
    }

    /// <summary><c>SPLIT: AUDIO DELAY=…</c> or <c>VIDEO DELAY=…</c>: the next two lines are events sharing the comments after them.</summary>
    private int ParseSplit(int index)
    {
        var line = _lines[index];
        var span = Text(line);
        var audio = span.Contains("AUDIO DELAY", StringComparison.Ordinal);
        var video = span.Contains("VIDEO DELAY", StringComparison.Ordinal);
        if (audio == video)
        {
            throw Error(line, 1, "invalid SPLIT: a SPLIT line needs exactly one of AUDIO DELAY or VIDEO DELAY");
        }
        if (index + 2 >= _lines.Count)
        {
            throw Error(line, 1, "invalid SPLIT: a SPLIT line must be followed by two event lines");
        }
        var first = _lines[index + 1];
        var second = _lines[index + 2];
        var comments = new List<int>();
        var i = index + 3;
        while (i < _lines.Count && !char.IsAsciiDigit(Text(_lines[i])[0]))
        {
            comments.Add(i);
            i++;
        }
        AddClip(first, null, comments);
        AddClip(second, null, comments);
        return i;
    }

    private static ReadOnlySpan<char> LeadingDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        while (n < s.Length && char.IsAsciiDigit(s[n]))
        {
            n++;
        }
        return s[..n];
    }

    /// <summary>Event numbers compare as integers (<c>1</c> and <c>001</c> are the same event).</summary>
    private static bool SameNumber(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.SequenceEqual(b);
    }

    private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 60 ? s.ToString() : string.Concat(s[..57], "...");

    private InterchangeException Error(LineRef line, int columnInLine, string reason, Exception? inner = null)
        => new(InterchangeErrorKind.Parse, _file, line.Number, line.Column + columnInLine - 1, reason, inner);

    private InterchangeException Error(int lineNumber, string reason)
        => new(InterchangeErrorKind.Parse, _file, lineNumber, 0, reason);

    private Timeline Finish()
    {
        foreach (var state in _trackOrder)
        {
            var track = state.Track;
            if (state.Start is { } start)
            {
                var range = new TimeRange(start, state.Duration);
                track.SourceRange = range;
                // The reference keeps the track's range only when it is not the plain available range, i.e. when
                // the first record in is not zero: the record start offset lives in the negative start time.
                if (range == track.AvailableRange())
                {
                    track.SourceRange = null;
                }
            }
        }
        return _timeline;
    }
}
