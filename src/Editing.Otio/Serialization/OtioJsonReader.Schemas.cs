using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Serialization;

internal sealed partial class OtioJsonReader
{
    private static ulong Bit(FieldName f) => 1UL << (int)f;

    /// <summary>
    /// Reads the members of a schema object. With <paramref name="firstMemberRead"/> the tokenizer is just past the
    /// <c>OTIO_SCHEMA</c> value; otherwise it is just past the '{' and any <c>OTIO_SCHEMA</c> member is skipped.
    /// </summary>
    private object ReadSchemaBody(string schema, long start, int depth, bool firstMemberRead)
    {
        var (rawName, version) = ParseSchema(schema, start);
        var name = rawName switch
        {
            "Filler" => "Gap",
            "Sequence" => "Track",
            "SerializeableCollection" => "SerializableCollection",
            _ => rawName,
        };
        switch (name)
        {
            case "RationalTime":
            case "TimeRange":
            case "TimeTransform":
            case "Color":
            case "V2d":
            case "Box2d":
                return ReadValueTypeBody(name, start, depth, firstMemberRead);
            case "SerializableObjectRef":
                return ReadReference(start, depth, firstMemberRead);
        }
        var obj = Create(name, version, start);
        if (obj is UnknownSchema unknown)
        {
            ReadUnknownBody(unknown, depth, firstMemberRead);
            return unknown;
        }
        var current = obj.SchemaVersion;
        if (version > current)
        {
            throw Fail(OtioErrorKind.SchemaVersionUnsupported, $"schema {schema} is newer than this library reads ({name}.{current})", start);
        }
        if (name == "Marker" && version >= 3)
        {
            SawNewerThanRelease018 = true;
        }

        ulong seen = 0;
        string? refId = null;
        var more = !firstMemberRead || _t.NextMember();
        while (more)
        {
            var keyBytes = _t.ReadStringBytes();
            var field = FieldNames.Match(keyBytes);
            var key = field == FieldName.Unknown ? _keys.Get(keyBytes) : null;
            _t.Expect((byte)':', "':'");
            if (field == FieldName.OtioSchema)
            {
                _t.SkipValue(depth + 1);
            }
            else if (field == FieldName.OtioRefId)
            {
                var v = ReadValue(depth + 1);
                refId ??= v as string;
            }
            else if (field == FieldName.Unknown || !ReadField(obj, version, field, depth + 1, ref seen))
            {
                key ??= FieldNames.ToName(field);
                PushKey(key);
                var v = ReadValue(depth + 1);
                Pop();
                obj.DynamicFields.TryAdd(key, v);
            }
            more = _t.NextMember();
        }
        Finish(obj, version, seen, start);
        if (refId is not null)
        {
            (_refs ??= new Dictionary<string, SerializableObject>(StringComparer.Ordinal))[refId] = obj;
        }
        return obj;
    }

    private SerializableObject Create(string name, int version, long at) => name switch
    {
        "Clip" => new Clip(forReading: true),
        "Gap" => new Gap(),
        "Track" => new Track(),
        "Stack" => new Stack(),
        "Timeline" => new Timeline(forReading: true),
        "Transition" => new Transition(),
        "Effect" => new Effect(),
        "TimeEffect" => new TimeEffect(),
        "LinearTimeWarp" => new LinearTimeWarp(),
        "FreezeFrame" => new FreezeFrame(),
        "Marker" => new Marker(),
        "ExternalReference" => new ExternalReference(),
        "MissingReference" => new MissingReference(),
        "GeneratorReference" => new GeneratorReference(),
        "ImageSequenceReference" => new ImageSequenceReference(),
        "SerializableCollection" => new SerializableCollection(),
        "MediaReference" => new MediaReference(),
        "Composition" => new Composition(),
        "Item" => new Item(),
        "Composable" => new Composable(),
        "SerializableObjectWithMetadata" => new SerializableObjectWithMetadata(),
        "SerializableObject" => new SerializableObject(),
        "UnknownSchema" => new UnknownSchema("UnknownSchema", version),
        _ => new UnknownSchema(name, version),
    };

