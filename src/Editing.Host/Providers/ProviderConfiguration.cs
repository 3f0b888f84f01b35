using System.Text;
using System.Text.Json;

namespace Editing.Host.Providers;

/// <summary>
/// The user's provider configuration: settings (server URL, polling interval...) and secrets (API keys) per provider
/// id, from a JSON file and the environment.
/// <para>The file is <c>$EDITING_CONFIG</c>, else <c>$XDG_CONFIG_HOME/editing/config.json</c>, else
/// <c>~/.config/editing/config.json</c>; it is optional:</para>
/// <code>
/// {
///   "providers": {
///     "editing.runway": {
///       "settings": { "base_url": "https://...", "poll_seconds": "5" },
///       "secrets": { "api_key": "..." },
///       "secret_env": { "api_key": "STUDIO_RUNWAY_KEY" }
///     }
///   }
/// }
/// </code>
/// A file holding any secret must be readable by its owner only (mode 600); otherwise it is refused.
/// <para>Precedence, lowest first. Settings: the file, then <c>EDITING_PROVIDER__&lt;ID&gt;__&lt;KEY&gt;</c>. Secrets:
/// the file's <c>secrets</c>, then the plugin's declared environment variables
/// (<see cref="Plugins.PluginManifest.SecretEnvironment"/>), then the file's <c>secret_env</c> mapping, then
/// <c>EDITING_SECRET__&lt;ID&gt;__&lt;NAME&gt;</c>. &lt;ID&gt; is the provider id upper-cased with every character other
/// than a letter or digit replaced by <c>_</c> (<c>editing.runway</c> → <c>EDITING_RUNWAY</c>); keys and names are
/// matched case-insensitively and handed to providers in lower case.</para>
/// </summary>
public sealed class ProviderConfiguration
{
    /// <summary>The environment variable naming the configuration file.</summary>
    public const string FileVariable = "EDITING_CONFIG";

    private const string SettingPrefix = "EDITING_PROVIDER__";
    private const string SecretPrefix = "EDITING_SECRET__";

    private readonly Dictionary<string, Entry> _entries;
    private readonly IReadOnlyDictionary<string, string> _variables;

    private ProviderConfiguration(string? sourcePath, Dictionary<string, Entry> entries, IReadOnlyDictionary<string, string> variables)
    {
        SourcePath = sourcePath;
        _entries = entries;
        _variables = variables;
    }

    /// <summary>No file; only <paramref name="environment"/> (default: the process environment) applies.</summary>
    public static ProviderConfiguration FromEnvironment(IReadOnlyDictionary<string, string>? environment = null) =>
        new(null, new(StringComparer.Ordinal), environment ?? ProcessEnvironment());

