using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>
/// One usable plugin, whichever way it runs (in a worker process or in process): the only way the rest of the host
/// calls plugin code. Every failure of plugin code (an exception, a crash, a hang past its time limit, a worker that
/// exits) surfaces as <see cref="PluginCallException"/> for that call alone; the next call works again (a crashed worker
/// is restarted). Cancelling a call's token throws <see cref="OperationCanceledException"/> within about two seconds,
/// killing the worker if the plugin does not stop. Calls may run concurrently.
/// </summary>
public interface IPluginInstance : IAsyncDisposable
{
    /// <summary>The plugin's manifest.</summary>
    PluginManifest Manifest { get; }

    /// <summary>Where the plugin's code runs.</summary>
    PluginRuntime Runtime { get; }

    /// <summary>Loads the plugin (starting its worker when needed) and returns its tools and providers; the result is
    /// cached: descriptors never change for a loaded plugin.</summary>
    /// <exception cref="PluginCallException">The plugin could not be loaded, or describing it failed.</exception>
    Task<PluginDescription> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every issue with running <paramref name="toolId"/> on <paramref name="clip"/> with <paramref name="values"/>:
    /// the control schema's (unknown ids, missing values, out of range) and, when those have no error, the tool's own.
    /// </summary>
    /// <exception cref="PluginCallException">The plugin failed.</exception>
    Task<IReadOnlyList<ValidationIssue>> ValidateToolAsync(string toolId, ClipContext clip, ControlValues values, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a tool: the values are validated (an error refuses the run with <see cref="PluginFailureKind.InvalidRequest"/>)
    /// and normalized, then the tool produces its outputs in <see cref="ToolRunOptions.ScratchDirectory"/>.
    /// </summary>
    /// <exception cref="PluginCallException">The request was refused or the plugin failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<ToolResult> RunToolAsync(string toolId, ClipContext clip, ControlValues values, ToolRunOptions options, CancellationToken cancellationToken);

    /// <summary>The provider's own issues with a request (beyond its declared capabilities).</summary>
    /// <exception cref="PluginCallException">The plugin failed.</exception>
    Task<IReadOnlyList<ValidationIssue>> ValidateGenerationAsync(string providerId, GenerationRequest request, CancellationToken cancellationToken);

    /// <summary>Generates one video with a provider of this plugin.</summary>
    /// <exception cref="PluginCallException">The provider refused or failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<GenerationResult> GenerateAsync(string providerId, GenerationRequest request, ProviderRunOptions options, CancellationToken cancellationToken);
}