    /// <summary>Reads one defined field into <paramref name="o"/>; false when the key is not a field of this schema (it is then kept as a dynamic field).</summary>
    private bool ReadField(SerializableObject o, int version, FieldName f, int depth, ref ulong seen)
    {
        if (!IsField(o, version, f))
        {
            return false;
        }
        var bit = Bit(f);
        if ((seen & bit) != 0)
        {
            // Duplicate key: the first one wins, as in the reference.
            _t.SkipValue(depth);
            return true;
        }
        seen |= bit;
        PushKey(FieldNames.ToName(f));
        _t.Peek();
        var at = _t.Position;
        switch (f)
        {
            case FieldName.Metadata:
                ((SerializableObjectWithMetadata)o).Metadata = ReadDictionary(depth, at);
                break;
            case FieldName.Name:
                ((SerializableObjectWithMetadata)o).Name = ReadStringOrNull(at);
                break;
            case FieldName.SourceRange:
                ((Item)o).SourceRange = ReadOptional<TimeRange>(depth, at, "a TimeRange");
                break;
            case FieldName.Effects:
                ReadObjectList(((Item)o).Effects, depth, at, "an Effect");
                break;
            case FieldName.Markers:
                ReadObjectList(((Item)o).Markers, depth, at, "a Marker");
                break;
            case FieldName.Enabled:
                var enabled = ReadBool(at);
                switch (o)
                {
                    case Item item: item.Enabled = enabled; break;
                    case Effect effect: effect.Enabled = enabled; break;
                    case Transition transition: transition.Enabled = enabled; break;
                }
                break;
            case FieldName.Color when o is Item item:
                item.Color = ReadOptional<Color>(depth, at, "a Color");
                break;
            case FieldName.Color:
                var marker = (Marker)o;
                if (version >= 3)
                {
                    marker.Color = ReadOptional<Color>(depth, at, "a Color");
                }
                else
                {
                    // Marker.1/.2 colour is a string; a null string reads as "" in the reference.
                    marker.SetColorFromLegacy(ReadStringOrNull(at));
                }
                break;
            case FieldName.Children when o is Composition composition:
                ReadChildren(composition, depth, at);
                break;
            case FieldName.Children:
                ReadObjectList(((SerializableCollection)o).Children, depth, at, "a schema object");
                break;
            case FieldName.Kind:
                ((Track)o).Kind = ReadStringOrNull(at);
                break;
            case FieldName.MediaReferences:
                ReadMediaReferences((Clip)o, depth, at);
                break;
            case FieldName.ActiveMediaReferenceKey:
                ((Clip)o).SetActiveKeyUnchecked(ReadStringOrNull(at));
                break;
            case FieldName.MediaReference:
                // Clip.1: the upgrade to Clip.2 stores this under DEFAULT_MEDIA; anything but a media reference
                // (null, say) becomes a MissingReference.
                // A schema object that is not a media reference (an unknown ImageReference.1, say) is refused as the
                // reference does when it builds the upgraded media_references.
                var old = ReadValue(depth);
                var mr = old switch
                {
                    MediaReference r => r,
                    SerializableObject other => throw Fail(OtioErrorKind.TypeMismatch, $"expected a media reference, found {Describe(other)}", at),
                    _ => new MissingReference(),
                };
                ((Clip)o).MediaReferencesForReading[Clip.DefaultMediaKey] = mr;
                break;
            case FieldName.GlobalStartTime:
                ((Timeline)o).GlobalStartTime = ReadOptional<RationalTime>(depth, at, "a RationalTime");
                break;
            case FieldName.Tracks:
                var tracks = ReadValue(depth);
                ((Timeline)o).Tracks = tracks switch
                {
                    null => null,
                    Stack s => s,
                    _ => throw Fail(OtioErrorKind.TypeMismatch, $"expected a Stack, found {Describe(tracks)}", at),
                };
                break;
            case FieldName.InOffset:
                ((Transition)o).InOffset = ReadRequired<RationalTime>(depth, at, "a RationalTime");
                break;
            case FieldName.OutOffset:
                ((Transition)o).OutOffset = ReadRequired<RationalTime>(depth, at, "a RationalTime");
                break;
            case FieldName.TransitionType:
                ((Transition)o).TransitionType = ReadStringOrNull(at);
                break;
            case FieldName.EffectName:
                ((Effect)o).EffectName = ReadStringOrNull(at);
                break;
            case FieldName.TimeScalar:
                ((LinearTimeWarp)o).TimeScalar = ReadDouble(at);
                break;
            case FieldName.MarkedRange:
            case FieldName.Range:
                ((Marker)o).MarkedRange = ReadRequired<TimeRange>(depth, at, "a TimeRange");
                break;
            case FieldName.Comment:
                ((Marker)o).Comment = ReadStringOrNull(at);
                break;
            case FieldName.AvailableRange:
                ((MediaReference)o).AvailableRange = ReadOptional<TimeRange>(depth, at, "a TimeRange");
                break;
            case FieldName.AvailableImageBounds:
                ((MediaReference)o).AvailableImageBounds = ReadOptional<Box2d>(depth, at, "a Box2d");
                break;
            case FieldName.TargetUrl:
                ((ExternalReference)o).TargetUrl = ReadStringOrNull(at);
                break;
            case FieldName.GeneratorKind:
                ((GeneratorReference)o).GeneratorKind = ReadStringOrNull(at);
                break;
            case FieldName.Parameters:
                ((GeneratorReference)o).Parameters = ReadDictionary(depth, at);
                break;
            case FieldName.TargetUrlBase:
                ((ImageSequenceReference)o).TargetUrlBase = ReadStringOrNull(at);
                break;
            case FieldName.NamePrefix:
                ((ImageSequenceReference)o).NamePrefix = ReadStringOrNull(at);
                break;
            case FieldName.NameSuffix:
                ((ImageSequenceReference)o).NameSuffix = ReadStringOrNull(at);
                break;
            case FieldName.StartFrame:
                ((ImageSequenceReference)o).StartFrame = ReadInteger(at);
                break;
            case FieldName.FrameStep:
                ((ImageSequenceReference)o).FrameStep = ReadInteger(at);
                break;
            case FieldName.FrameZeroPadding:
                ((ImageSequenceReference)o).FrameZeroPadding = ReadInteger(at);
                break;
            case FieldName.Rate:
                ((ImageSequenceReference)o).Rate = ReadDouble(at);
                break;
            case FieldName.MissingFramePolicy:
                var policy = ReadStringOrNull(at);
                ((ImageSequenceReference)o).MissingFramePolicy = policy switch
                {
                    "error" => MissingFramePolicy.Error,
                    "hold" => MissingFramePolicy.Hold,
                    "black" => MissingFramePolicy.Black,
                    _ => throw Fail(OtioErrorKind.TypeMismatch, $"unknown missing_frame_policy '{policy}' (expected error, hold or black)", at),
                };
                break;
            default:
                throw new InvalidOperationException($"field {f} is not handled");
        }
        Pop();
        return true;
    }

