namespace Editing.Host.Plugins;

/// <summary>
/// Where <see cref="PluginCatalog.Discover"/> looks, in order: <see cref="BuiltInDirectory"/>,
/// <see cref="UserDirectory"/>, then each folder of <see cref="EnvironmentPath"/>. Each is a plugin folder itself or
/// a folder of plugin folders. A null entry is skipped. The defaults are the real locations; tests set their own.
/// </summary>
public sealed record PluginDiscoveryOptions
{
    /// <summary>The environment variable listing extra plugin folders, separated by <see cref="Path.PathSeparator"/>.</summary>
    public const string EnvironmentVariable = "EDITING_PLUGIN_PATH";

    /// <summary>The built-in plugins folder; default <c>&lt;AppContext.BaseDirectory&gt;/plugins</c>.</summary>
    public string? BuiltInDirectory { get; init; } = DefaultBuiltInDirectory;

    /// <summary>The user's plugins folder; default <see cref="DefaultUserDirectory"/>.</summary>
    public string? UserDirectory { get; init; } = DefaultUserDirectory;

    /// <summary>The <c>EDITING_PLUGIN_PATH</c> value (folders separated by <see cref="Path.PathSeparator"/>); default
    /// the environment variable's value when the options are created.</summary>
    public string? EnvironmentPath { get; init; } = Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary><c>&lt;AppContext.BaseDirectory&gt;/plugins</c>.</summary>
    public static string DefaultBuiltInDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary><c>$XDG_DATA_HOME/editing/plugins</c> when XDG_DATA_HOME is set to an absolute path, else
    /// <c>~/.local/share/editing/plugins</c> (on Windows, <c>%LOCALAPPDATA%\editing\plugins</c>).</summary>
    public static string DefaultUserDirectory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            {
                return Path.Combine(xdg, "editing", "plugins");
            }

            return OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "editing", "plugins")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "editing", "plugins");
        }
    }

    /// <summary>The search path these options describe, in order, without checking the folders.</summary>
    public IReadOnlyList<(string Path, PluginSource Source)> SearchPath()
    {
        var locations = new List<(string, PluginSource)>();
        if (!string.IsNullOrWhiteSpace(BuiltInDirectory))
        {
            locations.Add((Path.GetFullPath(BuiltInDirectory), PluginSource.BuiltIn));
        }

        if (!string.IsNullOrWhiteSpace(UserDirectory))
        {
            locations.Add((Path.GetFullPath(UserDirectory), PluginSource.User));
        }

        foreach (var part in (EnvironmentPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            locations.Add((Path.GetFullPath(part), PluginSource.EnvironmentPath));
        }

        return locations;
    }
}
