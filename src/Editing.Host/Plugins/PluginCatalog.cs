using Editing.Sdk.Versioning;

namespace Editing.Host.Plugins;

/// <summary>
/// Every plugin on the search path, read from plugin.json files only (no plugin code is loaded), with its status, and
/// which plugin provides each tool and provider. Rules, applied in search-path order:
/// <list type="number">
/// <item>plugin.json must be valid (<see cref="PluginManifest"/>), its <c>sdk</c> range must contain the host's SDK
/// version, and its entry assembly must exist; otherwise the plugin is in <see cref="PluginStatus.Error"/>.</item>
/// <item>The first usable plugin with an id wins; later ones with the same id are
/// <see cref="PluginStatus.Shadowed"/>, with both folders named.</item>
/// <item>A tool or provider id belongs to the first usable plugin declaring it; a later plugin declaring it too is in
/// <see cref="PluginStatus.Error"/>, with both plugins named.</item>
/// </list>
/// </summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<string, PluginEntry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginEntry> _byTool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginEntry> _byProvider = new(StringComparer.Ordinal);

    private PluginCatalog(IReadOnlyList<PluginSearchLocation> searchPath, IReadOnlyList<PluginEntry> plugins, SemanticVersion sdkVersion)
    {
        SearchPath = searchPath;
        Plugins = plugins;
        SdkVersion = sdkVersion;
        foreach (var plugin in plugins)
        {
            if (plugin.IsUsable)
            {
                _byId[plugin.Id] = plugin;
                foreach (var tool in plugin.Manifest!.Tools)
                {
                    _byTool[tool] = plugin;
                }

                foreach (var provider in plugin.Manifest.Providers)
                {
                    _byProvider[provider] = plugin;
                }
            }
        }
    }

    /// <summary>The folders searched, in order, with whether each existed.</summary>
    public IReadOnlyList<PluginSearchLocation> SearchPath { get; }

    /// <summary>Every plugin folder found, in search order, whatever its status.</summary>
    public IReadOnlyList<PluginEntry> Plugins { get; }

    /// <summary>The SDK version plugins were checked against.</summary>
    public SemanticVersion SdkVersion { get; }

    /// <summary>An empty catalog (no search path).</summary>
    public static PluginCatalog Empty { get; } = new([], [], global::Editing.Sdk.SdkVersion.Current);

    /// <summary>Reads every plugin.json on the search path and applies the rules above. Never throws for a bad plugin:
    /// problems are in each entry's <see cref="PluginEntry.Status"/> and <see cref="PluginEntry.Reason"/>.</summary>
    /// <param name="options">The search path; null for the real one.</param>
    public static PluginCatalog Discover(PluginDiscoveryOptions? options = null)
    {
        options ??= new PluginDiscoveryOptions();
        var sdkVersion = global::Editing.Sdk.SdkVersion.Current;
        var locations = new List<PluginSearchLocation>();
        var folders = new List<(string Directory, PluginSource Source)>();
        var seenFolders = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (path, source) in options.SearchPath())
        {
            var exists = Directory.Exists(path);
            locations.Add(new PluginSearchLocation(path, source, exists));
            if (!exists)
            {
                continue;
            }

            foreach (var folder in PluginFolders(path))
            {
                if (seenFolders.Add(folder))
                {
                    folders.Add((folder, source));
                }
            }
        }

        var plugins = new List<PluginEntry>();
        var owners = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
        var toolOwners = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
        var providerOwners = new Dictionary<string, PluginEntry>(StringComparer.Ordinal);
        foreach (var (folder, source) in folders)
        {
            var entry = Read(folder, source);
            plugins.Add(entry);
            if (entry.Manifest is not { } manifest)
            {
                continue;
            }

            if (!manifest.Sdk.Contains(sdkVersion))
            {
                entry.Refuse(PluginStatus.Error, $"plugin {manifest.Id} needs SDK {manifest.Sdk}; this host has {sdkVersion} ({entry.ManifestPath})");
                continue;
            }

            if (!File.Exists(manifest.EntryPath))
            {
                entry.Refuse(PluginStatus.Error, $"plugin {manifest.Id}: entry assembly {manifest.EntryPath} not found (plugin.json says \"entry\": \"{manifest.Entry}\"; build or reinstall the plugin)");
                continue;
            }

            if (owners.TryGetValue(manifest.Id, out var first))
            {
                entry.Refuse(PluginStatus.Shadowed, $"plugin {manifest.Id} at {entry.Directory} is ignored: the same id is already provided by {first.Directory}, which comes first on the search path");
                continue;
            }

            var conflicts = Conflicts("tool", manifest.Tools, toolOwners).Concat(Conflicts("provider", manifest.Providers, providerOwners)).ToList();
            if (conflicts.Count > 0)
            {
                entry.Refuse(PluginStatus.Error, $"plugin {manifest.Id} at {entry.Directory} is not used: " + string.Join("; ", conflicts));
                continue;
            }

            owners[manifest.Id] = entry;
            foreach (var tool in manifest.Tools)
            {
                toolOwners[tool] = entry;
            }

            foreach (var provider in manifest.Providers)
            {
                providerOwners[provider] = entry;
            }
        }

        return new PluginCatalog(locations, plugins, sdkVersion);
    }

    /// <summary>The usable plugin with <paramref name="pluginId"/>, else the first one found with that id (in error or
    /// shadowed, so callers can say why), else null.</summary>
    public PluginEntry? Find(string pluginId) =>
        _byId.GetValueOrDefault(pluginId) ?? Plugins.FirstOrDefault(p => p.Id == pluginId);

    /// <summary>The usable plugin providing tool <paramref name="toolId"/>, else the first plugin declaring it (not
    /// usable, so callers can say why), else null.</summary>
    public PluginEntry? FindTool(string toolId) =>
        _byTool.GetValueOrDefault(toolId) ?? Plugins.FirstOrDefault(p => p.Manifest?.Tools.Contains(toolId) == true);

    /// <summary>The usable plugin providing provider <paramref name="providerId"/>, else the first plugin declaring
    /// it, else null.</summary>
    public PluginEntry? FindProvider(string providerId) =>
        _byProvider.GetValueOrDefault(providerId) ?? Plugins.FirstOrDefault(p => p.Manifest?.Providers.Contains(providerId) == true);

    /// <summary>Every tool id a usable plugin provides, sorted.</summary>
    public IReadOnlyList<string> ToolIds => _byTool.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every provider id a usable plugin provides, sorted.</summary>
    public IReadOnlyList<string> ProviderIds => _byProvider.Keys.Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> PluginFolders(string path)
    {
        if (File.Exists(Path.Combine(path, PluginManifest.FileName)))
        {
            return [path];
        }

        try
        {
            return Directory.EnumerateDirectories(path)
                .Where(d => File.Exists(Path.Combine(d, PluginManifest.FileName)))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static PluginEntry Read(string folder, PluginSource source)
    {
        try
        {
            var manifest = PluginManifest.Read(Path.Combine(folder, PluginManifest.FileName));
            return new PluginEntry(folder, source, manifest, []);
        }
        catch (PluginManifestException e)
        {
            return new PluginEntry(folder, source, null, e.Errors);
        }
    }

    private static IEnumerable<string> Conflicts(string kind, IReadOnlyList<string> ids, Dictionary<string, PluginEntry> owners)
    {
        foreach (var id in ids)
        {
            if (owners.TryGetValue(id, out var owner))
            {
                yield return $"{kind} {id} is already provided by plugin {owner.Id} at {owner.Directory}";
            }
        }
    }
}
