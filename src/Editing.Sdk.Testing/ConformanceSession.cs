using System.Collections.Concurrent;
using Editing.Host.Media;
using Editing.Host.Plugins;

namespace Editing.Sdk.Testing;

/// <summary>
/// One catalog and host for a conformance check: the plugin folder (and the support folders) as the only entries of
/// <c>EDITING_PLUGIN_PATH</c>, no built-in or user folder, every plugin forced to one runtime, every
/// worker stderr line kept (non-protocol stdout lines reach the host the same way, marked).
/// </summary>
internal sealed class ConformanceSession : IAsyncDisposable
{
    /// <summary>How the host's worker session marks a line a worker wrote to stdout that is not a protocol message.</summary>
    public const string NotProtocolMarker = "[stdout, not a protocol message]";

    private readonly ConcurrentQueue<string> _standardError = new();

    private ConformanceSession(PluginCatalog catalog, PluginEntry? plugin, PluginHost host)
    {
        Catalog = catalog;
        Plugin = plugin;
        Host = host;
    }

    public PluginCatalog Catalog { get; }

    /// <summary>The entry of the plugin under test, or null when its folder holds no plugin.json.</summary>
    public PluginEntry? Plugin { get; }

    public PluginHost Host { get; }

    public IReadOnlyList<string> StandardError => _standardError.ToArray();

    public static ConformanceSession Open(string pluginDirectory, IEnumerable<string> supportDirectories, PluginRuntime runtime, TimeSpan cancellationGrace)
    {
        var folder = Path.GetFullPath(pluginDirectory);
        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions
        {
            BuiltInDirectory = null,
            UserDirectory = null,
            EnvironmentPath = string.Join(Path.PathSeparator, supportDirectories.Prepend(folder).Select(Path.GetFullPath)),
        });
        var plugin = catalog.Plugins.FirstOrDefault(p => SameFolder(p.Directory, folder));
        ConformanceSession? session = null;
        var host = new PluginHost(catalog, new PluginHostOptions
        {
            ForceRuntime = runtime,
            MediaServicesType = typeof(HostMediaServices),
            CancellationGracePeriod = cancellationGrace,
            WorkerStandardError = (id, line) => session?._standardError.Enqueue($"{id}: {line}"),
        });
        session = new ConformanceSession(catalog, plugin, host);
        return session;
    }

    /// <summary>The plugin under test, usable, or an assertion failure saying why not.</summary>
    public PluginEntry RequirePlugin(string pluginDirectory)
    {
        if (Plugin is null)
        {
            Xunit.Assert.Fail($"no plugin found in {Path.GetFullPath(pluginDirectory)}: the folder must hold plugin.json and the plugin's assembly "
                + $"(search path: {string.Join(", ", Catalog.SearchPath.Select(l => $"{l.Path}{(l.Exists ? "" : " (missing)")}"))})");
        }

        if (!Plugin.IsUsable)
        {
            Xunit.Assert.Fail($"plugin {Plugin.Id} is {Plugin.Status}: {Plugin.Reason}");
        }

        return Plugin;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
