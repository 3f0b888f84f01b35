using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Retime;

/// <summary>
/// <c>editing.retime</c>: renders a clip's <c>LinearTimeWarp</c> or <c>FreezeFrame</c> into real frames. The clip
/// plays <see cref="ClipContext.DurationFrames"/> frames; at speed s it consumes round(duration × |s|) source frames
/// from its first used frame (a freeze: that one frame), e.g. 24 frames at 2× read 48 source frames, at 0.5× read 12.
/// The render has exactly the clip's duration, starts at the clip's source timecode, becomes the clip's active media
/// and replaces the effect (the host keeps the original reference and the removed effect for undo).
/// </summary>
/// <remarks>
/// <para><c>quality</c>: <c>duplicate</c> and <c>blend</c> are mechanical and done by the host's media layer;
/// <c>motion-compensated</c> asks the chosen provider for <see cref="GenerationMode.Interpolation"/> (so a real frame
/// interpolation model does it, seeded), and falls back to the media layer's motion-compensated interpolation, with a
/// warning, when no provider was chosen or the chosen model has no interpolation mode.</para>
/// <para>A negative speed plays the used frames backwards: they are retimed forwards, then written in reverse order.</para>
/// <para>The output is not marked partly generated: interpolation synthesizes in-between frames from the clip's own
/// frames but adds no new content. When a model made them, its generation is still recorded in the provenance.</para>
/// </remarks>
public sealed class RetimeTool : IControllableTool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.retime",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Render speed change",
        Description = "Renders a clip's speed change or freeze frame into real frames, with duplicated, blended or motion-compensated in-betweens.",
        Applications = [ToolApplication.Retime],
        Targets = [ItemKind.Clip],
        Inputs = [ToolInput.SourceMedia],
        ProviderModes = [GenerationMode.Interpolation],
        Deterministic = true,
        Schema = new ControlSchema(
            new EnumParameter("quality")
            {
                Label = "Quality",
                Description = "How in-between frames are made.",
                Options =
                [
                    new EnumOption("duplicate", "Duplicate", "Repeat the nearest source frame (fastest; stutters in slow motion)."),
                    new EnumOption("blend", "Blend", "Blend neighbouring frames (fast; ghosting on motion)."),
                    new EnumOption("motion-compensated", "Motion-compensated", "Interpolate along motion with the chosen provider's interpolation model (slow)."),
                ],
                Default = "blend",
            },
            CommonParameters.Seed()),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        var issues = ClipFacts.CheckKind(clip, Descriptor).ToList();
        if (clip.Kind != ItemKind.Clip)
        {
            return issues;
        }

        if (clip.TimeWarp is null)
        {
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} has no speed effect (LinearTimeWarp or FreezeFrame) to render"));
        }

        if (ClipFacts.MediaProblem(clip) is { } problem)
        {
            issues.Add(ValidationIssue.Error("", problem + "; a speed change is rendered from the clip's own frames"));
        }

        if (clip.DurationFrames <= 0)
        {
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} is zero frames long"));
        }

        if (issues.Count == 0 && Plan(clip) is { Held: > 0 } plan)
        {
            issues.Add(ValidationIssue.Warning("", $"at {clip.TimeWarp!.TimeScalar}× the clip needs {plan.Count + plan.Held} source frames from file frame {plan.First}, "
                + $"but the media has only {plan.Count}; the last frame is held"));
        }

        return issues;
    }

    /// <inheritdoc />
    public async Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        values = ToolRun.Prepare(this, clip, values);
        using var link = ToolRun.Link(context, cancellationToken);
        var token = link.Token;
        var media = clip.Media!;
        var plan = Plan(clip);
        var frames = Generation.Count(clip.DurationFrames);
        var reverse = clip.TimeWarp!.TimeScalar < 0;
        var quality = values.GetString("quality") switch
        {
            "duplicate" => InterpolationQuality.Duplicate,
            "motion-compensated" => InterpolationQuality.MotionCompensated,
            _ => InterpolationQuality.Blend,
        };
        var spec = new VideoWriteSpec { Size = clip.Size, Rate = clip.Rate, FrameCount = frames };
        var timecode = SourceTimecode.Of(clip.SourceRange.StartTime, clip.Rate);
        var warnings = new List<string>();
        var forwardEnd = reverse ? 0.7 : 1.0;

        context.ReportProgress(0, $"rendering {clip.TimeWarp.Kind} {clip.TimeWarp.TimeScalar}×");
        GenerationResult? generation = null;
        string forward;
        var model = quality == InterpolationQuality.MotionCompensated ? Generation.SelectedModelOrNull(context) : null;
        if (model is not null && model.Modes.Contains(GenerationMode.Interpolation))
        {
            context.ReportProgress(0.02, $"interpolating {plan.Count} source frames into {frames}");
            generation = await Generation.RunAsync(context, new GenerationRequest
            {
                Mode = GenerationMode.Interpolation,
                Size = clip.Size,
                Rate = clip.Rate,
                FrameCount = frames,
                Seed = values.GetSeed("seed"),
                Source = new SourceVideo(media.Path, plan.First, plan.Count),
                Slate = new SlateInfo(clip.Name, timecode, "retime"),
            }, token).ConfigureAwait(false);
            forward = generation.VideoPath;
        }
        else
        {
            if (quality == InterpolationQuality.MotionCompensated)
            {
                warnings.Add((model is null ? "no provider was chosen" : $"model {model.ModelId} has no interpolation mode")
                    + "; the media layer's motion-compensated interpolation was used");
            }

            forward = ScratchFiles.NewPath(context.ScratchDirectory, reverse ? "retime-forward" : "retime", ".mov");
            await context.Media.RetimeAsync(media.Path, plan.First, plan.Count, spec, quality, forward,
                new ProgressSpan(context, 0.02, forwardEnd, "retiming"), token).ConfigureAwait(false);
        }

        string output;
        if (reverse)
        {
            context.ReportProgress(forwardEnd, "reversing");
            output = ScratchFiles.NewPath(context.ScratchDirectory, "retime", ".mov");
            var writer = context.Media.CreateWriter(output, spec);
            await using (writer.ConfigureAwait(false))
            {
                await FrameCopy.CopyReversedAsync(context.Media, forward, 0, frames, spec, writer, new ProgressSpan(context, forwardEnd, 1), token).ConfigureAwait(false);
                await writer.CompleteAsync(token).ConfigureAwait(false);
            }
        }
        else
        {
            output = await ScratchFiles.AdoptAsync(forward, context.ScratchDirectory, "retime", token).ConfigureAwait(false);
        }

        context.ReportProgress(1, "done");
        return new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "out1",
                    VideoPath = output,
                    FrameCount = frames,
                    StartTimecode = timecode,
                    Label = "retime",
                    Generation = generation,
                    Ingredients = [new Ingredient(media.Path, "source", plan.First, plan.Count)],
                },
            ],
            Edits = [new ReplaceWithRender { OutputId = "out1" }],
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The source frames the speed effect consumes: from the first used file frame, round(duration × |speed|) frames
    /// (at least 1; a freeze uses 1), limited to what the file has; <c>Held</c> counts the frames the file lacks.
    /// </summary>
    private static (long First, long Count, long Held) Plan(ClipContext clip)
    {
        var (first, _) = ClipFacts.UsedFileFrames(clip);
        var warp = clip.TimeWarp!;
        var wanted = warp.Kind == "FreezeFrame" || warp.TimeScalar == 0
            ? 1
            : Math.Max(1, (long)Math.Round(clip.DurationFrames * Math.Abs(warp.TimeScalar), MidpointRounding.AwayFromZero));
        var available = ClipFacts.FileFrameCount(clip) is { } n ? Math.Max(1, n - first) : wanted;
        var count = Math.Min(wanted, available);
        return (first, count, wanted - count);
    }
}
