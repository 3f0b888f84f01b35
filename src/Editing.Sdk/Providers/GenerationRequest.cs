using System.Text.Json;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;

namespace Editing.Sdk.Providers;

/// <summary>
/// One generation: the mode, the target shape of the result, the prompt, the seed and the conditioning media.
/// Tools fill in the target the timeline needs (size, exact rate, frame count); the host negotiates it against the
/// model's capabilities before the provider sees it, and conforms the output back to the target afterwards, so a
/// provider receives only requests its model can do. Media cross process boundaries as file paths.
/// </summary>
public sealed record GenerationRequest
{
    /// <summary>What to do.</summary>
    public required GenerationMode Mode { get; init; }

    /// <summary>The model to use, or null for the provider's default.</summary>
    public string? ModelId { get; init; }

    /// <summary>Frame size to generate.</summary>
    public required PixelSize Size { get; init; }

    /// <summary>Exact frame rate to generate.</summary>
    public required VideoRate Rate { get; init; }

    /// <summary>Frames to generate.</summary>
    public required int FrameCount { get; init; }

    /// <summary>Seed; the same seed and request give the same output on deterministic models.</summary>
    public long Seed { get; init; }

    /// <summary>What to show, in words.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>What to avoid, in words.</summary>
    public string NegativePrompt { get; init; } = "";

    /// <summary>A still the first generated frame should match (image-to-video, fills, tail extensions).</summary>
    public string? FirstFrame { get; init; }

    /// <summary>A still the last generated frame should match (fills, head extensions).</summary>
    public string? LastFrame { get; init; }

    /// <summary>Source frames for video-to-video, extension, interpolation and upscale.</summary>
    public SourceVideo? Source { get; init; }

    /// <summary>For <see cref="GenerationMode.Extension"/>: which way to continue the source.</summary>
    public ExtensionDirection Direction { get; init; } = ExtensionDirection.Forward;

    /// <summary>Reference images (style, character).</summary>
    public IReadOnlyList<ReferenceImage> References { get; init; } = [];

    /// <summary>Camera move to perform, or null for none.</summary>
    public CameraMotion? CameraMotion { get; init; }

    /// <summary>How far the result may depart from its conditioning (0 = keep, 1 = free), or null for the model default.</summary>
    public double? Strength { get; init; }

    /// <summary>Labels for burn-ins (previs cards).</summary>
    public SlateInfo? Slate { get; init; }

    /// <summary>
    /// Provider-specific settings by id (a JSON object), for models with controls the common request lacks.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental(SdkVersion.ExperimentalDiagnosticId)]
    public JsonElement? Extra { get; init; }
}
