using System.Globalization;
using System.Runtime.CompilerServices;
using Editing.Otio.OpenTime;
using Editing.Otio.Schema;

namespace Editing.Otio.Serialization;

/// <summary>
/// Reads OTIO JSON straight into the schema model in one pass (no intermediate document), applying the reference
/// library's rules: objects are typed by <c>OTIO_SCHEMA</c> wherever they appear, unknown keys become dynamic fields,
/// older schema versions are upgraded (Clip 1→2, Marker 1→2→3), duplicate keys keep the first value, and any error
/// aborts the whole read with the object path of the problem.
/// </summary>
internal sealed partial class OtioJsonReader
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private readonly JsonTokenizer _t;
    private readonly KeyCache _keys = new();
    private readonly bool _plain;
    private PathSegment[] _path = new PathSegment[32];
    private int _pathLength;
    private Dictionary<string, SerializableObject>? _refs;

    /// <param name="tokenizer">The input.</param>
    /// <param name="plainDictionaries">Keep every object as a plain dictionary (used to apply downgrade functions).</param>
    public OtioJsonReader(JsonTokenizer tokenizer, bool plainDictionaries = false)
    {
        _t = tokenizer;
        _plain = plainDictionaries;
    }

    /// <summary>Set when the input used a schema version newer than the OTIO 0.18 family writes (e.g. <c>Marker.3</c>).</summary>
    public bool SawNewerThanRelease018 { get; private set; }

    private struct PathSegment
    {
        public string? Key;
        public int Index;
    }

    /// <summary>Reads the single root value; it must be a schema object.</summary>
    public SerializableObject ReadRoot()
    {
        _t.SkipBom();
        if (_t.PeekKind() == JsonValueKind.None)
        {
            throw new JsonSyntaxException("the file is empty (no JSON value)", _t.Position);
        }
        var start = _t.Position;
        var root = ReadValue(0);
        if (!_t.AtEnd())
        {
            throw new JsonSyntaxException("unexpected content after the root value", _t.Position);
        }
        if (root is not SerializableObject so)
        {
            throw Fail(OtioErrorKind.TypeMismatch, $"the root is {Describe(root)}, not a schema object", start);
        }
        return so;
    }

    /// <summary>Reads any value (used for plain-dictionary conversion).</summary>
    public object? ReadAny() => ReadValue(0);

    /// <summary>The object path at the point of failure, e.g. <c>tracks.children[2].source_range</c>.</summary>
    public string CurrentPath()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < _pathLength; i++)
        {
            var seg = _path[i];
            if (seg.Key is not null)
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }
                sb.Append(seg.Key);
            }
            else
            {
                sb.Append('[').Append(seg.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }
        return sb.ToString();
    }

    internal sealed class ReadFailure : Exception
    {
        public ReadFailure(OtioErrorKind kind, string message, long offset)
            : base(message)
        {
            Kind = kind;
            Offset = offset;
        }

        public OtioErrorKind Kind { get; }

        public long Offset { get; }
    }

    private ReadFailure Fail(OtioErrorKind kind, string message, long offset) => new(kind, message, offset);

    private void PushKey(string key)
    {
        if (_pathLength == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }
        _path[_pathLength++] = new PathSegment { Key = key };
    }

    private void PushIndex(int index)
    {
        if (_pathLength == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }
        _path[_pathLength++] = new PathSegment { Index = index };
    }

    private void SetIndex(int index) => _path[_pathLength - 1].Index = index;

    private void Pop() => _pathLength--;

    private object? ReadValue(int depth)
    {
        if (depth > JsonLimits.MaxDepth)
        {
            throw new JsonSyntaxException($"nesting deeper than {JsonLimits.MaxDepth} levels", _t.Position);
        }
        if ((depth & 31) == 31 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonSyntaxException("nesting too deep for the available stack", _t.Position);
        }
        switch (_t.PeekKind())
        {
            case JsonValueKind.Object:
                return ReadObject(depth);
            case JsonValueKind.Array:
                return ReadArray(depth);
            case JsonValueKind.String:
                return _t.ReadString();
            case JsonValueKind.True:
                _t.ReadLiteral(JsonValueKind.True);
                return BoxedTrue;
            case JsonValueKind.False:
                _t.ReadLiteral(JsonValueKind.False);
                return BoxedFalse;
            case JsonValueKind.Null:
                _t.ReadLiteral(JsonValueKind.Null);
                return null;
            case JsonValueKind.None:
                throw new JsonSyntaxException("unexpected end of file, expected a value", _t.Position);
            default:
                return _t.ReadNumber(out var l, out var d) ? l : (object)d;
        }
    }

    private OtioList ReadArray(int depth)
    {
        _t.Expect((byte)'[', "'['");
        var list = new OtioList();
        if (_t.TryEndArray())
        {
            return list;
        }
        PushIndex(0);
        var i = 0;
        do
        {
            SetIndex(i++);
            list.Add(ReadValue(depth + 1));
        }
        while (_t.NextElement());
        Pop();
        return list;
    }

    private object ReadObject(int depth)
    {
        var start = _t.Position;
        var oldPin = _t.PushPin();
        _t.Expect((byte)'{', "'{'");
        if (_t.TryEndObject())
        {
            _t.PopPin(oldPin);
            return new OtioDictionary();
        }
        var keyBytes = _t.ReadStringBytes();
        if (!_plain && keyBytes.SequenceEqual("OTIO_SCHEMA"u8))
        {
            _t.PopPin(oldPin);
            _t.Expect((byte)':', "':'");
            var schema = ReadSchemaString();
            return ReadSchemaBody(schema, start, depth, firstMemberRead: true);
        }

        // A plain dictionary, unless OTIO_SCHEMA turns up later: then go back and read it as a schema object.
        var dict = new OtioDictionary();
        var key = _keys.Get(keyBytes);
        while (true)
        {
            _t.Expect((byte)':', "':'");
            if (!_plain && ReferenceEquals(key, "OTIO_SCHEMA") || (!_plain && key == "OTIO_SCHEMA"))
            {
                var schema = ReadSchemaString();
                _t.Rewind(start + 1);
                _t.PopPin(oldPin);
                return ReadSchemaBody(schema, start, depth, firstMemberRead: false);
            }
            PushKey(key);
            var v = ReadValue(depth + 1);
            Pop();
            dict.TryAdd(key, v);
            if (!_t.NextMember())
            {
                break;
            }
            key = _keys.Get(_t.ReadStringBytes());
        }
        _t.PopPin(oldPin);
        return dict;
    }

    private string ReadSchemaString()
    {
        var at = _t.Position;
        if (_t.PeekKind() != JsonValueKind.String)
        {
            PushKey("OTIO_SCHEMA");
            throw Fail(OtioErrorKind.TypeMismatch, "OTIO_SCHEMA must be a string", at);
        }
        return _keys.Get(_t.ReadStringBytes());
    }

    /// <summary>Splits <c>Name.version</c> the way the reference does: the name is before the last dot, the version is read like C's stoi.</summary>
    private (string Name, int Version) ParseSchema(string schema, long at)
    {
        var dot = schema.LastIndexOf('.');
        if (dot >= 0)
        {
            var s = schema.AsSpan(dot + 1).TrimStart();
            var p = 0;
            var neg = false;
            if (p < s.Length && (s[p] == '+' || s[p] == '-'))
            {
                neg = s[p] == '-';
                p++;
            }
            var digits = 0;
            long v = 0;
            while (p < s.Length && s[p] >= '0' && s[p] <= '9')
            {
                v = Math.Min(v * 10 + (s[p] - '0'), int.MaxValue + 1L);
                p++;
                digits++;
            }
            if (digits > 0 && v <= int.MaxValue)
            {
                return (schema[..dot], (int)(neg ? -v : v));
            }
        }
        throw Fail(OtioErrorKind.MalformedSchema, $"'{schema}' is not a schema string of the form Name.version", at);
    }
}