    /// <summary>Which keys each schema (and version) defines; everything else is a dynamic field.</summary>
    private static bool IsField(SerializableObject o, int version, FieldName f)
    {
        switch (f)
        {
            case FieldName.Metadata:
            case FieldName.Name:
                return o is SerializableObjectWithMetadata;
            case FieldName.SourceRange:
            case FieldName.Effects:
            case FieldName.Markers:
                return o is Item;
            case FieldName.Enabled:
                return o is Item or Effect or Transition;
            case FieldName.Color:
                return o is Item or Marker;
            case FieldName.Children:
                return o is Composition or SerializableCollection;
            case FieldName.Kind:
                return o is Track;
            case FieldName.MediaReferences:
            case FieldName.ActiveMediaReferenceKey:
                return o is Clip && version >= 2;
            case FieldName.MediaReference:
                return o is Clip && version < 2;
            case FieldName.GlobalStartTime:
            case FieldName.Tracks:
                return o is Timeline;
            case FieldName.InOffset:
            case FieldName.OutOffset:
            case FieldName.TransitionType:
                return o is Transition;
            case FieldName.EffectName:
                return o is Effect;
            case FieldName.TimeScalar:
                return o is LinearTimeWarp;
            case FieldName.MarkedRange:
                return o is Marker && version >= 2;
            case FieldName.Range:
                return o is Marker && version < 2;
            case FieldName.Comment:
                return o is Marker;
            case FieldName.AvailableRange:
            case FieldName.AvailableImageBounds:
                return o is MediaReference;
            case FieldName.TargetUrl:
                return o is ExternalReference;
            case FieldName.GeneratorKind:
            case FieldName.Parameters:
                return o is GeneratorReference;
            case FieldName.TargetUrlBase:
            case FieldName.NamePrefix:
            case FieldName.NameSuffix:
            case FieldName.StartFrame:
            case FieldName.FrameStep:
            case FieldName.Rate:
            case FieldName.FrameZeroPadding:
            case FieldName.MissingFramePolicy:
                return o is ImageSequenceReference;
            default:
                return false;
        }
    }

