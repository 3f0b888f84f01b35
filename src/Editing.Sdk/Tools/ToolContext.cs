namespace Editing.Sdk.Tools;

/// <summary>What the host gives a tool for one call, beyond <see cref="PluginContext"/>: access to providers.</summary>
public abstract class ToolContext : PluginContext
{
    /// <summary>The chosen provider and model, and generation through the host.</summary>
    public abstract ProviderAccess Providers { get; }
}
