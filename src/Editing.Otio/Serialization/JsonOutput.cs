using System.Buffers;
using System.Text;

namespace Editing.Otio.Serialization;

/// <summary>
/// RapidJSON PrettyWriter's layout over a byte buffer that is flushed to a stream: newline after '{'/'[' and between
/// members, <c>"key": value</c>, empty containers as <c>{}</c>/<c>[]</c>, no trailing newline. Indent 0 writes compact JSON.
/// </summary>
internal sealed class JsonOutput
{
    private const int FlushAt = 1 << 18;
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(BuildEscapeSet());

    private readonly Stream _stream;
    private readonly int _indent;
    private byte[] _buf;
    private int _len;
    private int[] _counts = new int[64];
    private int _depth;

    public JsonOutput(Stream stream, int indent)
    {
        _stream = stream;
        _indent = Math.Max(0, indent);
        _buf = ArrayPool<byte>.Shared.Rent(FlushAt + 4096);
    }

    public void BeginObject()
    {
        Prefix();
        Byte((byte)'{');
        Push(isArray: false);
    }

    public void EndObject()
    {
        End((byte)'}');
    }

    public void BeginArray()
    {
        Prefix();
        Byte((byte)'[');
        Push(isArray: true);
    }

    public void EndArray()
    {
        End((byte)']');
    }

    /// <summary>Writes a key (already known to need no escaping) and the colon.</summary>
    public void Key(ReadOnlySpan<byte> asciiKey)
    {
        Member();
        Ensure(asciiKey.Length + 4);
        _buf[_len++] = (byte)'"';
        asciiKey.CopyTo(_buf.AsSpan(_len));
        _len += asciiKey.Length;
        _buf[_len++] = (byte)'"';
        Colon();
    }

    public void Key(string key)
    {
        Member();
        RawString(key);
        Colon();
    }

    public void String(string value)
    {
        Prefix();
        RawString(value);
    }

    public void String(ReadOnlySpan<byte> ascii)
    {
        Prefix();
        Ensure(ascii.Length + 2);
        _buf[_len++] = (byte)'"';
        ascii.CopyTo(_buf.AsSpan(_len));
        _len += ascii.Length;
        _buf[_len++] = (byte)'"';
    }

    public void Double(double value)
    {
        Prefix();
        Ensure(40);
        _len += Grisu.FormatDouble(value, _buf.AsSpan(_len));
    }

    public void Integer(long value)
    {
        Prefix();
        Ensure(24);
        value.TryFormat(_buf.AsSpan(_len), out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        _len += n;
    }

    public void Bool(bool value)
    {
        Prefix();
        Raw(value ? "true"u8 : "false"u8);
    }

    public void Null()
    {
        Prefix();
        Raw("null"u8);
    }

    public void Flush()
    {
        if (_len > 0)
        {
            _stream.Write(_buf, 0, _len);
            _len = 0;
        }
        _stream.Flush();
    }

    public void Release()
    {
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }

    private void Push(bool isArray)
    {
        if (++_depth == _counts.Length)
        {
            Array.Resize(ref _counts, _counts.Length * 2);
            Array.Resize(ref _inArray, _counts.Length);
        }
        _counts[_depth] = 0;
        _inArray[_depth] = isArray;
    }

    private void End(byte close)
    {
        var hadMembers = _counts[_depth] > 0;
        _depth--;
        if (hadMembers && _indent > 0)
        {
            NewLine();
        }
        Byte(close);
    }

    /// <summary>Before a key in an object.</summary>
    private void Member()
    {
        if (_counts[_depth]++ > 0)
        {
            Byte((byte)',');
        }
        if (_indent > 0)
        {
            NewLine();
        }
    }

    /// <summary>Before a value: in an array it is an element (comma, newline, indent); after a key nothing more is needed.</summary>
    private void Prefix()
    {
        if (_inArray[_depth])
        {
            Member();
        }
    }

    private bool[] _inArray = new bool[64];

    private void Colon()
    {
        Ensure(2);
        _buf[_len++] = (byte)':';
        if (_indent > 0)
        {
            _buf[_len++] = (byte)' ';
        }
    }

    private void NewLine()
    {
        var n = _depth * _indent;
        Ensure(n + 1);
        _buf[_len++] = (byte)'\n';
        _buf.AsSpan(_len, n).Fill((byte)' ');
        _len += n;
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buf[_len++] = b;
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    private void RawString(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        Ensure(max + 2);
        var start = _len;
        _buf[_len++] = (byte)'"';
        var n = Encoding.UTF8.GetBytes(s, _buf.AsSpan(_len));
        var written = _buf.AsSpan(_len, n);
        if (written.IndexOfAny(NeedsEscape) < 0)
        {
            _len += n;
            _buf[_len++] = (byte)'"';
            return;
        }
        // Rare: escape '"', '\' and control bytes. Copy the raw bytes out, then write them escaped.
        var raw = written.ToArray();
        _len = start + 1;
        foreach (var c in raw)
        {
            Ensure(8);
            switch (c)
            {
                case (byte)'"': _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'"'; break;
                case (byte)'\\': _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'\\'; break;
                case 8: _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'b'; break;
                case 9: _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'t'; break;
                case 10: _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'n'; break;
                case 12: _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'f'; break;
                case 13: _buf[_len++] = (byte)'\\'; _buf[_len++] = (byte)'r'; break;
                case < 0x20:
                    _buf[_len++] = (byte)'\\';
                    _buf[_len++] = (byte)'u';
                    _buf[_len++] = (byte)'0';
                    _buf[_len++] = (byte)'0';
                    _buf[_len++] = (byte)"0123456789ABCDEF"[c >> 4];
                    _buf[_len++] = (byte)"0123456789ABCDEF"[c & 15];
                    break;
                default: _buf[_len++] = c; break;
            }
        }
        Ensure(1);
        _buf[_len++] = (byte)'"';
    }

    private void Ensure(int n)
    {
        if (_len + n <= _buf.Length)
        {
            return;
        }
        if (_len > 0)
        {
            _stream.Write(_buf, 0, _len);
            _len = 0;
        }
        if (n > _buf.Length)
        {
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = ArrayPool<byte>.Shared.Rent(n);
        }
    }

    private static byte[] BuildEscapeSet()
    {
        var set = new List<byte> { (byte)'"', (byte)'\\' };
        for (var c = 0; c < 0x20; c++)
        {
            set.Add((byte)c);
        }
        return set.ToArray();
    }
}
