using Editing.Sdk;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;

namespace Editing.Tools.Tests.Support;

/// <summary>Provider access of a call made without a provider, as the host gives it: every use throws.</summary>
public sealed class NoProviderAccess : ProviderAccess
{
    public override ProviderDescriptor Selected => throw Missing();

    public override ModelCapabilities SelectedModel => throw Missing();

    public override Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        Task.FromException<GenerationResult>(Missing());

    private static PluginException Missing() => new("no provider was chosen for this call");
}
