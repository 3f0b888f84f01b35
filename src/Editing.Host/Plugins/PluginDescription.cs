using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins;

/// <summary>What a plugin's code says it provides: full tool descriptors (control schemas included) and provider
/// descriptors, in plugin.json order.</summary>
/// <param name="Tools">The tools.</param>
/// <param name="Providers">The model providers.</param>
public sealed record PluginDescription(IReadOnlyList<ToolDescriptor> Tools, IReadOnlyList<ProviderDescriptor> Providers)
{
    /// <summary>The tool with <paramref name="toolId"/>, or null.</summary>
    public ToolDescriptor? FindTool(string toolId) => Tools.FirstOrDefault(t => t.Id == toolId);

    /// <summary>The provider with <paramref name="providerId"/>, or null.</summary>
    public ProviderDescriptor? FindProvider(string providerId) => Providers.FirstOrDefault(p => p.Id == providerId);
}
