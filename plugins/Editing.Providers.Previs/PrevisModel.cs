using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Previs;

/// <summary>The provider's identity and its one model, as data.</summary>
internal static class PrevisModel
{
    public const string ProviderId = "editing.previs";
    public const string ProviderVersion = "1.0.0";
    public const string ModelId = "previs-1";
    public const string ModelVersion = "1";

    /// <summary>Largest width or height accepted (8K).</summary>
    public const int MaxDimension = 8192;

    public static TrainingDataDeclaration TrainingData { get; } = new("synthetic", "procedural, no training data");

    public static ProviderDescriptor Descriptor { get; } = new()
    {
        Id = ProviderId,
        Version = SemanticVersion.Parse(ProviderVersion),
        DisplayName = "Previs",
        Description = "Deterministic procedural stand-ins made on this machine's CPU: storyboard cards, camera moves on stills, "
            + "motion-continued extensions, retimes, colour-matched restyles and upscales. No model, no network.",
        Remote = false,
        Models =
        [
            new ModelCapabilities
            {
                ModelId = ModelId,
                Version = ModelVersion,
                DisplayName = "Previs (procedural)",
                Modes =
                [
                    GenerationMode.TextToVideo,
                    GenerationMode.ImageToVideo,
                    GenerationMode.VideoToVideo,
                    GenerationMode.Extension,
                    GenerationMode.Interpolation,
                    GenerationMode.Upscale,
                ],
                SizeMultiple = 2,
                FrameGrid = FrameCountGrid.Any,
                SupportsFirstFrame = true,
                SupportsLastFrame = true,
                SupportsNegativePrompt = false,
                SupportsCameraMotion = true,
                DeterministicSeed = true,
                TrainingData = TrainingData,
            },
        ],
    };
}
