namespace Editing.Host.Plugins;

/// <summary>One plugin folder found on the search path, with its status (what <c>editing plugins doctor</c> lists).</summary>
public sealed class PluginEntry
{
    internal PluginEntry(string directory, PluginSource source, PluginManifest? manifest, IReadOnlyList<PluginManifestError> manifestErrors)
    {
        Directory = directory;
        Source = source;
        Manifest = manifest;
        ManifestErrors = manifestErrors;
        if (manifestErrors.Count > 0)
        {
            Status = PluginStatus.Error;
            Reason = string.Join(Environment.NewLine, manifestErrors);
        }
    }

    /// <summary>Absolute path of the plugin folder.</summary>
    public string Directory { get; }

    /// <summary>Absolute path of its plugin.json.</summary>
    public string ManifestPath => Path.Combine(Directory, PluginManifest.FileName);

    /// <summary>Where on the search path it was found.</summary>
    public PluginSource Source { get; }

    /// <summary>The manifest, or null when plugin.json is unreadable or invalid.</summary>
    public PluginManifest? Manifest { get; }

    /// <summary>The problems in plugin.json (empty when it is valid).</summary>
    public IReadOnlyList<PluginManifestError> ManifestErrors { get; }

    /// <summary>The plugin id, or the folder name when plugin.json could not be read.</summary>
    public string Id => Manifest?.Id ?? Path.GetFileName(Directory);

    /// <summary>Usable, in error, or shadowed by an earlier plugin with the same id.</summary>
    public PluginStatus Status { get; private set; }

    /// <summary>Why the plugin is not usable (every line a complete message naming the file or plugin), or null when
    /// <see cref="Status"/> is <see cref="PluginStatus.Ok"/>.</summary>
    public string? Reason { get; private set; }

    /// <summary>True when <see cref="Status"/> is <see cref="PluginStatus.Ok"/>.</summary>
    public bool IsUsable => Status == PluginStatus.Ok;

    internal void Refuse(PluginStatus status, string reason)
    {
        Status = status;
        Reason = reason;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Status}) {Directory}" + (Reason is null ? "" : ": " + Reason);
}
