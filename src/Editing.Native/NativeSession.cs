using Editing.Host.Media;
using Editing.Host.Plugins;

namespace Editing.Native;

/// <summary>
/// What <c>editing_session_open</c> returns: the plugin catalog and host of one native caller. Built-in plugins come
/// from <c>plugins/</c> next to <c>Editing.Native.dll</c> (staged there by BuiltInPlugins.targets), then the user
/// folder and <c>EDITING_PLUGIN_PATH</c>, as for the CLI; the worker is the <c>Editing.Worker.dll</c> next to it.
/// </summary>
internal sealed class NativeSession : IAsyncDisposable
{
    private NativeSession(PluginCatalog catalog, PluginHost host, HostMediaServices media)
    {
        Catalog = catalog;
        Host = host;
        Media = media;
    }

    public PluginCatalog Catalog { get; }

    public PluginHost Host { get; }

    public HostMediaServices Media { get; }

    /// <summary>The folder holding Editing.Native.dll, its dependencies and <c>plugins/</c>.</summary>
    public static string ComponentDirectory =>
        Path.GetDirectoryName(typeof(NativeSession).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    /// <param name="isolate">Run built-in plugins in worker processes too (as <c>editing apply --isolate</c>).</param>
    public static NativeSession Open(bool isolate)
    {
        var home = ComponentDirectory;
        var catalog = PluginCatalog.Discover(new PluginDiscoveryOptions { BuiltInDirectory = Path.Combine(home, "plugins") });
        var media = new HostMediaServices();
        var worker = Path.Combine(home, "Editing.Worker.dll");
        var host = new PluginHost(catalog, new PluginHostOptions
        {
            MediaServicesFactory = () => media,
            MediaServicesType = typeof(HostMediaServices),
            ForceRuntime = isolate ? PluginRuntime.Process : null,
            WorkerPath = File.Exists(worker) ? worker : null,
        });
        return new NativeSession(catalog, host, media);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
