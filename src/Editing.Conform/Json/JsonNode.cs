using System.Globalization;
using System.Text.Json;

namespace Editing.Conform.Json;

/// <summary>
/// A JSON value that remembers where it was in its file (1-based line and column) and its path from the root
/// (<c>jobs[1].search[0]</c>), so that a wrong value in a rules or job file can be named exactly.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(string file, JsonValueKind kind, int line, int column, string path)
    {
        File = file;
        Kind = kind;
        Line = line;
        Column = column;
        Path = path;
    }

    public string File { get; }

    public JsonValueKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The path from the root: empty for the root, else e.g. <c>namePatterns[0].clip</c>.</summary>
    public string Path { get; }

    /// <summary>A string's value, or a number's text as written.</summary>
    public string? Text { get; private init; }

    /// <summary>An object's properties in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Properties { get; private init; } = [];

    /// <summary>An array's items.</summary>
    public IReadOnlyList<JsonNode> Items { get; private init; } = [];

    /// <summary>What the value is, for messages: <c>a string</c>, <c>an object</c>...</summary>
    public string KindText => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>An error at this value: <c>FILE:LINE:COLUMN: at PATH: detail</c>.</summary>
    public ConformInputException Error(string detail) => new(File, Line, Column, Path, detail);

    public string ExpectString()
    {
        if (Kind != JsonValueKind.String)
        {
            throw Error($"expected a string, found {KindText}");
        }
        return Text!;
    }

    public bool ExpectBool() => Kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"expected true or false, found {KindText}"),
    };

    public int ExpectNonNegativeInt()
    {
        if (Kind != JsonValueKind.Number || !int.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"expected a whole number of frames (0 or more), found {(Kind == JsonValueKind.Number ? Text : KindText)}");
        }
        return value;
    }

    public IReadOnlyList<JsonNode> ExpectArray()
    {
        if (Kind != JsonValueKind.Array)
        {
            throw Error($"expected an array, found {KindText}");
        }
        return Items;
    }

    public IReadOnlyList<KeyValuePair<string, JsonNode>> ExpectObject()
    {
        if (Kind != JsonValueKind.Object)
        {
            throw Error($"expected an object, found {KindText}");
        }
        return Properties;
    }

    /// <summary>Reads a whole file. Comments and trailing commas are allowed; duplicate keys are not.</summary>
    /// <exception cref="ConformInputException">The file cannot be read or is not valid JSON (with line and column).</exception>
    public static JsonNode ReadFile(string file)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConformInputException(file, 0, 0, string.Empty, $"cannot read: {e.Message}", e);
        }
        return Parse(file, bytes);
    }

    /// <summary>Parses UTF-8 JSON; <paramref name="file"/> names it in errors.</summary>
    public static JsonNode Parse(string file, ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                throw new ConformInputException(file, 1, 1, string.Empty, "the file is empty; expected a JSON value");
            }
            var root = ReadValue(file, ref reader, lines, utf8, string.Empty);
            if (reader.Read())
            {
                var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
                throw new ConformInputException(file, line, column, string.Empty, "unexpected text after the JSON value");
            }
            return root;
        }
        catch (JsonException e)
        {
            // Utf8JsonReader reports 0-based line and byte-in-line positions.
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new ConformInputException(file, line, column, string.Empty, $"invalid JSON: {StripPosition(e.Message)}", e);
        }
    }

    private static JsonNode ReadValue(string file, ref Utf8JsonReader reader, LineMap lines, ReadOnlySpan<byte> utf8, string path)
    {
        var (line, column) = lines.Position(utf8, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var properties = new List<KeyValuePair<string, JsonNode>>();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString()!;
                        var (keyLine, keyColumn) = lines.Position(utf8, (int)reader.TokenStartIndex);
                        var childPath = path.Length == 0 ? key : $"{path}.{key}";
                        if (!seen.Add(key))
                        {
                            throw new ConformInputException(file, keyLine, keyColumn, childPath, $"the key '{key}' appears twice");
                        }
                        reader.Read();
                        properties.Add(new(key, ReadValue(file, ref reader, lines, utf8, childPath)));
                    }
                    return new JsonNode(file, JsonValueKind.Object, line, column, path) { Properties = properties };
                }
            case JsonTokenType.StartArray:
                {
                    var items = new List<JsonNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(file, ref reader, lines, utf8, $"{path}[{items.Count}]"));
                    }
                    return new JsonNode(file, JsonValueKind.Array, line, column, path) { Items = items };
                }
            case JsonTokenType.String:
                return new JsonNode(file, JsonValueKind.String, line, column, path) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new JsonNode(file, JsonValueKind.Number, line, column, path)
                {
                    Text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
                };
            case JsonTokenType.True:
                return new JsonNode(file, JsonValueKind.True, line, column, path);
            case JsonTokenType.False:
                return new JsonNode(file, JsonValueKind.False, line, column, path);
            default:
                return new JsonNode(file, JsonValueKind.Null, line, column, path);
        }
    }

    private static string StripPosition(string message)
    {
        // System.Text.Json appends " LineNumber: 2 | BytePositionInLine: 7." which the prefix already says.
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    /// <summary>Byte offsets of line starts, to turn a token's offset into a line and a column counted in characters.</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int offset)
        {
            var index = _starts.BinarySearch(offset);
            if (index < 0)
            {
                index = ~index - 1;
            }
            var column = 1;
            for (var i = _starts[index]; i < offset && i < utf8.Length; i++)
            {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }
            return (index + 1, column);
        }
    }
}
