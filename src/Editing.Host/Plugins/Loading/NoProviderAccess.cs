using Editing.Sdk;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Host.Plugins.Loading;

/// <summary>The provider access of a tool call made without a provider: any use says so.</summary>
internal sealed class NoProviderAccess : ProviderAccess
{
    private readonly string _toolId;

    public NoProviderAccess(string toolId) => _toolId = toolId;

    public override ProviderDescriptor Selected => throw Missing();

    public override ModelCapabilities SelectedModel => throw Missing();

    public override Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        Task.FromException<GenerationResult>(Missing());

    private PluginException Missing() =>
        new($"tool {_toolId} needs a model provider, but none was chosen for this call (choose a provider and model)");
}
