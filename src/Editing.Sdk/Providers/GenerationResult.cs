using System.Text.Json;
using Editing.Sdk.Media;

namespace Editing.Sdk.Providers;

/// <summary>What a provider produced: one video file plus what is needed for provenance.</summary>
public sealed record GenerationResult
{
    /// <summary>Absolute path of the generated video (inside the provider's scratch folder or the host's output).</summary>
    public required string VideoPath { get; init; }

    /// <summary>Frames in the file.</summary>
    public required long FrameCount { get; init; }

    /// <summary>Frame size of the file.</summary>
    public required PixelSize Size { get; init; }

    /// <summary>Exact rate of the file.</summary>
    public required VideoRate Rate { get; init; }

    /// <summary>The seed actually used.</summary>
    public long Seed { get; init; }

    /// <summary>Id of the provider that made it.</summary>
    public string ProviderId { get; init; } = "";

    /// <summary>Version of the provider that made it.</summary>
    public string ProviderVersion { get; init; } = "";

    /// <summary>The model used.</summary>
    public string ModelId { get; init; } = "";

    /// <summary>The model version used, when the vendor reports it.</summary>
    public string ModelVersion { get; init; } = "";

    /// <summary>The model's training-data declaration.</summary>
    public TrainingDataDeclaration TrainingData { get; init; } = TrainingDataDeclaration.Undeclared;

    /// <summary>The vendor's task or job id, for support requests.</summary>
    public string? RemoteTaskId { get; init; }

    /// <summary>Things the editor should know (e.g. the prompt was shortened to the model's limit).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Anything else worth recording, as a JSON object.</summary>
    public JsonElement? Metadata { get; init; }
}
