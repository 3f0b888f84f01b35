using Editing.Sdk.Providers;

namespace Editing.Sdk.Tools;

/// <summary>
/// How a tool reaches model providers. The editor (or job file) chooses the provider and model; the host negotiates
/// each request against the model's capabilities, consults the cache, enforces studio policy, and conforms the output
/// to the requested size, rate and frame count before returning it.
/// </summary>
public abstract class ProviderAccess
{
    /// <summary>The provider chosen for this call.</summary>
    public abstract ProviderDescriptor Selected { get; }

    /// <summary>The model chosen for this call (the provider's default unless the editor picked one).</summary>
    public abstract ModelCapabilities SelectedModel { get; }

    /// <summary>
    /// Generates with the chosen provider and model. The result has exactly the request's size, rate and frame count.
    /// </summary>
    /// <exception cref="PluginException">The provider failed or refused; the message says why.</exception>
    public abstract Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);
}
