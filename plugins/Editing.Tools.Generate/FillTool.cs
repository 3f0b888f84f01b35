using System.Text.RegularExpressions;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Generate;

/// <summary>
/// <c>editing.fill</c>: a generated clip of exactly a gap's duration. By default it starts on the previous clip's
/// last frame and ends on the next clip's first frame, so the fill bridges the cut: with both frames it asks for
/// image-to-video with a first and a last frame, with one frame image-to-video from that frame, with none
/// text-to-video. The new media is stamped with the record timecode where it sits.
/// </summary>
public sealed partial class FillTool : IControllableTool
{
    private const int MaxNameLength = 32;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.fill",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Fill gap",
        Description = "Generates a clip of exactly the gap's duration, leading from the previous clip's last frame to the next clip's first.",
        Applications = [ToolApplication.FillGap],
        Targets = [ItemKind.Gap],
        Inputs = [ToolInput.NeighbourFrames, ToolInput.ReferenceImages],
        ProviderModes = [GenerationMode.ImageToVideo, GenerationMode.TextToVideo],
        Deterministic = true,
        Schema = new ControlSchema(
            CommonParameters.Prompt("What happens in the gap."),
            CommonParameters.NegativePrompt(),
            CommonParameters.Seed(),
            new MediaReferenceParameter("first_frame")
            {
                Label = "First frame",
                Description = "The frame the fill starts on: by default the previous clip's last frame.",
                Kind = MediaKind.Frame,
                Role = MediaRole.First,
                Default = new MediaReferenceValue(MediaReferenceValue.PreviousLast),
            },
            new MediaReferenceParameter("last_frame")
            {
                Label = "Last frame",
                Description = "The frame the fill ends on: by default the next clip's first frame.",
                Kind = MediaKind.Frame,
                Role = MediaRole.Last,
                Default = new MediaReferenceValue(MediaReferenceValue.NextFirst),
            },
            CommonParameters.CameraMotion(),
            CommonParameters.Strength(null, null, null, "How far the fill may depart from its first and last frames (0 = stay close, 1 = free); the model's default when not set.")),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = new List<ValidationIssue>(ClipFacts.CheckKind(clip, Descriptor));
        if (clip.Kind == ItemKind.Gap && clip.DurationFrames <= 0)
        {
            issues.Add(ValidationIssue.Error("", $"gap '{clip.Name}' ({clip.ItemPath}) is zero frames long; there is nothing to fill"));
        }

