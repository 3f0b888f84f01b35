using Editing.Sdk;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>What one tool run needs beyond the clip and the values.</summary>
public sealed record ToolRunOptions
{
    /// <summary>An empty folder for the call's outputs (created when missing). The tool's output paths point into it;
    /// the caller moves what it keeps and deletes the folder.</summary>
    public required string ScratchDirectory { get; init; }

    /// <summary>The chosen provider and model, and how generation reaches them (see
    /// <see cref="PluginHost.CreateProviderAccessAsync"/>); null when the run uses no provider.</summary>
    public ProviderAccess? Providers { get; init; }

    /// <summary>Receives progress reports, in order, on a protocol thread: keep the handler quick.</summary>
    public IProgress<PluginProgress>? Progress { get; init; }

    /// <summary>Receives the plugin's log messages, in order, on a protocol thread: keep the handler quick.</summary>
    public IPluginLogger? Logger { get; init; }

    /// <summary>Time limit for this run; null for the plugin's <c>runSeconds</c>, else the host's
    /// <see cref="PluginHostOptions.RunTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
