using Editing.Otio.OpenTime;
using Editing.Sdk.Media;

namespace Editing.Sdk.Providers;

/// <summary>
/// What one model of a provider can do. Model ids, sizes and limits are data (from the plugin or its configuration),
/// because vendors add and retire models within months. The host negotiates every request against these limits.
/// </summary>
public sealed record ModelCapabilities
{
    /// <summary>The vendor's model id (<c>gen4_turbo</c>, <c>veo-3.1-generate-preview</c>, <c>previs-1</c>).</summary>
    public required string ModelId { get; init; }

    /// <summary>Model version as the vendor names it, or empty.</summary>
    public string Version { get; init; } = "";

    /// <summary>Human name.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Supported modes.</summary>
    public required IReadOnlyList<GenerationMode> Modes { get; init; }

    /// <summary>Sizes the model generates; empty means any size (subject to <see cref="SizeMultiple"/>).</summary>
    public IReadOnlyList<PixelSize> NativeSizes { get; init; } = [];

    /// <summary>Rates the model generates; empty means any rate.</summary>
    public IReadOnlyList<VideoRate> NativeRates { get; init; } = [];

    /// <summary>Width and height must be multiples of this (16 for Wan, 32 for LTX-Video); 1 for any.</summary>
    public int SizeMultiple { get; init; } = 1;

    /// <summary>Allowed frame counts.</summary>
    public FrameCountGrid FrameGrid { get; init; } = FrameCountGrid.Any;

    /// <summary>Shortest clip the model makes, or null for no limit.</summary>
    public RationalTime? MinDuration { get; init; }

    /// <summary>Longest clip the model makes in one request, or null for no limit.</summary>
    public RationalTime? MaxDuration { get; init; }

    /// <summary>Durations the model accepts when it only takes a fixed set (Runway: 5 s or 10 s); empty for any.</summary>
    public IReadOnlyList<RationalTime> AllowedDurations { get; init; } = [];

    /// <summary>True when image-to-video can take a first frame.</summary>
    public bool SupportsFirstFrame { get; init; }

    /// <summary>True when image-to-video can take a last frame (keyframe on the end).</summary>
    public bool SupportsLastFrame { get; init; }

    /// <summary>True when a negative prompt is honoured.</summary>
    public bool SupportsNegativePrompt { get; init; }

    /// <summary>True when camera motion controls are honoured.</summary>
    public bool SupportsCameraMotion { get; init; }

    /// <summary>Longest prompt in characters, or null for no limit.</summary>
    public int? MaxPromptLength { get; init; }

    /// <summary>True when the same request and seed give the same pixels.</summary>
    public bool DeterministicSeed { get; init; }

    /// <summary>The training-data declaration for provenance and policy.</summary>
    public TrainingDataDeclaration TrainingData { get; init; } = TrainingDataDeclaration.Undeclared;
}
