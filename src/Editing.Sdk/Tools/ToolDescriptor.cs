using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Sdk.Tools;

/// <summary>
/// A tool's identity, what it applies to, the inputs it needs and its control schema. Pure data: describing a tool
/// does no work, and the same tool version always describes itself the same way.
/// </summary>
public sealed record ToolDescriptor
{
    /// <summary>Reverse-DNS id (<c>editing.extend</c>, <c>com.studio.relight</c>); never changes.</summary>
    public required string Id { get; init; }

    /// <summary>The tool's version; bump the major version when a parameter's meaning changes.</summary>
    public required SemanticVersion Version { get; init; }

    /// <summary>Human name.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>What it does, in one or two sentences.</summary>
    public string Description { get; init; } = "";

    /// <summary>The situations it applies to.</summary>
    public required IReadOnlyList<ToolApplication> Applications { get; init; }

    /// <summary>The item kinds it accepts (clips, gaps...).</summary>
    public required IReadOnlyList<ItemKind> Targets { get; init; }

    /// <summary>Inputs the host must prepare.</summary>
    public IReadOnlyList<ToolInput> Inputs { get; init; } = [];

    /// <summary>The parameters.</summary>
    public required ControlSchema Schema { get; init; }

    /// <summary>Provider modes the tool may ask for; empty when it never calls a provider.</summary>
    public IReadOnlyList<GenerationMode> ProviderModes { get; init; } = [];

    /// <summary>True when the same inputs, parameters and seed give the same output (with a deterministic provider).</summary>
    public bool Deterministic { get; init; }
}
