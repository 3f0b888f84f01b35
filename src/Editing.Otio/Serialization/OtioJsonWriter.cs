using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Serialization;

/// <summary>
/// Writes the schema model as the reference library does: <c>OTIO_SCHEMA</c> first, then the dynamic keys sorted, then
/// the schema's own fields base class first; dictionaries sorted by UTF-8 bytes; doubles in RapidJSON's Grisu2
/// format. Objects newer than the write target are downgraded and, like the reference, written with all keys sorted.
/// </summary>
internal sealed class OtioJsonWriter
{
    private readonly JsonOutput _out;
    private readonly OtioWriteTarget _target;
    private readonly int _indent;
    private bool _emulateLatest;
    private int _depth;

    public OtioJsonWriter(Stream stream, OtioWriteOptions options)
    {
        _indent = options.Indent;
        _out = new JsonOutput(stream, options.Indent);
        _target = options.Target;
    }

    public void WriteRoot(SerializableObject root)
    {
        // A file that used schemas newer than the target family was not readable by that family's library, so the
        // reference output for it comes from the newest library writing downgraded schemas: emulate that.
        _emulateLatest = !_target.IsLatest && root.ReadWithNewerSchemas;
        try
        {
            WriteObject(root);
            _out.Flush();
        }
        finally
        {
            _out.Release();
        }
    }

    private bool LatestBehaviour => _target.IsLatest || _emulateLatest;

    private void WriteValue(object? v)
    {
        switch (v)
        {
            case null: _out.Null(); break;
            case string s: _out.String(s); break;
            case bool b: _out.Bool(b); break;
            case long l: _out.Integer(l); break;
            case double d: _out.Double(d); break;
            case int i: _out.Integer(i); break;
            case float f: _out.Double(f); break;
            case OtioDictionary dict: WriteDictionary(dict); break;
            case OtioList list: WriteList(list); break;
            case SerializableObject o: WriteObject(o); break;
            case RationalTime rt: WriteRationalTime(rt); break;
            case TimeRange tr: WriteTimeRange(tr); break;
            case TimeTransform tt: WriteTimeTransform(tt); break;
            case Color c: WriteColor(c); break;
            case V2d v2: WriteV2d(v2); break;
            case Box2d box: WriteBox2d(box); break;
            default:
                throw new OtioException(OtioErrorKind.TypeMismatch, $"cannot write a value of type {v.GetType().Name} to OTIO JSON");
        }
    }

    private void WriteList(OtioList list)
    {
        Enter();
        _out.BeginArray();
        foreach (var v in list)
        {
            WriteValue(v);
        }
        _out.EndArray();
        _depth--;
    }

    private void WriteDictionary(OtioDictionary dict)
    {
        Enter();
        _out.BeginObject();
        WriteSortedMembers(dict, null, false);
        _out.EndObject();
        _depth--;
    }

    /// <summary>Writes a dictionary's members sorted by key; optionally merges one extra key (Transition.enabled for 0.18).</summary>
    private void WriteSortedMembers(OtioDictionary? dict, string? extraKey, bool extraValue)
    {
        var n = dict?.Count ?? 0;
        if (n == 0 && extraKey is null)
        {
            return;
        }
        var entries = dict is null ? [] : dict.AsSpan();
        if (extraKey is null && IsSorted(entries))
        {
            foreach (var (k, v) in entries)
            {
                _out.Key(k);
                WriteValue(v);
            }
            return;
        }
        var keys = new string[n + (extraKey is null ? 0 : 1)];
        for (var i = 0; i < n; i++)
        {
            keys[i] = entries[i].Key;
        }
        if (extraKey is not null)
        {
            keys[n] = extraKey;
        }
        Array.Sort(keys, Utf8KeyComparer.Instance);
        foreach (var k in keys)
        {
            _out.Key(k);
            if (extraKey is not null && ReferenceEquals(k, extraKey) && (dict is null || !dict.ContainsKey(k)))
            {
                _out.Bool(extraValue);
            }
            else
            {
                WriteValue(dict![k]);
            }
        }
    }

