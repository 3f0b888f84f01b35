using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Editing.Sdk.Versioning;

namespace Editing.Host.Plugins;

// Reading plugin.json: JSON syntax first (stops at the first error, with its line and column), then every field
// checked, all problems reported at once, each located at its value (or at the enclosing object when missing).
public sealed partial class PluginManifest
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [GeneratedRegex("^[a-z0-9]+([_-][a-z0-9]+)*(\\.[a-z0-9]+([_-][a-z0-9]+)*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ReverseDnsId();

    /// <summary>True when <paramref name="id"/> is a reverse-DNS id as plugin and tool ids must be: lower-case letters
    /// and digits, optionally joined by '-' or '_', in at least two dot-separated segments (<c>com.studio.relight</c>).</summary>
    public static bool IsValidId(string? id) => id is not null && ReverseDnsId().IsMatch(id);

    private static PluginManifest Parse(byte[] bytes, string path)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = ColumnOf(bytes, line, (int)(e.BytePositionInLine ?? 0));
            throw new PluginManifestException([new(PluginManifestErrorKind.InvalidJson, path, line + 1, column, "", SyntaxMessage(e.Message))]);
        }

        using (document)
        {
            var reader = new FieldReader(path, bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reader.TypeMismatch("$", "an object", root);
                throw new PluginManifestException(reader.Errors);
            }

            var id = reader.RequiredString(root, "id", "the plugin's reverse-DNS id, e.g. \"com.studio.relight\"");
            if (id is not null && !IsValidId(id))
            {
                reader.Invalid("id", $"'{id}' is not a reverse-DNS id (lower-case letters and digits in at least two dot-separated segments, e.g. \"com.studio.relight\")");
                id = null;
            }

            var versionText = reader.RequiredString(root, "version", "the plugin's semantic version, e.g. \"1.0.0\"");
            SemanticVersion? version = null;
            if (versionText is not null && !SemanticVersion.TryParse(versionText, out version))
            {
                reader.Invalid("version", $"'{versionText}' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. \"1.2.0\")");
            }

            var sdkText = reader.RequiredString(root, "sdk", "the SDK versions the plugin was built for, e.g. \"^1.0\"");
            VersionRange? sdk = null;
            if (sdkText is not null && !VersionRange.TryParse(sdkText, out sdk, out var rangeError))
            {
                reader.Invalid("sdk", $"{rangeError} (expected e.g. \"^1.0\" or \">=1.0.0 <2.0.0\")");
            }

            var entry = reader.RequiredString(root, "entry", "the plugin's assembly, relative to the plugin folder, e.g. \"MyPlugin.dll\"");
            if (entry is not null && CheckEntry(entry) is { } entryProblem)
            {
                reader.Invalid("entry", entryProblem);
                entry = null;
            }

            var tools = reader.IdList(root, "tools");
            var providers = reader.IdList(root, "providers");
            if (tools is { Count: 0 } && providers is { Count: 0 })
            {
                reader.Invalid("$", "the plugin declares no tools and no providers (list their ids in \"tools\" or \"providers\")");
            }

            var runtime = PluginRuntime.Process;
            if (reader.OptionalString(root, "runtime") is { } runtimeText)
            {
                switch (runtimeText)
                {
                    case "process":
                        break;
                    case "inproc":
                        runtime = PluginRuntime.InProcess;
                        break;
                    default:
                        reader.Invalid("runtime", $"unknown runtime '{runtimeText}' (expected \"process\" or \"inproc\")");
                        break;
                }
            }

            var displayName = reader.OptionalString(root, "displayName");
            var description = reader.OptionalString(root, "description") ?? "";
            var timeouts = reader.Timeouts(root);
            var secretEnvironment = reader.SecretEnvironment(root);

            if (reader.Errors.Count > 0)
            {
                throw new PluginManifestException(reader.Errors);
            }

            return new PluginManifest(path, id!, version!, sdk!, entry!, tools!, providers!, runtime,
                string.IsNullOrWhiteSpace(displayName) ? id! : displayName, description, timeouts, secretEnvironment);
        }
    }

    private static string? CheckEntry(string entry)
    {
        if (entry.Trim().Length == 0)
        {
            return "the entry is empty (expected the plugin's assembly file, e.g. \"MyPlugin.dll\")";
        }

        if (Path.IsPathRooted(entry))
        {
            return $"'{entry}' must be relative to the plugin folder (e.g. \"MyPlugin.dll\")";
        }

        var parts = entry.Split('/', '\\');
        return parts.Contains("..") ? $"'{entry}' points outside the plugin folder" : null;
    }

    /// <summary>System.Text.Json's message without its own " LineNumber: ..." suffix (the location is ours).</summary>
    private static string SyntaxMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return text.Length == 0 ? "not valid JSON" : text;
    }

    /// <summary>1-based column in characters of byte <paramref name="byteInLine"/> of 0-based line <paramref name="line"/>.</summary>
    private static int ColumnOf(byte[] bytes, int line, int byteInLine)
    {
        var start = 0;
        for (var i = 0; i < line && start < bytes.Length; i++)
        {
            var next = Array.IndexOf(bytes, (byte)'\n', start);
            if (next < 0)
            {
                break;
            }

            start = next + 1;
        }

        var length = Math.Clamp(byteInLine, 0, bytes.Length - start);
        return Encoding.UTF8.GetCharCount(bytes, start, length) + 1;
    }

    /// <summary>Reads fields and collects located errors.</summary>
    private sealed class FieldReader
    {
        private readonly string _path;
        private readonly byte[] _bytes;
        private Dictionary<string, int>? _positions;

        public FieldReader(string path, byte[] bytes)
        {
            _path = path;
            _bytes = bytes;
        }

        public List<PluginManifestError> Errors { get; } = [];

        public string? RequiredString(JsonElement obj, string name, string what)
        {
            if (!obj.TryGetProperty(name, out var value))
            {
                Add(PluginManifestErrorKind.MissingField, name, "$", $"missing required field '{name}' ({what})");
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                TypeMismatch(name, "a string", value);
                return null;
            }

            return value.GetString();
        }

        public string? OptionalString(JsonElement obj, string name)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                TypeMismatch(name, "a string", value);
                return null;
            }

            return value.GetString();
        }

        /// <summary>An optional array of unique ids; empty when absent, null when unusable.</summary>
        public List<string>? IdList(JsonElement obj, string name)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                TypeMismatch(name, "an array of ids", value);
                return null;
            }

            var ids = new List<string>();
            var ok = true;
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]");
                if (item.ValueKind != JsonValueKind.String)
                {
                    TypeMismatch(itemPath, "a string", item);
                    ok = false;
                }
                else if (item.GetString() is var id && !IsValidId(id))
                {
                    Invalid(itemPath, $"'{id}' is not a reverse-DNS id (e.g. \"com.studio.relight\")");
                    ok = false;
                }
                else if (ids.Contains(id!))
                {
                    Invalid(itemPath, $"'{id}' is listed twice");
                    ok = false;
                }
                else
                {
                    ids.Add(id!);
                }
            }

            return ok ? ids : null;
        }

        public PluginTimeouts Timeouts(JsonElement obj)
        {
            if (!obj.TryGetProperty("timeouts", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return PluginTimeouts.None;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                TypeMismatch("timeouts", "an object {\"describeSeconds\": ..., \"runSeconds\": ...}", value);
                return PluginTimeouts.None;
            }

            return new PluginTimeouts(Seconds(value, "describeSeconds"), Seconds(value, "runSeconds"));
        }

        public IReadOnlyDictionary<string, string> SecretEnvironment(JsonElement obj)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!obj.TryGetProperty("secretEnvironment", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return map;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                TypeMismatch("secretEnvironment", "an object {\"<secret name>\": \"<ENVIRONMENT_VARIABLE>\"}", value);
                return map;
            }

            foreach (var p in value.EnumerateObject())
            {
                var path = "secretEnvironment." + p.Name;
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    TypeMismatch(path, "the name of an environment variable", p.Value);
                }
                else if (p.Value.GetString() is not { Length: > 0 } variable || variable.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_')))
                {
                    Invalid(path, $"'{p.Value.GetString()}' is not an environment variable name (letters, digits and _)");
                }
                else
                {
                    map[p.Name] = variable;
                }
            }

            return map;
        }

        private TimeSpan? Seconds(JsonElement obj, string name)
        {
            var path = "timeouts." + name;
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                TypeMismatch(path, "a number of seconds", value);
                return null;
            }

            if (!value.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                Invalid(path, $"must be a positive number of seconds, got {value.GetRawText()}");
                return null;
            }

            return TimeSpan.FromSeconds(seconds);
        }

        public void TypeMismatch(string jsonPath, string expected, JsonElement found) =>
            Add(PluginManifestErrorKind.TypeMismatch, jsonPath, jsonPath, $"expected {expected}, found {Describe(found)}");

        public void Invalid(string jsonPath, string message) =>
            Add(PluginManifestErrorKind.InvalidValue, jsonPath, jsonPath, message);

        private void Add(PluginManifestErrorKind kind, string jsonPath, string locateAt, string message)
        {
            _positions ??= MapPositions(_bytes);
            var offset = _positions.TryGetValue(locateAt, out var o) ? o : 0;
            var (line, column) = LineColumn(_bytes, offset);
            Errors.Add(new PluginManifestError(kind, _path, line, column, jsonPath, message));
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };

        /// <summary>Byte offset of every value by path (<c>$</c>, <c>id</c>, <c>tools[1]</c>, <c>timeouts.runSeconds</c>).</summary>
        private static Dictionary<string, int> MapPositions(byte[] bytes)
        {
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var containers = new Stack<(bool IsArray, string Path, int Count)>();
            string? property = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }

                string path;
                if (containers.Count == 0)
                {
                    path = "$";
                }
                else
                {
                    var (isArray, parent, count) = containers.Pop();
                    path = isArray
                        ? string.Create(CultureInfo.InvariantCulture, $"{parent}[{count}]")
                        : parent == "$" ? property ?? "" : parent + "." + property;
                    containers.Push((isArray, parent, count + 1));
                }

                positions.TryAdd(path, (int)reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push((reader.TokenType == JsonTokenType.StartArray, path, 0));
                }
            }

            return positions;
        }

        private static (int Line, int Column) LineColumn(byte[] bytes, int offset)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, offset - lineStart)) + 1);
        }
    }
}
