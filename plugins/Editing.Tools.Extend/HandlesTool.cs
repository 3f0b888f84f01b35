using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Extend;

/// <summary>
/// <c>editing.handles</c>: generates the handles a clip lacks, so the transitions next to it have media to play.
/// The result is one new media file: generated head frames, the clip's real frames (its used range and every existing
/// handle frame, re-encoded) and generated tail frames, stamped with the timecode of its first frame in the source's
/// timecode space. It becomes the clip's active media (the original stays as another reference), and because it
/// continues the source's timecode, the clip's source range is unchanged and still valid.
/// </summary>
/// <remarks>
/// OTIO transitions: <c>in_offset</c> reaches back before the cut into the outgoing clip, <c>out_offset</c> past the
/// cut into the incoming clip. To play the transition the outgoing clip continues past its out point by
/// <c>out_offset</c> (a tail handle) and the incoming clip starts before its in point by <c>in_offset</c> (a head
/// handle). So a clip with a transition before it needs a head handle of at least the transition's in_offset, and a
/// clip with a transition after it a tail handle of at least its out_offset.
/// </remarks>
public sealed class HandlesTool : IControllableTool
{
    /// <summary>Real frames next to each edge given to the model.</summary>
    private const int ContextFrames = 16;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.handles",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Generate handles",
        Description = "Generates the head and tail handles a clip lacks (by default what its transitions need) and makes "
            + "media with them the clip's active media.",
        Applications = [ToolApplication.Transition],
        Targets = [ItemKind.Clip],
        Inputs = [ToolInput.SourceMedia, ToolInput.EdgeFrames],
        ProviderModes = [GenerationMode.Extension],
        Deterministic = true,
        Schema = new ControlSchema(
            new IntParameter("head_frames")
            {
                Label = "Head handle",
                Description = "Frames of media the clip should have before its in point, at the clip's rate. "
                    + "Default: the in_offset of the transition before the clip (none: no head handle needed).",
                Minimum = 0,
                Unit = "frames",
            },
            new IntParameter("tail_frames")
            {
                Label = "Tail handle",
                Description = "Frames of media the clip should have after its out point, at the clip's rate. "
                    + "Default: the out_offset of the transition after the clip (none: no tail handle needed).",
                Minimum = 0,
                Unit = "frames",
            },
            CommonParameters.Prompt("What happens in the generated handle frames; empty to simply continue the shot."),
            CommonParameters.Seed()),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = new List<ValidationIssue>(ClipFacts.CheckKind(clip, Descriptor));
        if (clip.Kind != ItemKind.Clip)
        {
            return issues;
        }

        if (ClipFacts.MediaProblem(clip) is { } problem)
        {
            issues.Add(ValidationIssue.Error("", problem + "; handles continue real footage, so the media must exist"));
            return issues;
        }

