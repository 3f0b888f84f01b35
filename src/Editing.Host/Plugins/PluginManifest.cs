using Editing.Sdk.Versioning;

namespace Editing.Host.Plugins;

/// <summary>
/// A plugin's <c>plugin.json</c>: who it is, which SDK it was built for, where its code is and what it provides, read
/// without loading any of its code. Example:
/// <code>
/// {
///   "id": "com.studio.relight",
///   "version": "1.2.0",
///   "sdk": "^1.0",
///   "entry": "Studio.Relight.dll",
///   "tools": ["com.studio.relight"],
///   "providers": [],
///   "runtime": "process",
///   "displayName": "Relight",
///   "timeouts": { "describeSeconds": 30, "runSeconds": 1800 }
/// }
/// </code>
/// Required: <c>id</c> (reverse-DNS), <c>version</c> (semver), <c>sdk</c> (a version range), <c>entry</c> (the
/// assembly, relative to the plugin folder), and at least one id in <c>tools</c> or <c>providers</c>. Optional:
/// <c>runtime</c> (<c>process</c>, the default, or <c>inproc</c>), <c>displayName</c>, <c>description</c>,
/// <c>timeouts</c>, <c>secretEnvironment</c> (the environment variables its providers' secrets are read from by default,
/// by secret name: <c>{"api_key": "RUNWAYML_API_SECRET"}</c>). Unknown fields are ignored so newer plugins still load; comments and trailing commas are allowed.
/// </summary>
public sealed partial class PluginManifest
{
    /// <summary>The file name: <c>plugin.json</c>.</summary>
    public const string FileName = "plugin.json";

    private PluginManifest(string manifestPath, string id, SemanticVersion version, VersionRange sdk, string entry,
        IReadOnlyList<string> tools, IReadOnlyList<string> providers, PluginRuntime runtime, string displayName,
        string description, PluginTimeouts timeouts, IReadOnlyDictionary<string, string> secretEnvironment)
    {
        SecretEnvironment = secretEnvironment;
        ManifestPath = manifestPath;
        Id = id;
        Version = version;
        Sdk = sdk;
        Entry = entry;
        Tools = tools;
        Providers = providers;
        Runtime = runtime;
        DisplayName = displayName;
        Description = description;
        Timeouts = timeouts;
    }

    /// <summary>Absolute path of the plugin.json this was read from.</summary>
    public string ManifestPath { get; }

    /// <summary>The plugin folder (the one holding plugin.json).</summary>
    public string Directory => Path.GetDirectoryName(ManifestPath) ?? ".";

    /// <summary>The plugin's reverse-DNS id (<c>com.studio.relight</c>), unique on the search path.</summary>
    public string Id { get; }

    /// <summary>The plugin's version.</summary>
    public SemanticVersion Version { get; }

    /// <summary>The SDK versions the plugin works with; the host refuses it when its SDK version is outside.</summary>
    public VersionRange Sdk { get; }

    /// <summary>The entry assembly as written, relative to <see cref="Directory"/>.</summary>
    public string Entry { get; }

    /// <summary>Absolute path of the entry assembly.</summary>
    public string EntryPath => Path.GetFullPath(Path.Combine(Directory, Entry));

    /// <summary>Ids of the tools the plugin provides, in declaration order.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>Ids of the model providers the plugin provides, in declaration order.</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>Where the plugin asks to run.</summary>
    public PluginRuntime Runtime { get; }

    /// <summary>Human name; the id when plugin.json gives none.</summary>
    public string DisplayName { get; }

    /// <summary>One or two sentences, or empty.</summary>
    public string Description { get; }

    /// <summary>Time limits the plugin asks for.</summary>
    public PluginTimeouts Timeouts { get; }

    /// <summary>
    /// The environment variables the plugin's provider secrets are read from by default, by secret name
    /// (<c>api_key</c> → <c>RUNWAYML_API_SECRET</c>); empty when plugin.json declares none. The user's configuration
    /// can override them (see <see cref="Editing.Host.Providers.ProviderConfiguration"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; }

    /// <summary>Reads and checks a plugin.json.</summary>
    /// <param name="manifestPath">Path of the plugin.json file.</param>
    /// <exception cref="PluginManifestException">Every problem found, each with file, line, column and field.</exception>
    public static PluginManifest Read(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        var fullPath = Path.GetFullPath(manifestPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginManifestException([new(PluginManifestErrorKind.Unreadable, fullPath, 0, 0, "", e.Message)]);
        }

        return Parse(bytes, fullPath);
    }

    /// <summary>Checks plugin.json text as if it were read from <paramref name="manifestPath"/>.</summary>
    /// <exception cref="PluginManifestException">Every problem found.</exception>
    public static PluginManifest Parse(string json, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), Path.GetFullPath(manifestPath));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Version}";
}