        foreach (var id in (ReadOnlySpan<string>)["first_frame", "last_frame"])
        {
            var value = values.GetMediaReference(id);
            if (value.Path is MediaReferenceValue.ClipFirst or MediaReferenceValue.ClipLast)
            {
                issues.Add(ValidationIssue.Error(id, $"a gap has no frames of its own ({value.Path}); use {MediaReferenceValue.PreviousLast}, {MediaReferenceValue.NextFirst} or a file"));
            }
            else if (value.IsSymbolic && IsExplicit(id, value))
            {
                var neighbour = value.Path == MediaReferenceValue.PreviousLast ? clip.Previous : clip.Next;
                if (neighbour is not { Kind: ItemKind.Clip, Media.Exists: true })
                {
                    issues.Add(ValidationIssue.Warning(id, $"{value.Path} names no frame here (the {(neighbour is null ? "track has no item" : "item is a " + ClipFacts.Kebab(neighbour.Kind) + " or its media is missing")} on that side); the fill goes without it"));
                }
            }
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
        var rate = clip.Rate;
        var frames = clip.DurationFrames;
        var prompt = values.GetString("prompt");
        var warnings = new List<string>();
        var ingredients = new List<Ingredient>();

        context.ReportProgress(0, "preparing the fill");
        var first = await FrameImages.ResolveAsync(values.GetMediaReference("first_frame"), clip, context.Media, context.ScratchDirectory, "first-frame", token).ConfigureAwait(false);
        var last = await FrameImages.ResolveAsync(values.GetMediaReference("last_frame"), clip, context.Media, context.ScratchDirectory, "last-frame", token).ConfigureAwait(false);

        // Drop the conditioning the chosen model cannot take, and say so, rather than have the request refused.
        // Without a chosen model (the generation will say so) nothing is dropped.
        var model = Generation.SelectedModelOrNull(context);
        var imageToVideo = model is null || model.Modes.Contains(GenerationMode.ImageToVideo);
        if (model is not null && first is not null && !(imageToVideo && model.SupportsFirstFrame))
        {
            warnings.Add($"model {model.ModelId} cannot start on a given frame; the fill ignores first_frame");
            first = null;
        }

        if (model is not null && last is not null && !(imageToVideo && model.SupportsLastFrame))
        {
            warnings.Add($"model {model.ModelId} cannot end on a given frame; the fill ignores last_frame");
            last = null;
        }

        if (first is not null)
        {
            ingredients.Add(new Ingredient(first, "first-frame"));
        }

        if (last is not null)
        {
            ingredients.Add(new Ingredient(last, "last-frame"));
        }

        var recordStart = SourceTimecode.Frames(clip.RecordRange.StartTime, rate)
            + (clip.TimelineStart is { } start ? SourceTimecode.Frames(start, rate) : 0);
        var timecode = SourceTimecode.Of(recordStart, rate);
        var motion = values.GetCameraMotion("camera_motion");
        var request = new GenerationRequest
        {
            Mode = first is null && last is null ? GenerationMode.TextToVideo : GenerationMode.ImageToVideo,
            Size = clip.Size,
            Rate = rate,
            FrameCount = Generation.Count(frames),
            Seed = values.GetSeed("seed"),
            Prompt = prompt,
            NegativePrompt = values.GetString("negative_prompt"),
            FirstFrame = first,
            LastFrame = last,
            CameraMotion = motion.IsNone ? null : motion,
            Strength = values.TryGetDouble("strength", out var strength) ? strength : null,
            Slate = new SlateInfo(clip.Name.Length > 0 ? clip.Name : "fill", timecode, "fill"),
        };

        context.ReportProgress(0.05, $"generating {frames} frames ({request.Mode})");
        var generation = await Generation.RunAsync(context, request, token).ConfigureAwait(false);
        context.ReportProgress(0.9, "collecting the result");
        var video = await ScratchFiles.AdoptAsync(generation.VideoPath, context.ScratchDirectory, "fill", token).ConfigureAwait(false);
        context.ReportProgress(1, "done");
        return new ToolResult
        {
            Outputs =
            [
                new MediaOutput
                {
                    Id = "out1",
                    VideoPath = video,
                    FrameCount = frames,
                    StartTimecode = timecode,
                    Label = "fill",
                    Generation = generation,
                    Ingredients = ingredients,
                },
            ],
            Edits = [new FillGap { OutputId = "out1", ClipName = ClipName(prompt) }],
            Warnings = warnings,
        };
    }

    /// <summary>
    /// A short clip name from the prompt: its first four words, lower case, at most 32 characters
    /// (<c>"Rain on the window, at night"</c> → <c>rain on the window</c>); <c>fill</c> without a prompt.
    /// </summary>
    public static string ClipName(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var name = "";
        foreach (var word in Words().Matches(prompt.ToLowerInvariant()).Select(m => m.Value).Take(4))
        {
            var next = name.Length == 0 ? word : name + " " + word;
            if (next.Length > MaxNameLength)
            {
                if (name.Length == 0)
                {
                    name = word[..MaxNameLength];
                }

                break;
            }

            name = next;
        }

        return name.Length == 0 ? "fill" : name;
    }

    private bool IsExplicit(string id, MediaReferenceValue value) =>
        Descriptor.Schema.Find(id) is MediaReferenceParameter { Default: { } d } ? d != value : true;

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