    private static bool IsSorted(ReadOnlySpan<KeyValuePair<string, object?>> entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            if (Utf8KeyComparer.Instance.Compare(entries[i - 1].Key, entries[i].Key) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private void Enter()
    {
        if (++_depth > JsonLimits.MaxDepth)
        {
            throw new OtioException(OtioErrorKind.InternalError, $"cannot write data nested deeper than {JsonLimits.MaxDepth} levels");
        }
    }

    private void WriteObject(SerializableObject o)
    {
        Enter();
        if (o is UnknownSchema unknown)
        {
            _out.BeginObject();
            _out.Key("OTIO_SCHEMA"u8);
            _out.String(unknown.OriginalSchema);
            WriteSortedMembers(unknown.Data, null, false);
            _out.EndObject();
            _depth--;
            return;
        }

        var current = o.SchemaVersion;
        var version = _target.VersionFor(o.SchemaName, current);
        if (version < current && !(o is Marker && !LatestBehaviour))
        {
            WriteDowngraded(o, version);
            _depth--;
            return;
        }

        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String(SchemaString(o, version));
        if (o is Transition tr && !LatestBehaviour && tr.EnabledWasSet)
        {
            // OTIO 0.18 has no Transition.enabled field; it keeps the key as a dynamic one.
            WriteSortedMembers(o.DynamicFieldsOrNull, "enabled", tr.Enabled);
        }
        else
        {
            WriteSortedMembers(o.DynamicFieldsOrNull, null, false);
        }
        WriteFields(o, version);
        _out.EndObject();
        _depth--;
    }

    private static string SchemaString(SerializableObject o, int version) => (o.SchemaName, version) switch
    {
        ("Clip", 2) => "Clip.2",
        ("Gap", 1) => "Gap.1",
        ("Track", 1) => "Track.1",
        ("Stack", 1) => "Stack.1",
        ("ExternalReference", 1) => "ExternalReference.1",
        ("MissingReference", 1) => "MissingReference.1",
        ("Marker", 2) => "Marker.2",
        ("Marker", 3) => "Marker.3",
        ("Transition", 1) => "Transition.1",
        ("Effect", 1) => "Effect.1",
        ("Timeline", 1) => "Timeline.1",
        _ => $"{o.SchemaName}.{version}",
    };

    private void WriteFields(SerializableObject o, int version)
    {
        if (o is not SerializableObjectWithMetadata m)
        {
            return;
        }
        _out.Key("metadata"u8);
        WriteMetadata(m.MetadataOrNull);
        _out.Key("name"u8);
        _out.String(m.Name);

        switch (o)
        {
            case Timeline timeline:
                _out.Key("global_start_time"u8);
                if (timeline.GlobalStartTime is { } gst)
                {
                    WriteRationalTime(gst);
                }
                else
                {
                    _out.Null();
                }
                _out.Key("tracks"u8);
                if (timeline.Tracks is null)
                {
                    _out.Null();
                }
                else
                {
                    WriteObject(timeline.Tracks);
                }
                return;
            case Item item:
                WriteItemFields(item);
                return;
            case Transition transition:
                _out.Key("in_offset"u8);
                WriteRationalTime(transition.InOffset);
                _out.Key("out_offset"u8);
                WriteRationalTime(transition.OutOffset);
                _out.Key("transition_type"u8);
                _out.String(transition.TransitionType);
                if (LatestBehaviour)
                {
                    _out.Key("enabled"u8);
                    _out.Bool(transition.Enabled);
                }
                return;
            case Effect effect:
                _out.Key("effect_name"u8);
                _out.String(effect.EffectName);
                _out.Key("enabled"u8);
                _out.Bool(effect.Enabled);
                if (effect is LinearTimeWarp ltw)
                {
                    _out.Key("time_scalar"u8);
                    _out.Double(ltw.TimeScalar);
                }
                return;
            case Marker marker:
                _out.Key("color"u8);
                if (version >= 3)
                {
                    WriteOptional(marker.Color);
                }
                else
                {
                    WriteValue(marker.ColorForMarker2());
                }
                _out.Key("marked_range"u8);
                WriteTimeRange(marker.MarkedRange);
                _out.Key("comment"u8);
                _out.String(marker.Comment);
                return;
            case MediaReference reference:
                WriteMediaReferenceFields(reference);
                return;
            case SerializableCollection collection:
                _out.Key("children"u8);
                Enter();
                _out.BeginArray();
                foreach (var c in collection.Children)
                {
                    WriteObject(c);
                }
                _out.EndArray();
                _depth--;
                return;
        }
    }

    private void WriteItemFields(Item item)
    {
        _out.Key("source_range"u8);
        WriteOptional(item.SourceRange);
        _out.Key("effects"u8);
        WriteObjectList(item.EffectsOrNull);
        _out.Key("markers"u8);
        WriteObjectList(item.MarkersOrNull);
        _out.Key("enabled"u8);
        _out.Bool(item.Enabled);
        _out.Key("color"u8);
        WriteOptional(item.Color);
        switch (item)
        {
            case Composition composition:
                _out.Key("children"u8);
                Enter();
                _out.BeginArray();
                foreach (var c in composition.Children)
                {
                    WriteObject(c);
                }
                _out.EndArray();
                _depth--;
                if (composition is Track track)
                {
                    _out.Key("kind"u8);
                    _out.String(track.Kind);
                }
                break;
            case Clip clip:
                _out.Key("media_references"u8);
                Enter();
                _out.BeginObject();
                var refs = clip.MediaReferencesForReading;
                if (refs.Count == 1)
                {
                    foreach (var (k, v) in refs)
                    {
                        _out.Key(k);
                        WriteObject(v);
                    }
                }
                else if (refs.Count > 1)
                {
                    var keys = new string[refs.Count];
                    refs.Keys.CopyTo(keys, 0);
                    Array.Sort(keys, Utf8KeyComparer.Instance);
                    foreach (var k in keys)
                    {
                        _out.Key(k);
                        WriteObject(refs[k]);
                    }
                }
                _out.EndObject();
                _depth--;
                _out.Key("active_media_reference_key"u8);
                _out.String(clip.ActiveMediaReferenceKey);
                break;
        }
    }

    private void WriteMediaReferenceFields(MediaReference reference)
    {
        _out.Key("available_range"u8);
        WriteOptional(reference.AvailableRange);
        _out.Key("available_image_bounds"u8);
        if (reference.AvailableImageBounds is { } bounds)
        {
            WriteBox2d(bounds);
        }
        else
        {
            _out.Null();
        }
        switch (reference)
        {
            case ExternalReference external:
                _out.Key("target_url"u8);
                _out.String(external.TargetUrl);
                break;
            case GeneratorReference generator:
                _out.Key("generator_kind"u8);
                _out.String(generator.GeneratorKind);
                _out.Key("parameters"u8);
                WriteMetadata(generator.ParametersOrNull);
                break;
            case ImageSequenceReference seq:
                _out.Key("target_url_base"u8);
                _out.String(seq.TargetUrlBase);
                _out.Key("name_prefix"u8);
                _out.String(seq.NamePrefix);
                _out.Key("name_suffix"u8);
                _out.String(seq.NameSuffix);
                _out.Key("start_frame"u8);
                _out.Integer(seq.StartFrame);
                _out.Key("frame_step"u8);
                _out.Integer(seq.FrameStep);
                _out.Key("rate"u8);
                _out.Double(seq.Rate);
                _out.Key("frame_zero_padding"u8);
                _out.Integer(seq.FrameZeroPadding);
                _out.Key("missing_frame_policy"u8);
                _out.String(seq.MissingFramePolicy switch
                {
                    MissingFramePolicy.Hold => "hold"u8,
                    MissingFramePolicy.Black => "black"u8,
                    _ => "error"u8,
                });
                break;
        }
    }

    private void WriteMetadata(OtioDictionary? dict)
    {
        if (dict is null || dict.Count == 0)
        {
            _out.BeginObject();
            _out.EndObject();
            return;
        }
        WriteDictionary(dict);
    }

    private void WriteObjectList<T>(List<T>? list)
        where T : SerializableObject
    {
        Enter();
        _out.BeginArray();
        if (list is not null)
        {
            foreach (var o in list)
            {
                WriteObject(o);
            }
        }
        _out.EndArray();
        _depth--;
    }

    private void WriteOptional(TimeRange? range)
    {
        if (range is { } r)
        {
            WriteTimeRange(r);
        }
        else
        {
            _out.Null();
        }
    }

    private void WriteOptional(Color? color)
    {
        if (color is { } c)
        {
            WriteColor(c);
        }
        else
        {
            _out.Null();
        }
    }

    private void WriteRationalTime(RationalTime t)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("RationalTime.1"u8);
        _out.Key("rate"u8);
        _out.Double(t.Rate);
        _out.Key("value"u8);
        _out.Double(t.Value);
        _out.EndObject();
    }

    private void WriteTimeRange(TimeRange r)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("TimeRange.1"u8);
        _out.Key("duration"u8);
        WriteRationalTime(r.Duration);
        _out.Key("start_time"u8);
        WriteRationalTime(r.StartTime);
        _out.EndObject();
    }

