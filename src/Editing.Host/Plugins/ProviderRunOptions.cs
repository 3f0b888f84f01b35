using Editing.Sdk;

namespace Editing.Host.Plugins;

/// <summary>What one generation needs beyond the request.</summary>
public sealed record ProviderRunOptions
{
    /// <summary>An empty folder for the provider's output (created when missing).</summary>
    public required string ScratchDirectory { get; init; }

    /// <summary>The provider's settings from the host configuration (server URL, polling interval...); no secrets.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Secrets (API keys) by name, as the provider reads them with <c>GetSecret</c>. They reach a worker only
    /// over its private stdin pipe and are never logged.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives progress reports, in order, on a protocol thread: keep the handler quick.</summary>
    public IProgress<PluginProgress>? Progress { get; init; }

    /// <summary>Receives the provider's log messages, in order, on a protocol thread.</summary>
    public IPluginLogger? Logger { get; init; }

    /// <summary>Time limit for this generation; null for the plugin's <c>runSeconds</c>, else the host's
    /// <see cref="PluginHostOptions.RunTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
