using Editing.Sdk.Versioning;

namespace Editing.Sdk.Providers;

/// <summary>A model provider's identity and models. Pure data: describing a provider does no work.</summary>
public sealed record ProviderDescriptor
{
    /// <summary>Reverse-DNS id (<c>editing.previs</c>, <c>com.studio.catalog-model</c>); never changes.</summary>
    public required string Id { get; init; }

    /// <summary>The provider's version.</summary>
    public required SemanticVersion Version { get; init; }

    /// <summary>Human name.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>One or two sentences.</summary>
    public string Description { get; init; } = "";

    /// <summary>The models, first is the default.</summary>
    public required IReadOnlyList<ModelCapabilities> Models { get; init; }

    /// <summary>True when requests leave the machine (a paid or remote API).</summary>
    public bool Remote { get; init; }

    /// <summary>The model with <paramref name="modelId"/>, the default (first) model when null, or null when unknown.</summary>
    public ModelCapabilities? FindModel(string? modelId) =>
        modelId is null ? Models.FirstOrDefault() : Models.FirstOrDefault(m => m.ModelId == modelId);
}