    /// <summary>Checks required keys and applies the defaults the reference gives absent ones.</summary>
    private void Finish(SerializableObject o, int version, ulong seen, long at)
    {
        void Require(FieldName f)
        {
            if ((seen & Bit(f)) == 0)
            {
                throw Fail(OtioErrorKind.KeyNotFound, $"{o.SchemaName}.{version} has no '{FieldNames.ToName(f)}'", at);
            }
        }

        switch (o)
        {
            case Track:
                Require(FieldName.Children);
                Require(FieldName.Kind);
                break;
            case Composition:
                Require(FieldName.Children);
                break;
            case Clip clip:
                if (version >= 2)
                {
                    Require(FieldName.MediaReferences);
                    Require(FieldName.ActiveMediaReferenceKey);
                }
                else
                {
                    if ((seen & Bit(FieldName.MediaReference)) == 0)
                    {
                        clip.MediaReferencesForReading[Clip.DefaultMediaKey] = new MissingReference();
                    }
                    clip.SetActiveKeyUnchecked(Clip.DefaultMediaKey);
                }
                break;
            case Gap gap:
                if ((seen & Bit(FieldName.SourceRange)) == 0)
                {
                    // A gap without the key gets TimeRange() (0@1, 0@1), not null, and writes it.
                    gap.SourceRange = default(TimeRange);
                }
                break;
            case Timeline:
                Require(FieldName.Tracks);
                break;
            case Transition:
                Require(FieldName.InOffset);
                Require(FieldName.OutOffset);
                Require(FieldName.TransitionType);
                break;
            case LinearTimeWarp:
                Require(FieldName.EffectName);
                Require(FieldName.TimeScalar);
                break;
            case Effect:
                Require(FieldName.EffectName);
                break;
            case Marker:
                Require(version >= 2 ? FieldName.MarkedRange : FieldName.Range);
                break;
            case ExternalReference:
                Require(FieldName.TargetUrl);
                break;
            case GeneratorReference:
                Require(FieldName.GeneratorKind);
                Require(FieldName.Parameters);
                break;
            case ImageSequenceReference:
                Require(FieldName.TargetUrlBase);
                Require(FieldName.NamePrefix);
                Require(FieldName.NameSuffix);
                Require(FieldName.StartFrame);
                Require(FieldName.FrameStep);
                Require(FieldName.Rate);
                Require(FieldName.FrameZeroPadding);
                Require(FieldName.MissingFramePolicy);
                break;
            case SerializableCollection:
                Require(FieldName.Children);
                break;
        }
    }

    private void ReadUnknownBody(UnknownSchema unknown, int depth, bool firstMemberRead)
    {
        var more = !firstMemberRead || _t.NextMember();
        string? refId = null;
        while (more)
        {
            var key = _keys.Get(_t.ReadStringBytes());
            _t.Expect((byte)':', "':'");
            if (key == "OTIO_SCHEMA")
            {
                _t.SkipValue(depth + 1);
            }
            else if (key == "OTIO_REF_ID")
            {
                refId ??= ReadValue(depth + 1) as string;
            }
            else
            {
                PushKey(key);
                var v = ReadValue(depth + 1);
                Pop();
                unknown.Data.TryAdd(key, v);
            }
            more = _t.NextMember();
        }
        if (refId is not null)
        {
            (_refs ??= new Dictionary<string, SerializableObject>(StringComparer.Ordinal))[refId] = unknown;
        }
    }

    private SerializableObject ReadReference(long start, int depth, bool firstMemberRead)
    {
        string? id = null;
        var more = !firstMemberRead || _t.NextMember();
        while (more)
        {
            var key = _keys.Get(_t.ReadStringBytes());
            _t.Expect((byte)':', "':'");
            var v = ReadValue(depth + 1);
            if (key == "id")
            {
                id ??= v as string;
            }
            more = _t.NextMember();
        }
        if (id is not null && _refs is not null && _refs.TryGetValue(id, out var target))
        {
            return target;
        }
        throw Fail(OtioErrorKind.TypeMismatch, $"unresolved object reference '{id}'", start);
    }

