using System.Globalization;
using System.Text.RegularExpressions;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Host.Edits;

/// <summary>
/// Finds the items a tool applies to from <c>--select</c> expressions (several expressions add up; an item matched
/// twice is selected once; results are in track then time order). Video tracks only unless an expression names a
/// track. Forms:
/// <list type="bullet">
/// <item><c>NAME</c> or <c>name:NAME</c>: items whose name is exactly NAME;</item>
/// <item><c>glob:PATTERN</c>: names matching a pattern with <c>*</c> and <c>?</c> (<c>glob:sh01*</c>);</item>
/// <item><c>index:T.I</c>: item I of track T, both 0-based, counting clips, gaps and transitions (<c>index:0.3</c>);</item>
/// <item><c>marker:NAME</c> / <c>marker-color:RED</c>: items carrying a marker with that name or colour;</item>
/// <item><c>range:IN-OUT</c>: items overlapping a record range, as timecode at the timeline rate
/// (<c>range:01:00:04:00-01:00:06:00</c>, global start applied) or frames from the start (<c>range:96-144</c>);</item>
/// <item><c>gaps</c>: every gap; <c>gap:N</c>: the N-th gap (0-based) over the video tracks.</item>
/// </list>
/// </summary>
public static class TimelineSelector
{
    /// <summary>Selects items.</summary>
    /// <exception cref="SelectionException">An expression is malformed (the message shows the accepted forms).</exception>
    public static IReadOnlyList<SelectedItem> Select(Timeline timeline, IEnumerable<string> expressions)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(expressions);
        var all = Items(timeline).ToList();
        var chosen = new HashSet<Composable>(ReferenceEqualityComparer.Instance);
        foreach (var raw in expressions)
        {
            var expr = raw.Trim();
            Func<SelectedItem, bool> match = Parse(timeline, expr, all);
            foreach (var s in all)
            {
                if (match(s))
                {
                    chosen.Add(s.Item);
                }
            }
        }

        return all.Where(s => chosen.Contains(s.Item)).ToList();
    }

    private static IEnumerable<SelectedItem> Items(Timeline timeline)
    {
        var stack = timeline.Tracks;
        if (stack is null)
        {
            yield break;
        }

        for (var t = 0; t < stack.Children.Count; t++)
        {
            if (stack.Children[t] is not Track track)
            {
                continue;
            }

            for (var i = 0; i < track.Children.Count; i++)
            {
                yield return new SelectedItem(track, t, track.Children[i], i);
            }
        }
    }

    private static Func<SelectedItem, bool> Parse(Timeline timeline, string expr, List<SelectedItem> all)
    {
        static bool Video(SelectedItem s) => s.Track.Kind == Track.VideoKind;
        var colon = expr.IndexOf(':');
        var kind = colon > 0 ? expr[..colon] : "";
        var arg = colon > 0 ? expr[(colon + 1)..] : expr;
        switch (kind)
        {
            case "" when expr == "gaps":
                return s => Video(s) && s.Item is Gap;
            case "":
            case "name":
                if (arg.Length == 0)
                {
                    throw Bad(expr, "the name is empty");
                }

                return s => Video(s) && s.Item.Name == arg;
            case "glob":
                var regex = new Regex("^" + Regex.Escape(arg).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
                    RegexOptions.CultureInvariant);
                return s => Video(s) && regex.IsMatch(s.Item.Name);
            case "index":
                var parts = arg.Split('.');
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ti)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ii))
                {
                    throw Bad(expr, "expected index:TRACK.ITEM with 0-based numbers, e.g. index:0.3");
                }

                return s => s.TrackIndex == ti && s.ItemIndex == ii;
            case "marker":
                return s => Video(s) && s.Item is Item item && item.Markers.Any(m => m.Name == arg);
            case "marker-color":
                return s => Video(s) && s.Item is Item item
                    && item.Markers.Any(m => m.Color is { } c && string.Equals(c.Name, arg, StringComparison.OrdinalIgnoreCase));
            case "gap":
                if (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var gi))
                {
                    throw Bad(expr, "expected gap:N with a 0-based number");
                }

                var gap = all.Where(s => Video(s) && s.Item is Gap).Skip(gi).FirstOrDefault();
                return s => gap is not null && ReferenceEquals(s.Item, gap.Item);
            case "range":
                var range = ParseRange(timeline, expr, arg);
                return s => Video(s) && s.Item is not Transition && Overlaps(s, range);
            default:
                throw Bad(expr, $"unknown selector '{kind}'");
        }
    }

    private static bool Overlaps(SelectedItem s, TimeRange range)
    {
        var r = s.Track.RangeOfChildAtIndex(s.ItemIndex);
        var start = r.StartTime.ToSeconds();
        var end = r.EndTimeExclusive().ToSeconds();
        return start < range.EndTimeExclusive().ToSeconds() && end > range.StartTime.ToSeconds();
    }

    private static TimeRange ParseRange(Timeline timeline, string expr, string arg)
    {
        var rate = timeline.GlobalStartTime?.Rate ?? FirstRate(timeline) ?? 24;
        var dash = arg.IndexOf('-', arg.Contains(':', StringComparison.Ordinal) ? 8 : 1);
        if (dash < 0)
        {
            throw Bad(expr, "expected range:IN-OUT as timecode (01:00:04:00-01:00:06:00) or frames (96-144)");
        }

        var a = arg[..dash];
        var b = arg[(dash + 1)..];
        RationalTime At(string text)
        {
            if (text.Contains(':', StringComparison.Ordinal) || text.Contains(';', StringComparison.Ordinal))
            {
                var tc = RationalTime.FromTimecode(text, rate);
                return timeline.GlobalStartTime is { } g ? tc - g.RescaledTo(rate) : tc;
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var f)
                ? new RationalTime(f, rate)
                : throw Bad(expr, $"'{text}' is neither a timecode nor a frame number");
        }

        RationalTime start, end;
        try
        {
            start = At(a);
            end = At(b);
        }
        catch (Editing.Otio.OtioException e)
        {
            throw Bad(expr, e.Message);
        }

        return end <= start
            ? throw Bad(expr, "the out point must be after the in point")
            : new TimeRange(start, end - start);
    }

    private static double? FirstRate(Timeline timeline) =>
        timeline.Tracks?.Children.OfType<Track>().SelectMany(t => t.Children).OfType<Item>()
            .Select(i => i.SourceRange?.Duration.Rate).FirstOrDefault(r => r is > 0);

    private static SelectionException Bad(string expr, string why) =>
        new($"--select '{expr}': {why}. Forms: NAME, name:NAME, glob:PATTERN, index:TRACK.ITEM, marker:NAME, marker-color:COLOR, range:IN-OUT, gaps, gap:N");
}
