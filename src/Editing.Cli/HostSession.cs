using Editing.Host.Media;
using Editing.Host.Plugins;
using Editing.Sdk.Media;

namespace Editing.Cli;

/// <summary>
/// The plugin catalog and host for one command: built-in plugins from the CLI's own <c>plugins/</c> folder, the
/// user folder and <c>EDITING_PLUGIN_PATH</c>. Trusted built-ins run in process; everything else in workers.
/// </summary>
internal sealed class HostSession : IAsyncDisposable
{
    private HostSession(PluginCatalog catalog, PluginHost host, IMediaServices media)
    {
        Catalog = catalog;
        Host = host;
        Media = media;
    }

    public PluginCatalog Catalog { get; }

    public PluginHost Host { get; }

    public IMediaServices Media { get; }

    /// <summary>Discovers plugins and prepares the host (nothing starts until a plugin is used).</summary>
    /// <param name="outOfProcess">Run every plugin in a worker process, built-ins included.</param>
    public static HostSession Open(bool outOfProcess = false)
    {
        var catalog = PluginCatalog.Discover();
        var media = new HostMediaServices();
        var host = new PluginHost(catalog, new PluginHostOptions
        {
            MediaServicesFactory = () => media,
            MediaServicesType = typeof(HostMediaServices),
            ForceRuntime = outOfProcess ? PluginRuntime.Process : null,
        });
        return new HostSession(catalog, host, media);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
