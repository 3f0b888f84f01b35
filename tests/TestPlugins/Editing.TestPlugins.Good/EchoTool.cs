using System.Globalization;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;

namespace Editing.TestPlugins.Good;

/// <summary>
/// Writes its parameters into <c>echo-SEED.txt</c> in the scratch folder (same inputs, same bytes), reporting progress
/// and logging on the way. <c>delay_ms</c> waits (honouring cancellation); <c>generate</c> asks the chosen provider for
/// a clip through the host first; <c>probe</c> probes the clip's media with the host's media services.
/// </summary>
public sealed class EchoTool : IControllableTool
{
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "test.echo",
        Version = SemanticVersion.Parse("1.2.0"),
        DisplayName = "Echo",
        Description = "Writes its parameters to a file.",
        Applications = [ToolApplication.Replace, ToolApplication.FillGap],
        Targets = [ItemKind.Clip, ItemKind.Gap],
        Inputs = [ToolInput.EdgeFrames],
        ProviderModes = [GenerationMode.TextToVideo],
        Deterministic = true,
        Schema = new ControlSchema(
            new StringParameter("text") { Label = "Text", Description = "What to write.", Default = "hello", MaxLength = 200, Role = TextRole.Prompt },
            new SeedParameter("seed") { Default = 1 },
            new IntParameter("frames") { Label = "Frames", Minimum = 1, Maximum = 1000, Default = 12, Unit = "frames" },
            new IntParameter("delay_ms") { Minimum = 0, Maximum = 60_000, Default = 0, Unit = "ms", Advanced = true },
            new BoolParameter("generate") { Default = false, Group = "Provider" },
            new BoolParameter("probe") { Default = false, Advanced = true }),
    };

    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        var text = values["text"].GetString() ?? "";
        return text.Contains("forbidden", StringComparison.Ordinal)
            ? [ValidationIssue.Error("text", "the word 'forbidden' is not allowed")]
            : [];
    }

    public async Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        var text = values["text"].GetString() ?? "";
        var seed = values["seed"].GetInt64();
        var frames = values["frames"].GetInt64();
        var delay = values["delay_ms"].GetInt64();
        var generate = values["generate"].GetBoolean();
        var probe = values["probe"].GetBoolean();

        context.Logger.Log(PluginLogLevel.Information, $"echo: starting on {clip.Name}");
        context.ReportProgress(0.25, "thinking");
        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken);
        }

        context.ReportProgress(0.5, "writing");
        GenerationResult? generation = null;
        if (generate)
        {
            generation = await context.Providers.GenerateAsync(new GenerationRequest
            {
                Mode = GenerationMode.TextToVideo,
                Size = clip.Size,
                Rate = clip.Rate,
                FrameCount = (int)frames,
                Seed = seed,
                Prompt = text,
            }, cancellationToken);
        }

        var path = Path.Combine(context.ScratchDirectory, string.Create(CultureInfo.InvariantCulture, $"echo-{seed}.txt"));
        var line = string.Create(CultureInfo.InvariantCulture, $"{text}|{seed}|{frames}|{clip.Name}|{clip.Rate}|{clip.DurationFrames}\n");
        if (probe)
        {
            var media = await context.Media.ProbeAsync(clip.Media?.Path ?? "/no/media.mov", cancellationToken);
            line += $"probed {media.Path}: {media.VideoCodec}\n";
        }

        await File.WriteAllTextAsync(path, line, cancellationToken);
        context.ReportProgress(1, "done");
        context.Logger.Log(PluginLogLevel.Debug, "echo: wrote " + Path.GetFileName(path));
        return new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "out1",
                    VideoPath = generation?.VideoPath ?? path,
                    FrameCount = frames,
                    Label = "echo",
                    Generation = generation,
                    Ingredients = [new Ingredient(path, "source", 0, frames)],
                },
            ],
            Edits = [new ReplaceActiveMedia { OutputId = "out1" }],
            Warnings = text.Length == 0 ? ["the text is empty"] : [],
        };
    }
}
