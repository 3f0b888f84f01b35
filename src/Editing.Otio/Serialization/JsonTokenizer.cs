using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Editing.Otio.Serialization;

/// <summary>The kind of the next JSON value.</summary>
internal enum JsonValueKind : byte
{
    None,
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A pull tokenizer for the JSON dialect OTIO's reader (RapidJSON with the NaN/Inf flag) accepts, over a byte buffer
/// that is refilled from a stream, so a 1 GB file is read in constant buffer memory. Positions are absolute byte
/// offsets; line and column are computed only when an error is reported.
/// </summary>
/// <remarks>
/// A caller may <see cref="PushPin"/> a position and later <see cref="Rewind"/> to it (the reader does this for an object
/// whose <c>OTIO_SCHEMA</c> is not its first key); bytes from the pin on are kept in the buffer until
/// <see cref="PopPin"/>.
/// </remarks>
internal sealed class JsonTokenizer
{
    private const int MinRead = 1 << 16;
    private static readonly SearchValues<byte> WhiteSpace = SearchValues.Create(" \n\r\t"u8);

    private readonly Stream? _stream;
    private byte[] _buf;
    private int _pos;
    private int _end;
    private long _bufStart; // absolute offset of _buf[0]
    private bool _eof;
    private long _pin = -1;
    private byte[] _scratch = new byte[256];

    public JsonTokenizer(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buf = ArrayPool<byte>.Shared.Rent(bufferSize);
        _end = 0;
    }

    public JsonTokenizer(byte[] bytes, int length)
    {
        _stream = null;
        _buf = bytes;
        _end = length;
        _eof = true;
    }

    /// <summary>The absolute offset of the next unread byte.</summary>
    public long Position => _bufStart + _pos;

    public void ReturnBuffers()
    {
        if (_stream is not null)
        {
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = [];
        }
    }

    /// <summary>Skips a UTF-8 byte-order mark at the very start, as the reference's file reader tolerates one.</summary>
    public void SkipBom()
    {
        if (Ensure(3) && _buf[_pos] == 0xEF && _buf[_pos + 1] == 0xBB && _buf[_pos + 2] == 0xBF)
        {
            _pos += 3;
        }
    }

    /// <summary>Keeps the bytes from the current position buffered; returns the previous pin for <see cref="PopPin"/>.</summary>
    public long PushPin()
    {
        var old = _pin;
        if (old < 0)
        {
            _pin = Position;
        }
        return old;
    }

    public void PopPin(long previous)
    {
        _pin = previous;
    }

    public void Rewind(long position)
    {
        _pos = checked((int)(position - _bufStart));
    }

    /// <summary>Skips white space and returns the next byte without consuming it, or -1 at the end.</summary>
    public int Peek()
    {
        while (true)
        {
            var span = _buf.AsSpan(_pos, _end - _pos);
            var i = span.IndexOfAnyExcept(WhiteSpace);
            if (i >= 0)
            {
                _pos += i;
                return _buf[_pos];
            }
            _pos = _end;
            if (!Fill(1))
            {
                return -1;
            }
        }
    }

    public JsonValueKind PeekKind()
    {
        return Peek() switch
        {
            '{' => JsonValueKind.Object,
            '[' => JsonValueKind.Array,
            '"' => JsonValueKind.String,
            't' => JsonValueKind.True,
            'f' => JsonValueKind.False,
            'n' => JsonValueKind.Null,
            -1 => JsonValueKind.None,
            _ => JsonValueKind.Number,
        };
    }

    /// <summary>Consumes one byte that must be <paramref name="c"/>.</summary>
    public void Expect(byte c, string what)
    {
        var b = Peek();
        if (b != c)
        {
            throw Error(b < 0 ? $"unexpected end of file, expected {what}" : $"expected {what}, found {Describe(b)}");
        }
        _pos++;
    }

    /// <summary>After a value inside an object: true if a comma follows (and is consumed), false at '}' (consumed).</summary>
    public bool NextMember()
    {
        var b = Peek();
        if (b == ',')
        {
            _pos++;
            return true;
        }
        if (b == '}')
        {
            _pos++;
            return false;
        }
        throw Error(b < 0 ? "unexpected end of file inside an object, expected ',' or '}'" : $"expected ',' or '}}' after an object member, found {Describe(b)}");
    }

