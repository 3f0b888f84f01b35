using Editing.Sdk;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>Where the notifications and host calls of one call in flight go.</summary>
/// <param name="Progress">Progress receiver, or null.</param>
/// <param name="Logger">Log receiver, or null.</param>
/// <param name="Providers">Generation for a tool run, or null.</param>
/// <param name="CancellationToken">Cancelled when the call is cancelled or times out.</param>
internal sealed record CallSink(IProgress<PluginProgress>? Progress, IPluginLogger? Logger, ProviderAccess? Providers, CancellationToken CancellationToken);
