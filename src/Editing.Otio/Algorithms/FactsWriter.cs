using System.Globalization;
using System.Numerics;
using System.Text;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;
using Editing.Otio.Serialization;

namespace Editing.Otio.Algorithms;

/// <summary>
/// Writes the conformance "facts" of an object graph: the values the range algorithms compute for every composable,
/// in the exact JSON layout of the reference oracle (<c>conformance/README.md</c>, "The facts format"), so that our
/// output can be compared byte for byte with the reference library's <c>*.facts.json</c> files.
/// </summary>
/// <remarks>
/// Layout: 2-space indent, keys in a fixed order, a final newline. Integral doubles are written without a fraction
/// (<c>24</c>), others in shortest round-trip form with Python's exponent rules (<c>0.0001</c>, <c>1e-05</c>,
/// <c>23.976023976023978</c>); non-finite doubles as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>. A
/// computation the library refuses is written as <c>{"error": KIND, "details": message}</c> with the reference's
/// kind name and message.
/// </remarks>
public static class FactsWriter
{
    /// <summary>The format label the reference oracle writes as <c>oracle</c>.</summary>
    public const string OracleLabel = "otio-oracle facts 1";

    /// <summary>The reference library version the expected facts were made with, written as <c>otio_version</c>.</summary>
    public const string ReferenceVersion = "0.19.0 (HEAD bc5fe2d7 + upgrade-loop fix)";

