using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Generate;

/// <summary>
/// <c>editing.replace</c>: new media for a clip's used range (video-to-video over its frames, image-to-video from a
/// reference image, or text-to-video; see <see cref="ReplaceRequest"/>), made the clip's active media while the
/// original stays as another reference. The new media has exactly the clip's duration and starts at the clip's source
/// timecode, so the clip's source range is unchanged and plays all of it.
/// </summary>
public sealed class ReplaceTool : IControllableTool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.replace",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Replace",
        Description = "Regenerates a clip's used range from its frames, a reference image or a prompt and makes the result the clip's active media.",
        Applications = [ToolApplication.Replace],
        Targets = [ItemKind.Clip],
        Inputs = [ToolInput.SourceMedia, ToolInput.EdgeFrames, ToolInput.ReferenceImages],
        ProviderModes = [GenerationMode.VideoToVideo, GenerationMode.ImageToVideo, GenerationMode.TextToVideo],
        Deterministic = true,
        Schema = new ControlSchema(
            CommonParameters.Prompt("What the new shot shows."),
            CommonParameters.NegativePrompt(),
            CommonParameters.Seed(),
            ReplaceRequest.From(),
            ReplaceRequest.Reference(),
            ReplaceRequest.Strength(),
            CommonParameters.CameraMotion()),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = ClipFacts.CheckKind(clip, Descriptor).ToList();
        return issues.Count > 0 ? issues : [.. ReplaceRequest.Check(clip, values)];
    }

    /// <inheritdoc />
    public async Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        values = ToolRun.Prepare(this, clip, values);
        using var link = ToolRun.Link(context, cancellationToken);
        var token = link.Token;
        const string label = "replace";

        context.ReportProgress(0, "preparing the replacement");
        var (request, ingredients, warnings) = await ReplaceRequest.BuildAsync(clip, values, label, context, token).ConfigureAwait(false);
        context.ReportProgress(0.05, $"generating {request.FrameCount} frames ({request.Mode})");
        var generation = await Generation.RunAsync(context, request, token).ConfigureAwait(false);
        context.ReportProgress(0.9, "collecting the result");
        var video = await ScratchFiles.AdoptAsync(generation.VideoPath, context.ScratchDirectory, label, token).ConfigureAwait(false);
        context.ReportProgress(1, "done");
        return new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "out1",
                    VideoPath = video,
                    FrameCount = request.FrameCount,
                    StartTimecode = ReplaceRequest.StartTimecode(clip),
                    Label = label,
                    Generation = generation,
                    Ingredients = ingredients,
                },
            ],
            Edits = [new ReplaceActiveMedia { OutputId = "out1" }],
            Warnings = warnings,
        };
    }
}
