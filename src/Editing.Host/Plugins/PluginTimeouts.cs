namespace Editing.Host.Plugins;

/// <summary>Per-call time limits a plugin asks for in plugin.json (<c>timeouts</c>); null leaves the host's default.</summary>
/// <param name="Describe">Limit for starting the plugin and describing it (<c>describeSeconds</c>).</param>
/// <param name="Run">Limit for one tool run or generation (<c>runSeconds</c>).</param>
public sealed record PluginTimeouts(TimeSpan? Describe = null, TimeSpan? Run = null)
{
    /// <summary>No limits asked for.</summary>
    public static PluginTimeouts None { get; } = new();
}