    /// <summary>
    /// The facts document of <paramref name="root"/>. <paramref name="fileLabel"/> is written verbatim as <c>file</c>
    /// (the reference oracle writes the input's file name, e.g. <c>simple_cut.otio</c>).
    /// </summary>
    public static string Write(SerializableObject root, string fileLabel)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(fileLabel);
        var w = new FactsJson();
        w.BeginObject();
        w.Key("oracle");
        w.String(OracleLabel);
        w.Key("otio_version");
        w.String(ReferenceVersion);
        w.Key("file");
        w.String(fileLabel);
        w.Key("root");
        WriteRoot(w, root);
        w.EndObject();
        return w.ToString();
    }

    private static void WriteRoot(FactsJson w, SerializableObject root)
    {
        switch (root)
        {
            case Timeline timeline:
                WriteTimeline(w, timeline);
                break;
            case SerializableCollection collection:
                w.BeginObject();
                w.Key("schema");
                w.String(SchemaString(collection));
                w.Key("name");
                w.String(collection.Name);
                w.Key("children");
                w.BeginArray();
                foreach (var child in collection.Children)
                {
                    WriteRoot(w, child);
                }
                w.EndArray();
                w.EndObject();
                break;
            case Composable composable:
                w.BeginObject();
                w.Key("schema");
                w.String(SchemaString(composable));
                w.Key("root");
                WriteComposable(w, composable, null);
                w.EndObject();
                break;
            case SerializableObjectWithMetadata named:
                w.BeginObject();
                w.Key("schema");
                w.String(SchemaString(named));
                w.Key("name");
                w.String(named.Name);
                w.EndObject();
                break;
            default:
                w.BeginObject();
                w.Key("schema");
                w.String(SchemaString(root));
                w.EndObject();
                break;
        }
    }

    private static void WriteTimeline(FactsJson w, Timeline timeline)
    {
        w.BeginObject();
        w.Key("schema");
        w.String(SchemaString(timeline));
        w.Key("name");
        w.String(timeline.Name);
        w.Key("global_start_time");
        WriteTime(w, timeline.GlobalStartTime);
        w.Key("duration");
        TryTime(w, timeline.Duration);
        w.Key("metadata_keys");
        WriteKeys(w, timeline.MetadataOrNull);
        var videoTracks = timeline.VideoTracks().ToList();
        w.Key("video_track_count");
        w.Integer(videoTracks.Count);
        w.Key("audio_track_count");
        w.Integer(timeline.AudioTracks().Count());
        w.Key("clip_count");
        try
        {
            w.Integer(timeline.FindClips().Count);
        }
        catch (OtioException e)
        {
            WriteError(w, e);
        }
        w.Key("tracks");
        if (timeline.Tracks is { } tracks)
        {
            WriteComposable(w, tracks, timeline);
        }
        else
        {
            w.Null();
        }
        w.Key("flatten_video_tracks");
        if (videoTracks.Count == 0)
        {
            w.Null();
        }
        else
        {
            WriteFlattened(w, videoTracks);
        }
        w.EndObject();
    }

    private static void WriteFlattened(FactsJson w, List<Track> videoTracks)
    {
        Track flat;
        try
        {
            flat = StackAlgorithms.FlattenStack(videoTracks);
        }
        catch (OtioException e)
        {
            WriteError(w, e);
            return;
        }
        w.BeginObject();
        w.Key("name");
        w.String(flat.Name);
        w.Key("duration");
        TryTime(w, flat.Duration);
        w.Key("children");
        w.BeginArray();
        var children = flat.Children;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            w.BeginObject();
            w.Key("index");
            w.Integer(i);
            w.Key("schema");
            w.String(SchemaString(child));
            w.Key("name");
            w.String(child.Name);
            if (child is Item item)
            {
                w.Key("source_range");
                WriteRange(w, item.SourceRange);
            }
            w.Key("range_in_parent");
            TryRange(w, () => flat.RangeOfChild(child));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }

    private static void WriteComposable(FactsJson w, Composable composable, Timeline? timeline)
    {
        var parent = composable.Parent;
        var item = composable as Item;
        var transition = composable as Transition;
        w.BeginObject();
        if (parent is not null)
        {
            w.Key("index");
            w.Integer(parent.Children.IndexOfReference(composable));
        }
        w.Key("schema");
        w.String(SchemaString(composable));
        w.Key("name");
        w.String(composable.Name);
        w.Key("visible");
        w.Bool(composable.Visible);
        w.Key("overlapping");
        w.Bool(composable.Overlapping);
        w.Key("duration");
        TryTime(w, composable.Duration);

        if (item is not null)
        {
            w.Key("enabled");
            w.Bool(item.Enabled);
            w.Key("source_range");
            WriteRange(w, item.SourceRange);
            w.Key("available_range");
            TryRange(w, item.AvailableRange);
            w.Key("trimmed_range");
            TryRange(w, item.TrimmedRange);
            w.Key("visible_range");
            TryRange(w, item.VisibleRange);
            w.Key("color");
            WriteColor(w, item.Color);
        }
        else if (transition is not null)
        {
            w.Key("enabled");
            w.Bool(transition.Enabled);
            w.Key("transition_type");
            w.String(transition.TransitionType);
            w.Key("in_offset");
            WriteTime(w, transition.InOffset);
            w.Key("out_offset");
            WriteTime(w, transition.OutOffset);
        }

        if (parent is not null)
        {
            w.Key("range_in_parent");
            TryRange(w, () => parent.RangeOfChild(composable));
            w.Key("trimmed_range_in_parent");
            TryOptionalRange(w, () => parent.TrimmedRangeOfChild(composable));
            w.Key("handles");
            WriteHandles(w, parent, composable);
            if (timeline is not null)
            {
                w.Key("range_in_timeline");
                TryRange(w, () => timeline.RangeOfChild(composable));
                w.Key("trimmed_range_in_timeline");
                TryOptionalRange(w, () => timeline.TrimmedRangeOfChild(composable));
            }
        }

        if (composable is Clip clip)
        {
            w.Key("active_media_reference_key");
            w.String(clip.ActiveMediaReferenceKey);
            w.Key("media_references");
            WriteMediaReferences(w, clip);
        }

        if (item is not null)
        {
            w.Key("markers");
            WriteMarkers(w, item.MarkersOrNull);
            w.Key("effects");
            WriteEffects(w, item.EffectsOrNull);
        }

        w.Key("metadata_keys");
        WriteKeys(w, composable.MetadataOrNull);

        if (composable is Composition composition)
        {
            w.Key("composition_kind");
            w.String(composition.CompositionKind);
            if (composition is Track track)
            {
                w.Key("kind");
                w.String(track.Kind);
            }
            w.Key("children");
            w.BeginArray();
            foreach (var child in composition.Children)
            {
                WriteComposable(w, child, timeline);
            }
            w.EndArray();
        }
        w.EndObject();
    }

    private static void WriteHandles(FactsJson w, Composition parent, Composable child)
    {
        (RationalTime? In, RationalTime? Out) handles;
        try
        {
            handles = parent.HandlesOfChild(child);
        }
        catch (OtioException e)
        {
            WriteError(w, e);
            return;
        }
        w.BeginObject();
        w.Key("in");
        WriteTime(w, handles.In);
        w.Key("out");
        WriteTime(w, handles.Out);
        w.EndObject();
    }

    private static void WriteMediaReferences(FactsJson w, Clip clip)
    {
        var keys = clip.MediaReferences.Keys.ToArray();
        Array.Sort(keys, Utf8KeyComparer.Instance);
        w.BeginArray();
        foreach (var key in keys)
        {
            var reference = clip.MediaReferences[key];
            w.BeginObject();
            w.Key("key");
            w.String(key);
            w.Key("schema");
            w.String(SchemaString(reference));
            w.Key("name");
            w.String(reference.Name);
            w.Key("is_missing_reference");
            w.Bool(reference.IsMissingReference);
            w.Key("available_range");
            WriteRange(w, reference.AvailableRange);
            switch (reference)
            {
                case ExternalReference external:
                    w.Key("target_url");
                    w.String(external.TargetUrl);
                    break;
                case GeneratorReference generator:
                    w.Key("generator_kind");
                    w.String(generator.GeneratorKind);
                    w.Key("parameter_keys");
                    WriteKeys(w, generator.ParametersOrNull);
                    break;
                case ImageSequenceReference sequence:
                    WriteImageSequence(w, sequence);
                    break;
            }
            w.Key("metadata_keys");
            WriteKeys(w, reference.MetadataOrNull);
            w.EndObject();
        }
        w.EndArray();
    }

    private static void WriteImageSequence(FactsJson w, ImageSequenceReference sequence)
    {
        w.Key("target_url_base");
        w.String(sequence.TargetUrlBase);
        w.Key("name_prefix");
        w.String(sequence.NamePrefix);
        w.Key("name_suffix");
        w.String(sequence.NameSuffix);
        w.Key("start_frame");
        w.Integer(sequence.StartFrame);
        w.Key("frame_step");
        w.Integer(sequence.FrameStep);
        w.Key("rate");
        w.Double(sequence.Rate);
        w.Key("frame_zero_padding");
        w.Integer(sequence.FrameZeroPadding);
        w.Key("end_frame");
        w.Integer(sequence.EndFrame());
        w.Key("number_of_images_in_sequence");
        w.Integer(sequence.NumberOfImagesInSequence());
        w.Key("first_image_url");
        try
        {
            w.String(sequence.TargetUrlForImageNumber(0));
        }
        catch (OtioException e)
        {
            WriteError(w, e);
        }
    }

    private static void WriteMarkers(FactsJson w, List<Marker>? markers)
    {
        w.BeginArray();
        if (markers is not null)
        {
            foreach (var marker in markers)
            {
                w.BeginObject();
                w.Key("name");
                w.String(marker.Name);
                w.Key("marked_range");
                WriteRange(w, marker.MarkedRange);
                w.Key("color");
                WriteColor(w, marker.Color);
                w.Key("comment");
                w.String(marker.Comment);
                w.EndObject();
            }
        }
        w.EndArray();
    }

    private static void WriteEffects(FactsJson w, List<Effect>? effects)
    {
        w.BeginArray();
        if (effects is not null)
        {
            foreach (var effect in effects)
            {
                w.BeginObject();
                w.Key("schema");
                w.String(SchemaString(effect));
                w.Key("name");
                w.String(effect.Name);
                w.Key("effect_name");
                w.String(effect.EffectName);
                w.Key("enabled");
                w.Bool(effect.Enabled);
                if (effect is LinearTimeWarp warp)
                {
                    w.Key("time_scalar");
                    w.Double(warp.TimeScalar);
                }
                w.EndObject();
            }
        }
        w.EndArray();
    }

    private static void WriteColor(FactsJson w, Color? color)
    {
        if (color is not { } c)
        {
            w.Null();
            return;
        }
        w.BeginObject();
        w.Key("name");
        w.String(c.Name);
        w.Key("r");
        w.Double(c.R);
        w.Key("g");
        w.Double(c.G);
        w.Key("b");
        w.Double(c.B);
        w.Key("a");
        w.Double(c.A);
        w.EndObject();
    }

    private static void WriteKeys(FactsJson w, OtioDictionary? dictionary)
    {
        w.BeginArray();
        if (dictionary is { Count: > 0 })
        {
            var keys = new string[dictionary.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = dictionary.GetAt(i).Key;
            }
            Array.Sort(keys, Utf8KeyComparer.Instance);
            foreach (var key in keys)
            {
                w.String(key);
            }
        }
        w.EndArray();
    }

    private static void TryTime(FactsJson w, Func<RationalTime> compute)
    {
        RationalTime value;
        try
        {
            value = compute();
        }
        catch (OtioException e)
        {
            WriteError(w, e);
            return;
        }
        WriteTime(w, value);
    }

    private static void TryRange(FactsJson w, Func<TimeRange> compute)
    {
        TimeRange value;
        try
        {
            value = compute();
        }
        catch (OtioException e)
        {
            WriteError(w, e);
            return;
        }
        WriteRange(w, value);
    }

    private static void TryOptionalRange(FactsJson w, Func<TimeRange?> compute)
    {
        TimeRange? value;
        try
        {
            value = compute();
        }
        catch (OtioException e)
        {
            WriteError(w, e);
            return;
        }
        WriteRange(w, value);
    }

    private static void WriteError(FactsJson w, OtioException e)
    {
        w.BeginObject();
        w.Key("error");
        w.String(e.KindName);
        w.Key("details");
        // Composable.Duration() of a bare composable carries this library's message; every refusal raised by the range
        // algorithms already carries the reference's text.
        w.String(e.Kind == OtioErrorKind.ObjectWithoutDuration ? ReferenceErrors.Outcome(e.Kind) : e.Message);
        w.EndObject();
    }

    private static void WriteTime(FactsJson w, RationalTime? time)
    {
        if (time is not { } t)
        {
            w.Null();
            return;
        }
        w.BeginObject();
        w.Key("value");
        w.Double(t.Value);
        w.Key("rate");
        w.Double(t.Rate);
        w.EndObject();
    }

    private static void WriteRange(FactsJson w, TimeRange? range)
    {
        if (range is not { } r)
        {
            w.Null();
            return;
        }
        w.BeginObject();
        w.Key("start_time");
        WriteTime(w, r.StartTime);
        w.Key("duration");
        WriteTime(w, r.Duration);
        w.EndObject();
    }

    private static string SchemaString(SerializableObject o)
        => string.Create(CultureInfo.InvariantCulture, $"{o.SchemaName}.{o.SchemaVersion}");

    /// <summary>
    /// Formats a finite double as the oracle does: integral values as plain integers (all digits), others in shortest
    /// round-trip digits laid out as Python's <c>repr</c> (exponent form when the decimal exponent is below −4 or
    /// 16 and above).
    /// </summary>
    internal static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.Floor(value))
        {
            return Math.Abs(value) < 9.2e18
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }

        // Shortest round-trip digits and the decimal point position: value = 0.d1d2…dn × 10^decpt.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        var body = negative ? r.AsSpan(1) : r.AsSpan();
        var exponent = 0;
        var e = body.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        var dot = body.IndexOf('.');
        var intPart = dot >= 0 ? body[..dot] : body;
        var fracPart = dot >= 0 ? body[(dot + 1)..] : ReadOnlySpan<char>.Empty;
        var digits = string.Concat(intPart, fracPart);
        var decpt = intPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
            decpt--;
        }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits.AsSpan(1));
            }
            var exp = decpt - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            var expDigits = Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
            if (expDigits.Length < 2)
            {
                sb.Append('0');
            }
            sb.Append(expDigits);
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length);
        }
        else
        {
            sb.Append(digits.AsSpan(0, decpt)).Append('.').Append(digits.AsSpan(decpt));
        }
        return sb.ToString();
    }

    /// <summary>A small indented JSON builder with the layout of Python's <c>json.dumps(indent=2, ensure_ascii=False)</c>.</summary>
    private sealed class FactsJson
    {
        private readonly StringBuilder _sb = new(64 * 1024);
        private readonly Stack<bool> _hasItems = new();
        private bool _afterKey;

        public void BeginObject()
        {
            BeforeValue();
            _sb.Append('{');
            _hasItems.Push(false);
        }

        public void EndObject() => Close('}');

        public void BeginArray()
        {
            BeforeValue();
            _sb.Append('[');
            _hasItems.Push(false);
        }

        public void EndArray() => Close(']');

        public void Key(string key)
        {
            NewItem();
            AppendString(key);
            _sb.Append(": ");
            _afterKey = true;
        }

        public void String(string value)
        {
            BeforeValue();
            AppendString(value);
        }

        public void Integer(long value)
        {
            BeforeValue();
            _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        public void Double(double value)
        {
            BeforeValue();
            if (double.IsFinite(value))
            {
                _sb.Append(FormatDouble(value));
            }
            else
            {
                AppendString(FormatDouble(value));
            }
        }

        public void Bool(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
        }

        public void Null()
        {
            BeforeValue();
            _sb.Append("null");
        }

        public override string ToString() => _sb.ToString() + "\n";

        private void BeforeValue()
        {
            if (_afterKey)
            {
                _afterKey = false;
                return;
            }
            if (_hasItems.Count > 0)
            {
                NewItem();
            }
        }

        private void NewItem()
        {
            if (_hasItems.Pop())
            {
                _sb.Append(',');
            }
            _hasItems.Push(true);
            _sb.Append('\n').Append(' ', 2 * _hasItems.Count);
        }

        private void Close(char bracket)
        {
            if (_hasItems.Pop())
            {
                _sb.Append('\n').Append(' ', 2 * _hasItems.Count);
            }
            _sb.Append(bracket);
        }

        private void AppendString(string s)
        {
            _sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"':
                        _sb.Append("\\\"");
                        break;
                    case '\\':
                        _sb.Append("\\\\");
                        break;
                    case '\n':
                        _sb.Append("\\n");
                        break;
                    case '\r':
                        _sb.Append("\\r");
                        break;
                    case '\t':
                        _sb.Append("\\t");
                        break;
                    case '\b':
                        _sb.Append("\\b");
                        break;
                    case '\f':
                        _sb.Append("\\f");
                        break;
                    default:
                        if (c < 0x20)
                        {
                            _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _sb.Append(c);
                        }
                        break;
                }
            }
            _sb.Append('"');
        }
    }
}