    /// <summary>A snapshot of the process environment.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v)
            {
                map[k] = v;
            }
        }

        return map;
    }

    private string? Variable(string name) => _variables.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The file this was read from, or null when there was none.</summary>
    public string? SourcePath { get; }

    /// <summary>Provider ids with an entry in the file, in file order.</summary>
    public IReadOnlyList<string> ConfiguredProviders => [.. _entries.Keys];

    /// <summary>The default configuration file path (which may not exist), from the environment.</summary>
    public static string DefaultPath(IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= ProcessEnvironment();
        if (environment.GetValueOrDefault(FileVariable) is { Length: > 0 } explicitPath)
        {
            return Path.GetFullPath(explicitPath);
        }

        var configHome = environment.GetValueOrDefault("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            var home = environment.GetValueOrDefault("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            configHome = Path.Combine(home, ".config");
        }

        return Path.Combine(configHome, "editing", "config.json");
    }

    /// <summary>
    /// Reads the configuration file (<paramref name="path"/>, else <see cref="DefaultPath"/>). A missing default file is
    /// an empty configuration; a missing file named explicitly (argument or <c>EDITING_CONFIG</c>) is an error.
    /// </summary>
    /// <exception cref="ProviderConfigurationException">The file is unreadable, malformed, or holds secrets and is
    /// readable by others.</exception>
    public static ProviderConfiguration Load(string? path = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        environment ??= ProcessEnvironment();
        var explicitFile = path is not null || environment.GetValueOrDefault(FileVariable) is { Length: > 0 };
        var file = path is null ? DefaultPath(environment) : Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            if (explicitFile)
            {
                throw new ProviderConfigurationException(file, "$", "the configuration file does not exist");
            }

            return new ProviderConfiguration(null, new(StringComparer.Ordinal), environment);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProviderConfigurationException(file, "$", $"cannot be read: {e.Message}");
        }

        var entries = Parse(bytes, file);
        if (entries.Values.Any(e => e.Secrets.Count > 0) && !OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(file);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & others) != 0)
            {
                throw new ProviderConfigurationException(file, "$.providers",
                    $"holds secrets but can be read by other users (mode {Convert.ToString((int)mode, 8)}); run chmod 600 on it");
            }
        }

        return new ProviderConfiguration(file, entries, environment);
    }

    /// <summary>The settings for <paramref name="providerId"/> (keys in lower case); never secrets.</summary>
    public IReadOnlyDictionary<string, string> SettingsFor(string providerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (_entries.TryGetValue(providerId, out var entry))
        {
            foreach (var (k, v) in entry.Settings)
            {
                result[k] = v;
            }
        }

        foreach (var (k, v) in FromPrefixedEnvironment(SettingPrefix, providerId))
        {
            result[k] = v;
        }

        return result;
    }

    /// <summary>
    /// The secrets for <paramref name="providerId"/> (names in lower case), with the plugin's declared environment
    /// variables (<paramref name="declaredEnvironment"/>, by secret name) as defaults.
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretsFor(string providerId, IReadOnlyDictionary<string, string>? declaredEnvironment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _, value) in SecretSources(providerId, declaredEnvironment))
        {
            if (value is not null)
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Where each secret of <paramref name="providerId"/> would come from, without its value (for
    /// <c>editing providers list</c>): secret name → "file", "$VARIABLE", or "not set ($VARIABLE)".</summary>
    public IReadOnlyDictionary<string, string> DescribeSecrets(string providerId, IReadOnlyDictionary<string, string>? declaredEnvironment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, source, value) in SecretSources(providerId, declaredEnvironment))
        {
            if (value is not null)
            {
                result[name] = source;
            }
            else
            {
                result.TryAdd(name, $"not set ({source})");
            }
        }

        return result;
    }

    /// <summary>
    /// Every place a secret of <paramref name="providerId"/> can come from, lowest precedence first: the file's
    /// <c>secrets</c>, the plugin's declared variables, the file's <c>secret_env</c>, then
    /// <c>EDITING_SECRET__ID__NAME</c>. Value is null for a variable that is not set.
    /// </summary>
    private IEnumerable<(string Name, string Source, string? Value)> SecretSources(string providerId, IReadOnlyDictionary<string, string>? declaredEnvironment)
    {
        _entries.TryGetValue(providerId, out var entry);
        foreach (var (name, value) in entry?.Secrets ?? [])
        {
            yield return (name, "file", value);
        }

        foreach (var map in new[] { declaredEnvironment, entry?.SecretEnvironment })
        {
            foreach (var (name, variable) in map ?? new Dictionary<string, string>())
            {
                yield return (name.ToLowerInvariant(), "$" + variable, Variable(variable));
            }
        }

        foreach (var (name, value) in FromPrefixedEnvironment(SecretPrefix, providerId))
        {
            yield return (name, "$" + SecretPrefix + EnvironmentId(providerId) + "__" + name.ToUpperInvariant(), value);
        }
    }

    /// <summary>The provider id as it appears in environment variable names (<c>editing.runway</c> →
    /// <c>EDITING_RUNWAY</c>).</summary>
    public static string EnvironmentId(string providerId)
    {
        var b = new StringBuilder(providerId.Length);
        foreach (var c in providerId)
        {
            b.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return b.ToString();
    }

    private IEnumerable<KeyValuePair<string, string>> FromPrefixedEnvironment(string prefix, string providerId)
    {
        var start = prefix + EnvironmentId(providerId) + "__";
        foreach (var (name, value) in _variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith(start, StringComparison.Ordinal) && name.Length > start.Length && value.Length > 0)
            {
                yield return new(name[start.Length..].ToLowerInvariant(), value);
            }
        }
    }

    private static Dictionary<string, Entry> Parse(byte[] bytes, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "$";
            throw new ProviderConfigurationException(file, where, $"not valid JSON: {FirstSentence(e.Message)}");
        }

        using (doc)
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ProviderConfigurationException(file, "$", "expected an object with a \"providers\" field");
            }

            if (!root.TryGetProperty("providers", out var providers) || providers.ValueKind == JsonValueKind.Null)
            {
                return entries;
            }

            if (providers.ValueKind != JsonValueKind.Object)
            {
                throw new ProviderConfigurationException(file, "$.providers", "expected an object of provider ids");
            }

            foreach (var p in providers.EnumerateObject())
            {
                var at = $"$.providers['{p.Name}']";
                if (p.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new ProviderConfigurationException(file, at, "expected an object with \"settings\", \"secrets\" and/or \"secret_env\"");
                }

                entries[p.Name] = new Entry(
                    Strings(p.Value, "settings", file, at),
                    Strings(p.Value, "secrets", file, at),
                    Strings(p.Value, "secret_env", file, at));
            }

            return entries;
        }
    }

    private static Dictionary<string, string> Strings(JsonElement owner, string field, string file, string at)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!owner.TryGetProperty(field, out var obj) || obj.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new ProviderConfigurationException(file, $"{at}.{field}", "expected an object of names to strings");
        }

        foreach (var p in obj.EnumerateObject())
        {
            var value = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when field == "settings" => p.Value.GetRawText(),
                // Never echo a secret's value in the message.
                _ => throw new ProviderConfigurationException(file, $"{at}.{field}.{p.Name}", $"expected a string, found {p.Value.ValueKind.ToString().ToLowerInvariant()}"),
            };
            map[p.Name.ToLowerInvariant()] = value;
        }

        return map;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private sealed record Entry(Dictionary<string, string> Settings, Dictionary<string, string> Secrets, Dictionary<string, string> SecretEnvironment);
}

/// <summary>The provider configuration file cannot be used (exit 2). The message names the file and the place; it
/// never holds a secret's value.</summary>
public sealed class ProviderConfigurationException : Exception
{
    /// <summary>Creates the error.</summary>
    public ProviderConfigurationException(string file, string where, string problem)
        : base($"{file}: {where}: {problem}")
    {
        FilePath = file;
        Where = where;
        Problem = problem;
    }

    /// <summary>The configuration file.</summary>
    public string FilePath { get; }

    /// <summary>JSON path or line/column.</summary>
    public string Where { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
