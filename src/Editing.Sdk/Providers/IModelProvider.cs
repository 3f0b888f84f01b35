using Editing.Sdk.Controls;

namespace Editing.Sdk.Providers;

/// <summary>
/// A source of generated video: the embedded previs generator, ComfyUI, a vendor API or a studio's own server.
/// Implementations must be safe to describe without doing work, and must honour cancellation.
/// </summary>
public interface IModelProvider
{
    /// <summary>Identity and model capabilities; pure and stable between calls.</summary>
    ProviderDescriptor Descriptor { get; }

    /// <summary>
    /// Checks a request against what the model can do, beyond the declared capabilities the host already checked
    /// (e.g. a prompt the vendor would refuse). Returns every issue at once; the default accepts everything.
    /// </summary>
    IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) => [];

    /// <summary>Generates one video. Throw <see cref="PluginException"/> with a clear message on failure.</summary>
    Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken);
}