    private void WriteTimeTransform(TimeTransform t)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("TimeTransform.1"u8);
        _out.Key("offset"u8);
        WriteRationalTime(t.Offset);
        _out.Key("rate"u8);
        _out.Double(t.Rate);
        _out.Key("scale"u8);
        _out.Double(t.Scale);
        _out.EndObject();
    }

    private void WriteColor(Color c)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("Color.1"u8);
        _out.Key("r"u8);
        _out.Double(c.R);
        _out.Key("g"u8);
        _out.Double(c.G);
        _out.Key("b"u8);
        _out.Double(c.B);
        _out.Key("a"u8);
        _out.Double(c.A);
        _out.Key("name"u8);
        _out.String(c.Name);
        _out.EndObject();
    }

    private void WriteV2d(V2d v)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("V2d.1"u8);
        _out.Key("x"u8);
        _out.Double(v.X);
        _out.Key("y"u8);
        _out.Double(v.Y);
        _out.EndObject();
    }

    private void WriteBox2d(Box2d b)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String("Box2d.1"u8);
        _out.Key("min"u8);
        WriteV2d(b.Min);
        _out.Key("max"u8);
        WriteV2d(b.Max);
        _out.EndObject();
    }

    /// <summary>
    /// Writes an object below its newest version: its JSON at the newest version becomes a plain dictionary, the
    /// downgrade functions run on it from the newest version down to the target, and the dictionary is written with
    /// every key sorted, as the reference does.
    /// </summary>
    private void WriteDowngraded(SerializableObject o, int version)
    {
        var dict = SchemaDowngrade.ToPlainDictionary(o, _target, _emulateLatest);
        for (var v = o.SchemaVersion; v > version; v--)
        {
            SchemaDowngrade.Apply(o.SchemaName, v, dict, o);
        }
        dict["OTIO_SCHEMA"] = $"{o.SchemaName}.{version}";
        _depth--;
        WriteDictionary(dict);
        _depth++;
    }

    internal static void WritePlain(SerializableObject o, Stream stream, OtioWriteTarget target, bool emulateLatest)
    {
        var w = new OtioJsonWriter(stream, new OtioWriteOptions { Target = target, Indent = 0 })
        {
            _emulateLatest = emulateLatest,
        };
        try
        {
            w.WriteObjectCurrentVersion(o);
            w._out.Flush();
        }
        finally
        {
            w._out.Release();
        }
    }

    private void WriteObjectCurrentVersion(SerializableObject o)
    {
        _out.BeginObject();
        _out.Key("OTIO_SCHEMA"u8);
        _out.String(SchemaString(o, o.SchemaVersion));
        WriteSortedMembers(o.DynamicFieldsOrNull, null, false);
        WriteFields(o, o.SchemaVersion);
        _out.EndObject();
    }
}