    private object ReadValueTypeBody(string name, long start, int depth, bool firstMemberRead)
    {
        double rate = 0, value = 0, scale = 1, r = 1, g = 1, b = 1, a = 1, x = 0, y = 0;
        RationalTime? startTime = null, duration = null, offset = null;
        V2d? min = null, max = null;
        var colorName = string.Empty;
        ulong seen = 0;
        var more = !firstMemberRead || _t.NextMember();
        while (more)
        {
            var keyBytes = _t.ReadStringBytes();
            var f = FieldNames.Match(keyBytes);
            var key = f == FieldName.Unknown ? _keys.Get(keyBytes) : FieldNames.ToName(f);
            _t.Expect((byte)':', "':'");
            var bit = f == FieldName.Unknown ? 0 : Bit(f);
            if ((seen & bit) != 0 || f is FieldName.Unknown or FieldName.OtioSchema or FieldName.OtioRefId)
            {
                _t.SkipValue(depth + 1);
                more = _t.NextMember();
                continue;
            }
            seen |= bit;
            PushKey(key);
            _t.Peek();
            var at = _t.Position;
            switch (name, f)
            {
                case ("RationalTime", FieldName.Rate): rate = ReadDouble(at); break;
                case ("RationalTime", FieldName.Value): value = ReadDouble(at); break;
                case ("TimeRange", FieldName.StartTime): startTime = ReadRequired<RationalTime>(depth + 1, at, "a RationalTime"); break;
                case ("TimeRange", FieldName.Duration): duration = ReadRequired<RationalTime>(depth + 1, at, "a RationalTime"); break;
                case ("TimeTransform", FieldName.Offset): offset = ReadRequired<RationalTime>(depth + 1, at, "a RationalTime"); break;
                case ("TimeTransform", FieldName.Rate): rate = ReadDouble(at); break;
                case ("TimeTransform", FieldName.Scale): scale = ReadDouble(at); break;
                case ("Color", FieldName.R): r = ReadDouble(at); break;
                case ("Color", FieldName.G): g = ReadDouble(at); break;
                case ("Color", FieldName.B): b = ReadDouble(at); break;
                case ("Color", FieldName.A): a = ReadDouble(at); break;
                case ("Color", FieldName.Name): colorName = ReadStringOrNull(at); break;
                case ("V2d", FieldName.X): x = ReadDouble(at); break;
                case ("V2d", FieldName.Y): y = ReadDouble(at); break;
                case ("Box2d", FieldName.Min): min = ReadRequired<V2d>(depth + 1, at, "a V2d"); break;
                case ("Box2d", FieldName.Max): max = ReadRequired<V2d>(depth + 1, at, "a V2d"); break;
                default: _t.SkipValue(depth + 1); break;
            }
            Pop();
            more = _t.NextMember();
        }

        void Require(FieldName f)
        {
            if ((seen & Bit(f)) == 0)
            {
                throw Fail(OtioErrorKind.KeyNotFound, $"{name}.1 has no '{FieldNames.ToName(f)}'", start);
            }
        }

        switch (name)
        {
            case "RationalTime":
                Require(FieldName.Rate);
                Require(FieldName.Value);
                return new RationalTime(value, rate);
            case "TimeRange":
                Require(FieldName.StartTime);
                Require(FieldName.Duration);
                return new TimeRange(startTime!.Value, duration!.Value);
            case "TimeTransform":
                Require(FieldName.Offset);
                Require(FieldName.Scale);
                Require(FieldName.Rate);
                return new TimeTransform(offset!.Value, scale, rate);
            case "Color":
                return new Color(r, g, b, a, colorName);
            case "V2d":
                Require(FieldName.X);
                Require(FieldName.Y);
                return new V2d(x, y);
            default:
                Require(FieldName.Min);
                Require(FieldName.Max);
                return new Box2d(min!.Value, max!.Value);
        }
    }

    private void ReadChildren(Composition composition, int depth, long at)
    {
        ExpectArray(at);
        _t.Expect((byte)'[', "'['");
        if (_t.TryEndArray())
        {
            return;
        }
        PushIndex(0);
        var i = 0;
        var children = composition.Children;
        do
        {
            SetIndex(i++);
            var elementAt = _t.Position;
            var v = ReadValue(depth + 1);
            if (v is not Composable c)
            {
                throw Fail(OtioErrorKind.TypeMismatch, $"expected a Composable (clip, gap, transition, track or stack), found {Describe(v)}", elementAt);
            }
            if (c.Parent is not null)
            {
                throw Fail(OtioErrorKind.ChildAlreadyParented, $"{c} appears twice in the timeline", elementAt);
            }
            children.Add(c);
        }
        while (_t.NextElement());
        Pop();
    }

