using System.Collections.Concurrent;
using Editing.Host.Plugins.Loading;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// Runs the plugins of a <see cref="PluginCatalog"/>: finds which plugin provides a tool or provider, starts it on
/// first use (one worker process per plugin, or in process for trusted built-ins), restarts a worker that died, and
/// stops every worker when disposed. Every plugin failure surfaces as <see cref="PluginCallException"/> for that call
/// only. Thread-safe; calls may run concurrently.
/// </summary>
public sealed class PluginHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IPluginInstance>> _instances = new(StringComparer.Ordinal);
    private readonly Lazy<IMediaServices> _inProcessMedia;
    private volatile bool _disposed;

    /// <summary>Creates a host; nothing starts until a plugin is used.</summary>
    public PluginHost(PluginCatalog catalog, PluginHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        Options = options ?? new PluginHostOptions();
        _inProcessMedia = new Lazy<IMediaServices>(() => Options.MediaServicesFactory?.Invoke() ?? MediaServicesActivator.Create(Options.MediaServicesType));
    }

    /// <summary>The plugins this host can run.</summary>
    public PluginCatalog Catalog { get; }

    /// <summary>How it runs them.</summary>
    public PluginHostOptions Options { get; }

    /// <summary>Where a usable plugin runs under these options.</summary>
    public PluginRuntime RuntimeOf(PluginEntry plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (Options.ForceRuntime is { } forced)
        {
            return forced;
        }

        var allowed = Options.InProcessPolicy switch
        {
            InProcessPolicy.Any => true,
            InProcessPolicy.BuiltInOnly => plugin.Source == PluginSource.BuiltIn,
            _ => false,
        };
        return plugin.Manifest?.Runtime == PluginRuntime.InProcess && allowed ? PluginRuntime.InProcess : PluginRuntime.Process;
    }

    /// <summary>The running plugin with <paramref name="pluginId"/> (not started until first called).</summary>
    /// <exception cref="PluginCallException"><see cref="PluginFailureKind.NotAvailable"/>: no such plugin, or it is not
    /// usable (the message gives the catalog's reason).</exception>
    public IPluginInstance GetPlugin(string pluginId)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginId);
        var entry = Catalog.Find(pluginId)
            ?? throw NotAvailable(pluginId, null, $"no plugin with id '{pluginId}' is installed ({Installed(Catalog.Plugins.Where(p => p.IsUsable).Select(p => p.Id))})");
        return Instance(entry, null);
    }

    /// <summary>The running plugin providing tool <paramref name="toolId"/>.</summary>
    /// <exception cref="PluginCallException"><see cref="PluginFailureKind.NotAvailable"/>: no usable plugin provides it.</exception>
    public IPluginInstance GetToolPlugin(string toolId)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolId);
        var entry = Catalog.FindTool(toolId)
            ?? throw NotAvailable(toolId, toolId, $"no installed plugin provides tool '{toolId}' ({Installed(Catalog.ToolIds)})");
        return Instance(entry, toolId);
    }

    /// <summary>The running plugin providing model provider <paramref name="providerId"/>.</summary>
    /// <exception cref="PluginCallException"><see cref="PluginFailureKind.NotAvailable"/>: no usable plugin provides it.</exception>
    public IPluginInstance GetProviderPlugin(string providerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        var entry = Catalog.FindProvider(providerId)
            ?? throw NotAvailable(providerId, providerId, $"no installed plugin provides provider '{providerId}' ({Installed(Catalog.ProviderIds)})");
        return Instance(entry, providerId);
    }

    /// <summary>The descriptor of tool <paramref name="toolId"/>, control schema included.</summary>
    /// <exception cref="PluginCallException">The tool is not available or its plugin failed.</exception>
    public async Task<ToolDescriptor> DescribeToolAsync(string toolId, CancellationToken cancellationToken)
    {
        var plugin = GetToolPlugin(toolId);
        var description = await plugin.DescribeAsync(cancellationToken).ConfigureAwait(false);
        return description.FindTool(toolId)
            ?? throw new PluginCallException(PluginFailureKind.NotAvailable, plugin.Manifest.Id, "describe", toolId, $"plugin {plugin.Manifest.Id} does not describe tool '{toolId}'");
    }

    /// <summary>The descriptor of model provider <paramref name="providerId"/>.</summary>
    /// <exception cref="PluginCallException">The provider is not available or its plugin failed.</exception>
    public async Task<ProviderDescriptor> DescribeProviderAsync(string providerId, CancellationToken cancellationToken)
    {
        var plugin = GetProviderPlugin(providerId);
        var description = await plugin.DescribeAsync(cancellationToken).ConfigureAwait(false);
        return description.FindProvider(providerId)
            ?? throw new PluginCallException(PluginFailureKind.NotAvailable, plugin.Manifest.Id, "describe", providerId, $"plugin {plugin.Manifest.Id} does not describe provider '{providerId}'");
    }

    /// <summary>Every issue with a tool request; see <see cref="IPluginInstance.ValidateToolAsync"/>.</summary>
    public Task<IReadOnlyList<ValidationIssue>> ValidateToolAsync(string toolId, ClipContext clip, ControlValues values, CancellationToken cancellationToken) =>
        GetToolPlugin(toolId).ValidateToolAsync(toolId, clip, values, cancellationToken);

    /// <summary>Runs a tool; see <see cref="IPluginInstance.RunToolAsync"/>.</summary>
    public Task<ToolResult> RunToolAsync(string toolId, ClipContext clip, ControlValues values, ToolRunOptions options, CancellationToken cancellationToken) =>
        GetToolPlugin(toolId).RunToolAsync(toolId, clip, values, options, cancellationToken);

    /// <summary>Generates with a provider; see <see cref="IPluginInstance.GenerateAsync"/>.</summary>
    public Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, ProviderRunOptions options, CancellationToken cancellationToken) =>
        GetProviderPlugin(providerId).GenerateAsync(providerId, request, options, cancellationToken);

    /// <summary>
    /// The provider access for a tool run (<see cref="ToolRunOptions.Providers"/>): provider
    /// <paramref name="providerId"/> with model <paramref name="modelId"/> (null for its default model), generating
    /// through this host with <paramref name="options"/>. A tool running in a worker reaches it over the protocol
    /// (<c>host.generate</c>); the provider runs in its own plugin's worker.
    /// </summary>
    /// <exception cref="PluginCallException">The provider or model is not available.</exception>
    public async Task<ProviderAccess> CreateProviderAccessAsync(string providerId, string? modelId, ProviderRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var descriptor = await DescribeProviderAsync(providerId, cancellationToken).ConfigureAwait(false);
        var model = descriptor.FindModel(modelId)
            ?? throw new PluginCallException(PluginFailureKind.NotAvailable, GetProviderPlugin(providerId).Manifest.Id, "describe", providerId,
                modelId is null
                    ? $"provider {providerId} declares no models"
                    : $"provider {providerId} has no model '{modelId}' (models: {string.Join(", ", descriptor.Models.Select(m => m.ModelId))})");
        return new HostProviderAccess(this, descriptor, model, options);
    }

    /// <summary>Stops every worker (asking first, then killing) and unloads in-process plugins.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        var started = _instances.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToList();
        _instances.Clear();
        await Task.WhenAll(started.Select(async p => await p.DisposeAsync().ConfigureAwait(false))).ConfigureAwait(false);
    }

    private IPluginInstance Instance(PluginEntry entry, string? targetId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!entry.IsUsable)
        {
            var what = targetId is null ? "" : $" (it provides {targetId})";
            throw NotAvailable(entry.Id, targetId, $"plugin {entry.Id}{what} cannot be used: {entry.Reason}");
        }

        return _instances.GetOrAdd(entry.Id, _ => new Lazy<IPluginInstance>(() => Create(entry))).Value;
    }

    private IPluginInstance Create(PluginEntry entry) => RuntimeOf(entry) == PluginRuntime.InProcess
        ? new InProcessPlugin(entry.Manifest!, Options, () => _inProcessMedia.Value)
        : new WorkerPlugin(entry.Manifest!, Options);

    private static PluginCallException NotAvailable(string pluginId, string? targetId, string message) =>
        new(PluginFailureKind.NotAvailable, pluginId, "lookup", targetId, message);

    private static string Installed(IEnumerable<string> ids)
    {
        var list = ids.ToList();
        return list.Count == 0 ? "none is installed" : "installed: " + string.Join(", ", list);
    }
}
