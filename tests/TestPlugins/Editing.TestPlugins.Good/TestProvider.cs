using System.Globalization;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.TestPlugins.Good;

/// <summary>
/// "Generates" a text file describing the request. Prompt <c>refuse</c> fails validation; prompt <c>throttle</c> throws
/// a transient <see cref="PluginException"/>. Reports whether the <c>TEST_TOKEN</c> secret arrived, never its value.
/// </summary>
public sealed class TestProvider : IModelProvider
{
    public ProviderDescriptor Descriptor { get; } = new()
    {
        Id = "test.provider",
        Version = SemanticVersion.Parse("0.3.0"),
        DisplayName = "Test provider",
        Models =
        [
            new ModelCapabilities
            {
                ModelId = "echo-1",
                Modes = [GenerationMode.TextToVideo],
                FrameGrid = new FrameCountGrid(4, 1),
                DeterministicSeed = true,
                TrainingData = new TrainingDataDeclaration("synthetic", "CC0-1.0"),
            },
            new ModelCapabilities { ModelId = "echo-2", Modes = [GenerationMode.TextToVideo, GenerationMode.ImageToVideo] },
        ],
    };

    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) =>
        request.Prompt.Contains("refuse", StringComparison.Ordinal)
            ? [ValidationIssue.Error("prompt", "the test provider refuses this prompt")]
            : [];

    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        context.ReportProgress(0.5, "generating");
        if (request.Prompt == "throttle")
        {
            throw new PluginException("the test provider is busy; try again in a minute") { IsTransient = true, Code = "THROTTLED" };
        }

        var path = Path.Combine(context.ScratchDirectory, string.Create(CultureInfo.InvariantCulture, $"gen-{request.Seed}.txt"));
        var secret = context.GetSecret("TEST_TOKEN") is null ? "missing" : "present";
        var greeting = context.Settings.GetValueOrDefault("greeting", "");
        await File.WriteAllTextAsync(path, $"{request.Prompt}|{request.Seed}|{request.FrameCount}|{request.ModelId}|{greeting}|secret {secret}\n", cancellationToken);
        context.Logger.Log(PluginLogLevel.Information, "generated " + Path.GetFileName(path));
        return new GenerationResult
        {
            VideoPath = path,
            FrameCount = request.FrameCount,
            Size = request.Size,
            Rate = request.Rate,
            Seed = request.Seed,
            ModelId = request.ModelId ?? "echo-1",
        };
    }
}