    private void ReadObjectList<T>(List<T> target, int depth, long at, string what)
        where T : class
    {
        ExpectArray(at);
        _t.Expect((byte)'[', "'['");
        if (_t.TryEndArray())
        {
            return;
        }
        PushIndex(0);
        var i = 0;
        do
        {
            SetIndex(i++);
            var elementAt = _t.Position;
            var v = ReadValue(depth + 1);
            target.Add(v as T ?? throw Fail(OtioErrorKind.TypeMismatch, $"expected {what}, found {Describe(v)}", elementAt));
        }
        while (_t.NextElement());
        Pop();
    }

    private void ReadMediaReferences(Clip clip, int depth, long at)
    {
        if (_t.PeekKind() != JsonValueKind.Object)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected a dictionary of media references, found {DescribeNext()}", at);
        }
        var v = ReadValue(depth);
        if (v is not OtioDictionary d)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected a dictionary of media references, found {Describe(v)}", at);
        }
        var map = clip.MediaReferencesForReading;
        foreach (var (key, value) in d)
        {
            if (value is not MediaReference mr)
            {
                PushKey(key);
                throw Fail(OtioErrorKind.TypeMismatch, $"expected a media reference, found {Describe(value)}", at);
            }
            map[key] = mr;
        }
    }

    private void ExpectArray(long at)
    {
        if (_t.PeekKind() != JsonValueKind.Array)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected a list, found {DescribeNext()}", at);
        }
    }

    private OtioDictionary ReadDictionary(int depth, long at)
    {
        if (_t.PeekKind() != JsonValueKind.Object)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected a dictionary, found {DescribeNext()}", at);
        }
        var v = ReadValue(depth);
        return v as OtioDictionary ?? throw Fail(OtioErrorKind.TypeMismatch, $"expected a dictionary, found {Describe(v)}", at);
    }

    private T? ReadOptional<T>(int depth, long at, string what)
        where T : struct
    {
        if (_t.PeekKind() == JsonValueKind.Null)
        {
            _t.ReadLiteral(JsonValueKind.Null);
            return null;
        }
        var v = ReadValue(depth);
        return v is T t ? t : throw Fail(OtioErrorKind.TypeMismatch, $"expected {what} or null, found {Describe(v)}", at);
    }

    private T ReadRequired<T>(int depth, long at, string what)
        where T : struct
    {
        var v = ReadValue(depth);
        return v is T t ? t : throw Fail(OtioErrorKind.TypeMismatch, $"expected {what}, found {Describe(v)}", at);
    }

    private string ReadStringOrNull(long at)
    {
        switch (_t.PeekKind())
        {
            case JsonValueKind.String:
                return _t.ReadString();
            case JsonValueKind.Null:
                _t.ReadLiteral(JsonValueKind.Null);
                return string.Empty;
            default:
                throw Fail(OtioErrorKind.TypeMismatch, $"expected a string, found {DescribeNext()}", at);
        }
    }

    private bool ReadBool(long at)
    {
        var kind = _t.PeekKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            _t.ReadLiteral(kind);
            return kind == JsonValueKind.True;
        }
        throw Fail(OtioErrorKind.TypeMismatch, $"expected true or false, found {DescribeNext()}", at);
    }

    private double ReadDouble(long at)
    {
        if (_t.PeekKind() != JsonValueKind.Number)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected a number, found {DescribeNext()}", at);
        }
        return _t.ReadNumber(out var l, out var d) ? l : d;
    }

    private long ReadInteger(long at)
    {
        if (_t.PeekKind() != JsonValueKind.Number)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected an integer, found {DescribeNext()}", at);
        }
        if (!_t.ReadNumber(out var l, out var d))
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"expected an integer, found the number {d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", at);
        }
        return l;
    }

    private string DescribeNext() => _t.PeekKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "the end of the file",
    };

    private static string Describe(object? v) => v switch
    {
        null => "null",
        bool => "a boolean",
        long or double => "a number",
        string => "a string",
        OtioList => "a list",
        OtioDictionary => "a dictionary",
        UnknownSchema u => $"an object of unknown schema {u.OriginalSchema}",
        SerializableObject so => $"a {so.SchemaName}.{so.SchemaVersion}",
        RationalTime => "a RationalTime",
        TimeRange => "a TimeRange",
        TimeTransform => "a TimeTransform",
        Color => "a Color",
        V2d => "a V2d",
        Box2d => "a Box2d",
        _ => v.GetType().Name,
    };
}