        if (clip.DurationFrames <= 0)
        {
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} is zero frames long"));
            return issues;
        }

        if (clip.Media!.Description?.Rate is { } fileRate && fileRate != clip.Rate)
        {
            issues.Add(ValidationIssue.Warning("", $"the media runs at {fileRate} fps and the clip at {clip.Rate} fps; handles are counted at the clip's rate"));
        }

        var plan = HandlePlan.Make(clip, values);
        issues.AddRange(plan.Issues);
        return issues;
    }

    /// <inheritdoc />
    public async Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        values = ToolRun.Prepare(this, clip, values);
        using var link = ToolRun.Link(context, cancellationToken);
        var token = link.Token;
        var plan = HandlePlan.Make(clip, values);
        var media = clip.Media!;
        var rate = clip.Rate;
        var scratch = context.ScratchDirectory;
        var seed = values.GetSeed("seed");
        var prompt = values.GetString("prompt");
        var warnings = new List<string>();
        var ingredients = new List<Ingredient> { new(media.Path, "source", plan.RealFirst, plan.RealCount) };

        context.ReportProgress(0, "preparing handles");
        GenerationResult? head = null, tail = null;
        if (plan.GeneratedHead > 0)
        {
            context.ReportProgress(0.02, $"generating {plan.GeneratedHead} head frames");
            var take = (int)Math.Min(ContextFrames, plan.RealCount);
            var edge = plan.RealHead == 0 && clip.FirstFramePath is { } first
                ? first
                : await FrameImages.ExtractAsync(context.Media, media.Path, plan.RealFirst, scratch, "media-first", token).ConfigureAwait(false);
            head = await Generation.RunAsync(context, new GenerationRequest
            {
                Mode = GenerationMode.Extension,
                Direction = ExtensionDirection.Backward,
                Size = clip.Size,
                Rate = rate,
                FrameCount = Generation.Count(plan.GeneratedHead),
                Seed = seed,
                Prompt = prompt,
                Source = new SourceVideo(media.Path, plan.RealFirst, take),
                LastFrame = edge,
                Slate = new SlateInfo(clip.Name, SourceTimecode.Of(plan.OutputStartFrame, rate), "handle-head"),
            }, token).ConfigureAwait(false);
            ingredients.Add(new Ingredient(edge, "last-frame"));
        }

        context.ReportProgress(0.4);
        if (plan.GeneratedTail > 0)
        {
            context.ReportProgress(0.4, $"generating {plan.GeneratedTail} tail frames");
            var take = (int)Math.Min(ContextFrames, plan.RealCount);
            var lastReal = plan.RealFirst + plan.RealCount - 1;
            var edge = plan.RealTail == 0 && clip.LastFramePath is { } last
                ? last
                : await FrameImages.ExtractAsync(context.Media, media.Path, lastReal, scratch, "media-last", token).ConfigureAwait(false);
            tail = await Generation.RunAsync(context, new GenerationRequest
            {
                Mode = GenerationMode.Extension,
                Direction = ExtensionDirection.Forward,
                Size = clip.Size,
                Rate = rate,
                FrameCount = Generation.Count(plan.GeneratedTail),
                Seed = seed,
                Prompt = prompt,
                Source = new SourceVideo(media.Path, lastReal + 1 - take, take),
                FirstFrame = edge,
                Slate = new SlateInfo(clip.Name, SourceTimecode.Of(plan.OutputStartFrame + plan.GeneratedHead + plan.RealCount, rate), "handle-tail"),
            }, token).ConfigureAwait(false);
            ingredients.Add(new Ingredient(edge, "first-frame"));
        }

        // One file: generated head, the real frames re-encoded (16-bit RGB in between, so 10-bit footage keeps its
        // precision), generated tail.
        context.ReportProgress(0.75, "writing the media with handles");
        var total = plan.GeneratedHead + plan.RealCount + plan.GeneratedTail;
        var spec = new VideoWriteSpec { Size = clip.Size, Rate = rate, InputFormat = FramePixelFormat.Rgb48, FrameCount = Generation.Count(total) };
        var output = ScratchFiles.NewPath(scratch, "handles", ".mov");
        var writer = context.Media.CreateWriter(output, spec);
        await using (writer.ConfigureAwait(false))
        {
            var done = 0L;
            IProgress<double> Step(long frames)
            {
                var start = 0.75 + (0.25 * done / total);
                done += frames;
                return new ProgressSpan(context, start, 0.75 + (0.25 * done / total));
            }

            if (head is not null)
            {
                await FrameCopy.CopyAsync(context.Media, head.VideoPath, 0, (int)plan.GeneratedHead, spec, writer, Step(plan.GeneratedHead), token).ConfigureAwait(false);
            }

            await FrameCopy.CopyAsync(context.Media, media.Path, plan.RealFirst, (int)plan.RealCount, spec, writer, Step(plan.RealCount), token).ConfigureAwait(false);
            if (tail is not null)
            {
                await FrameCopy.CopyAsync(context.Media, tail.VideoPath, 0, (int)plan.GeneratedTail, spec, writer, Step(plan.GeneratedTail), token).ConfigureAwait(false);
            }

            await writer.CompleteAsync(token).ConfigureAwait(false);
        }

        if (ClipFacts.HasAudio(clip))
        {
            warnings.Add("the media with handles has no audio; the clip's audio stays on its audio tracks");
        }

        if (head is not null && tail is not null)
        {
            // MediaOutput holds one GenerationResult; both requests share provider, model and seed.
            context.Logger.Log(PluginLogLevel.Debug, "handles: head and tail generated separately; provenance records the tail request");
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
                    FrameCount = total,
                    StartTimecode = SourceTimecode.Of(plan.OutputStartFrame, rate),
                    Label = "handles",
                    Generation = tail ?? head,
                    Ingredients = ingredients,
                    PartlyGenerated = true,
                },
            ],
            Edits = [new ReplaceActiveMedia { OutputId = "out1" }],
            Warnings = warnings,
        };
    }
}