    /// <summary>After a value inside an array: true if a comma follows (and is consumed), false at ']' (consumed).</summary>
    public bool NextElement()
    {
        var b = Peek();
        if (b == ',')
        {
            _pos++;
            return true;
        }
        if (b == ']')
        {
            _pos++;
            return false;
        }
        throw Error(b < 0 ? "unexpected end of file inside an array, expected ',' or ']'" : $"expected ',' or ']' after an array element, found {Describe(b)}");
    }

    /// <summary>Right after '{': true if the object is empty (the '}' is consumed).</summary>
    public bool TryEndObject()
    {
        if (Peek() == '}')
        {
            _pos++;
            return true;
        }
        return false;
    }

    /// <summary>Right after '[': true if the array is empty (the ']' is consumed).</summary>
    public bool TryEndArray()
    {
        if (Peek() == ']')
        {
            _pos++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Reads a string token and returns its decoded UTF-8 bytes. The span is valid until the next call on the
    /// tokenizer.
    /// </summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        if (Peek() != '"')
        {
            throw Error($"expected a string, found {Describe(Peek())}");
        }
        var start = _pos + 1 - 0;
        var k = 1; // offset of the scan from _pos
        while (true)
        {
            var span = _buf.AsSpan(_pos + k, _end - _pos - k);
            var i = span.IndexOfAny((byte)'"', (byte)'\\');
            if (i < 0)
            {
                k = _end - _pos;
                if (!Fill(k + 1))
                {
                    throw Error("unexpected end of file inside a string");
                }
                continue;
            }
            k += i;
            start = _pos + 1;
            if (_buf[_pos + k] == '"')
            {
                var raw = new ReadOnlySpan<byte>(_buf, start, _pos + k - start);
                CheckStringBytes(raw, start);
                _pos += k + 1;
                return raw;
            }
            return ReadEscapedString(k);
        }
    }

    /// <summary>Reads a string token as a .NET string.</summary>
    public string ReadString()
    {
        var bytes = ReadStringBytes();
        return bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Consumes <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    public void ReadLiteral(JsonValueKind kind)
    {
        ReadOnlySpan<byte> word = kind switch
        {
            JsonValueKind.True => "true"u8,
            JsonValueKind.False => "false"u8,
            _ => "null"u8,
        };
        Peek();
        if (!Ensure(word.Length) || !_buf.AsSpan(_pos, word.Length).SequenceEqual(word))
        {
            throw Error("invalid value");
        }
        _pos += word.Length;
    }

    /// <summary>
    /// Reads a number the way RapidJSON does without its full-precision flag, so that values (and the doubles they
    /// become) match the reference library bit for bit: integers that fit are <see cref="long"/> (those in
    /// [2^63, 2^64) with the top bit cleared, as OTIO stores them); everything else is a double computed with
    /// RapidJSON's "normal precision" arithmetic (significand accumulated, then one multiply or divide by a power of
    /// ten), which can differ from a correctly rounded parse in the last bits. <c>NaN</c>, <c>Inf</c>,
    /// <c>Infinity</c> and their negations are accepted.
    /// </summary>
    public bool ReadNumber(out long integer, out double real)
    {
        Peek();
        // A number token is short; make sure a generous window is buffered so the scan below never refills.
        var start = _pos;
        var tokenEnd = _pos;
        while (true)
        {
            if (tokenEnd >= _end)
            {
                var k = tokenEnd - _pos;
                if (!Fill(k + 1))
                {
                    break;
                }
                start = _pos;
                tokenEnd = _pos + k;
                continue;
            }
            var c = _buf[tokenEnd];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            {
                tokenEnd++;
                continue;
            }
            break;
        }
        var s = new ReadOnlySpan<byte>(_buf, start, tokenEnd - start);
        var used = NumberParser.Parse(s, out integer, out real, out var isInteger, out var error);
        if (error is not null)
        {
            _pos = start + Math.Max(0, used);
            throw Error(error);
        }
        _pos = start + used;
        return isInteger;
    }

    /// <summary>Skips one value of any kind (used to find <c>OTIO_SCHEMA</c> past other keys). Depth-limited by <paramref name="depth"/>.</summary>
    public void SkipValue(int depth)
    {
        if (depth > JsonLimits.MaxDepth)
        {
            throw Error($"nesting deeper than {JsonLimits.MaxDepth} levels");
        }
        switch (PeekKind())
        {
            case JsonValueKind.Object:
                _pos++;
                if (TryEndObject())
                {
                    return;
                }
                do
                {
                    ReadStringBytes();
                    Expect((byte)':', "':'");
                    SkipValue(depth + 1);
                }
                while (NextMember());
                return;
            case JsonValueKind.Array:
                _pos++;
                if (TryEndArray())
                {
                    return;
                }
                do
                {
                    SkipValue(depth + 1);
                }
                while (NextElement());
                return;
            case JsonValueKind.String:
                ReadStringBytes();
                return;
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                ReadLiteral(PeekKind());
                return;
            case JsonValueKind.None:
                throw Error("unexpected end of file, expected a value");
            default:
                ReadNumber(out _, out _);
                return;
        }
    }

    /// <summary>A parse error at the current position; the reader adds the file, line, column and object path.</summary>
    public JsonSyntaxException Error(string message) => new(message, Position);

    /// <summary>True if only white space remains.</summary>
    public bool AtEnd() => Peek() < 0;

    /// <summary>Computes 1-based line and column (in characters) of an absolute offset, re-reading the input if it was streamed.</summary>
    public static (int Line, int Column) LineColumn(Stream? rewindable, byte[]? bytes, int length, long offset)
    {
        var line = 1;
        var lineStart = 0L;
        var col = 1;
        if (bytes is not null)
        {
            var n = (int)Math.Min(offset, length);
            var span = bytes.AsSpan(0, n);
            var pos = 0;
            int nl;
            while ((nl = span[pos..].IndexOf((byte)'\n')) >= 0)
            {
                line++;
                pos += nl + 1;
            }
            lineStart = pos;
            col = 1 + Encoding.UTF8.GetCharCount(span[pos..]);
            return (line, col);
        }
        if (rewindable is null || !rewindable.CanSeek)
        {
            return (0, 0);
        }
        rewindable.Position = 0;
        var buf = new byte[1 << 16];
        long read = 0;
        var tail = new List<byte>();
        while (read < offset)
        {
            var want = (int)Math.Min(buf.Length, offset - read);
            var got = rewindable.Read(buf, 0, want);
            if (got <= 0)
            {
                break;
            }
            for (var i = 0; i < got; i++)
            {
                if (buf[i] == '\n')
                {
                    line++;
                    lineStart = read + i + 1;
                    tail.Clear();
                }
                else
                {
                    tail.Add(buf[i]);
                }
            }
            read += got;
        }
        _ = lineStart;
        col = 1 + Encoding.UTF8.GetCharCount(tail.ToArray());
        return (line, col);
    }

    private static string Describe(int b) => b switch
    {
        < 0 => "the end of the file",
        >= 0x20 and < 0x7F => $"'{(char)b}'",
        _ => $"byte 0x{b:X2}",
    };

    private void CheckStringBytes(ReadOnlySpan<byte> raw, int start)
    {
        // The reference reads raw control characters inside strings (OTIO's own SRT sample has raw newlines) but not
        // NUL. Invalid UTF-8 is refused with a clear error: a .NET string cannot carry it losslessly.
        var bad = raw.IndexOf((byte)0);
        if (bad >= 0)
        {
            _pos = start + bad;
            throw Error("NUL character in a string");
        }
        if (raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && !Utf8.IsValid(raw))
        {
            var ok = 0;
            while (ok < raw.Length)
            {
                var status = System.Text.Rune.DecodeFromUtf8(raw[ok..], out _, out var consumed);
                if (status != OperationStatus.Done)
                {
                    break;
                }
                ok += consumed;
            }
            _pos = start + ok;
            throw Error("invalid UTF-8 in a string");
        }
    }

    private ReadOnlySpan<byte> ReadEscapedString(int k)
    {
        // Slow path: decode escapes into the scratch buffer. k is the offset of the first backslash from _pos.
        var outLen = 0;
        var i = 1; // offset from _pos, skipping the opening quote
        while (true)
        {
            if (_pos + i >= _end)
            {
                if (!Fill(i + 1))
                {
                    throw Error("unexpected end of file inside a string");
                }
                continue;
            }
            var c = _buf[_pos + i];
            if (c == '"')
            {
                var result = new ReadOnlySpan<byte>(_scratch, 0, outLen);
                var save = _pos;
                CheckStringBytes(result, _pos + 1);
                _pos = save + i + 1;
                return result;
            }
            if (c == '\\')
            {
                if (!Ensure(i + 2))
                {
                    throw Error("unexpected end of file inside a string");
                }
                var e = _buf[_pos + i + 1];
                i += 2;
                switch (e)
                {
                    case (byte)'"': Put((byte)'"', ref outLen); break;
                    case (byte)'\\': Put((byte)'\\', ref outLen); break;
                    case (byte)'/': Put((byte)'/', ref outLen); break;
                    case (byte)'b': Put(8, ref outLen); break;
                    case (byte)'f': Put(12, ref outLen); break;
                    case (byte)'n': Put(10, ref outLen); break;
                    case (byte)'r': Put(13, ref outLen); break;
                    case (byte)'t': Put(9, ref outLen); break;
                    case (byte)'u':
                        var cp = ReadHex4(ref i);
                        if (cp >= 0xD800 && cp <= 0xDBFF)
                        {
                            if (!Ensure(i + 2) || _buf[_pos + i] != '\\' || _buf[_pos + i + 1] != 'u')
                            {
                                throw ErrorAt(i, "a high surrogate escape must be followed by a low surrogate escape");
                            }
                            i += 2;
                            var lo = ReadHex4(ref i);
                            if (lo < 0xDC00 || lo > 0xDFFF)
                            {
                                throw ErrorAt(i, "invalid low surrogate in a \\u escape");
                            }
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        }
                        else if (cp >= 0xDC00 && cp <= 0xDFFF)
                        {
                            throw ErrorAt(i, "unpaired low surrogate in a \\u escape");
                        }
                        PutRune(cp, ref outLen);
                        break;
                    default:
                        throw ErrorAt(i - 1, "invalid escape in a string");
                }
                continue;
            }
            Put(c, ref outLen);
            i++;
        }
    }

    private int ReadHex4(ref int i)
    {
        if (!Ensure(i + 4))
        {
            throw Error("unexpected end of file in a \\u escape");
        }
        var v = 0;
        for (var j = 0; j < 4; j++)
        {
            var c = _buf[_pos + i + j];
            int d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                throw ErrorAt(i + j, "invalid \\u escape in a string");
            }
            v = (v << 4) | d;
        }
        i += 4;
        return v;
    }

    private JsonSyntaxException ErrorAt(int offsetFromPos, string message) => new(message, Position + offsetFromPos);

    private void PutRune(int codePoint, ref int len)
    {
        Span<byte> enc = stackalloc byte[4];
        var n = new Rune(codePoint).EncodeToUtf8(enc);
        for (var j = 0; j < n; j++)
        {
            Put(enc[j], ref len);
        }
    }

    private void Put(byte b, ref int len)
    {
        if (len == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }
        _scratch[len++] = b;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from _pos; false at the end of input.</summary>
    private bool Ensure(int count) => _end - _pos >= count || Fill(count);

    /// <summary>
    /// Reads more input so that at least <paramref name="count"/> bytes are available from _pos. Bytes before _pos (or
    /// before the pin) are discarded; the data from _pos on keeps its content but may move, so callers hold offsets
    /// relative to _pos, never absolute indices into the buffer.
    /// </summary>
    private bool Fill(int count)
    {
        if (_end - _pos >= count)
        {
            return true;
        }
        if (_eof || _stream is null)
        {
            return false;
        }
        var keepFrom = _pin >= 0 ? (int)Math.Min(_pin - _bufStart, _pos) : _pos;
        var live = _end - keepFrom;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buf, keepFrom, _buf, 0, live);
            _bufStart += keepFrom;
            _pos -= keepFrom;
            _end = live;
        }
        var needed = (_pos + count) - _end;
        if (_buf.Length - _end < Math.Max(needed, MinRead))
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buf.Length * 2, _end + Math.Max(needed, MinRead)));
            Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        while (_end - _pos < count)
        {
            var got = _stream.Read(_buf, _end, _buf.Length - _end);
            if (got <= 0)
            {
                _eof = true;
                return false;
            }
            _end += got;
        }
        return true;
    }
}
