using Editing.Otio.OpenTime;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Extend;

/// <summary>
/// <c>editing.extend</c>: new frames that continue a shot after its last used frame (tail) or lead into its first
/// (head), placed as a new clip next to it. The model gets the last (or first) <c>context_frames</c> used frames and
/// the edge frame; the new media continues the source's timecode, and its audio is room tone from the source (or
/// silence). A clip whose media is missing (run with <c>--allow-missing</c>) is extended from a slate: text-to-video
/// with the shot name and prompt.
/// </summary>
public sealed class ExtendTool : IControllableTool
{
    /// <summary>Longest source excerpt the model is given, in frames.</summary>
    private const int MaxContextFrames = 120;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.extend",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Extend",
        Description = "Generates frames that continue a clip before its first frame or after its last, as a new clip next to it.",
        Applications = [ToolApplication.ExtendHead, ToolApplication.ExtendTail],
        Targets = [ItemKind.Clip],
        // Not EdgeFrames: the tool extracts the one edge frame its side needs itself, instead of the host extracting both.
        Inputs = [ToolInput.SourceMedia, ToolInput.Audio],
        ProviderModes = [GenerationMode.Extension, GenerationMode.TextToVideo],
        Deterministic = true,
        Schema = new ControlSchema(
            new EnumParameter("side")
            {
                Label = "Side",
                Description = "Where the new frames go: before the clip's first frame (head) or after its last (tail).",
                Options =
                [
                    new EnumOption("head", "Head", "Before the first frame; the new clip is inserted before the clip."),
                    new EnumOption("tail", "Tail", "After the last frame; the new clip is inserted after the clip."),
                ],
                Default = "tail",
            },
            new TimeParameter("duration")
            {
                Label = "Duration",
                Description = "Length of the extension; rounded to whole frames at the clip's rate.",
                Kind = TimeKind.Duration,
                Default = new RationalTime(48, 24),
            },
            CommonParameters.Prompt("What happens in the new frames; empty to simply continue the shot."),
            CommonParameters.NegativePrompt(),
            CommonParameters.Seed(),
            new EnumParameter("edit")
            {
                Label = "Edit",
                Description = "How the new clip makes room: ripple moves everything after it; overwrite covers what is there.",
                Options =
                [
                    new EnumOption("ripple", "Ripple", "Later items (on every track) move by the extension's duration."),
                    new EnumOption("overwrite", "Overwrite", "The extension covers the neighbouring items; the track keeps its length."),
                ],
                Default = "ripple",
            },
            new EnumParameter("audio")
            {
                Label = "Audio",
                Description = "Audio of the new clip when the source has audio.",
                Options =
                [
                    new EnumOption("room-tone", "Room tone", "Room tone from the clip's audio, joined without a click."),
                    new EnumOption("silence", "Silence", "Digital silence of the exact length."),
                    new EnumOption("none", "None", "No audio stream."),
                ],
                Default = "room-tone",
            },
            new IntParameter("context_frames")
            {
                Label = "Context frames",
                Description = "How many of the clip's used frames next to the edge the model sees.",
                Minimum = 2,
                Maximum = MaxContextFrames,
                Default = 16,
                Unit = "frames",
                Advanced = true,
            }),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = new List<ValidationIssue>(ClipFacts.CheckKind(clip, Descriptor));
        var tail = values.GetString("side") == "tail";
        var frames = SourceTimecode.Frames(values.GetTime("duration"), clip.Rate);
        if (frames <= 0)
        {
            issues.Add(ValidationIssue.Error("duration", $"the extension must be at least one frame at {clip.Rate} fps"));
        }

        if (clip.Kind != ItemKind.Clip)
        {
            return issues;
        }

        if (clip.DurationFrames <= 0)
        {
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} is zero frames long; there is nothing to continue"));
        }

        if (ClipFacts.MediaProblem(clip) is { } problem)
        {
            issues.Add(ValidationIssue.Warning("", problem + "; the extension is generated from a slate (text-to-video with the shot name and prompt)"));
        }
        else
        {
            var (_, used) = ClipFacts.UsedFileFrames(clip);
            var context = values.GetInt64("context_frames");
            if (used > 0 && used < context)
            {
                issues.Add(ValidationIssue.Warning("context_frames", $"the clip uses only {used} frames; the model gets those {used}"));
            }

            if (values.GetString("audio") != "none" && !ClipFacts.HasAudio(clip))
            {
                issues.Add(ValidationIssue.Warning("audio", "the clip's media has no audio; the extension gets none"));
            }

            var handle = SourceTimecode.Frames(tail ? clip.TailHandle : clip.HeadHandle, clip.Rate);
            if (frames > 0 && handle >= frames)
            {
                issues.Add(ValidationIssue.Warning("side", $"the media has {handle} unused frames {(tail ? "after the clip's out point" : "before its in point")}; "
                    + $"trimming the {(tail ? "out" : "in")} point would show real footage instead"));
            }
        }

        var neighbour = tail ? clip.Next : clip.Previous;
        if (neighbour?.Kind == ItemKind.Transition)
        {
            issues.Add(ValidationIssue.Warning("side", $"a transition touches the clip's {(tail ? "tail" : "head")}; the extension goes between the clip and the transition"));
        }

        var recordStart = SourceTimecode.Frames(clip.RecordRange.StartTime, clip.Rate);
        if (!tail && values.GetString("edit") == "overwrite" && frames > recordStart)
        {
            issues.Add(ValidationIssue.Error("edit", $"an overwrite before the clip needs {frames} frames of track before it, but the clip starts at frame {recordStart}; use ripple"));
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

        var tail = values.GetString("side") == "tail";
        var label = tail ? "ext-tail" : "ext-head";
        var rate = clip.Rate;
        var frames = SourceTimecode.Frames(values.GetTime("duration"), rate);
        var audioMode = values.GetString("audio");
        var prompt = values.GetString("prompt");
        var warnings = new List<string>();

        // The new frames continue the source's timecode: a tail starts on the frame after the last used one (the
        // source range's exclusive end), a head ends on the frame before the first used one.
        var startFrame = tail ? SourceTimecode.Frames(clip.SourceRange.EndTimeExclusive(), rate) : SourceTimecode.Frames(clip.SourceRange.StartTime, rate) - frames;
        var timecode = SourceTimecode.Of(startFrame, rate);
        if (timecode is null)
        {
            warnings.Add(startFrame < 0
                ? $"the head extension would start {-startFrame} frames before 00:00:00:00; it has no source timecode (the host stamps its default)"
                : $"{rate} fps has no SMPTE timecode; the extension has no source timecode");
        }

        context.ReportProgress(0, "preparing the extension");
        var request = new GenerationRequest
        {
            Mode = GenerationMode.Extension,
            Size = clip.Size,
            Rate = rate,
            FrameCount = Generation.Count(frames),
            Seed = values.GetSeed("seed"),
            Prompt = prompt,
            NegativePrompt = values.GetString("negative_prompt"),
            Slate = new SlateInfo(clip.Name, timecode, label),
        };

        var ingredients = new List<Ingredient>();
        (long First, long Count) used = default;
        if (ClipFacts.HasMedia(clip))
        {
            var media = clip.Media!;
            used = ClipFacts.UsedFileFrames(clip);
            var take = (int)Math.Min(values.GetInt64("context_frames"), used.Count);
            var sourceFirst = tail ? used.First + used.Count - take : used.First;
            var edge = (tail ? clip.LastFramePath : clip.FirstFramePath)
                ?? await FrameImages.ExtractAsync(context.Media, media.Path, tail ? used.First + used.Count - 1 : used.First, context.ScratchDirectory,
                    tail ? "clip-last" : "clip-first", token).ConfigureAwait(false);
            request = request with
            {
                Direction = tail ? ExtensionDirection.Forward : ExtensionDirection.Backward,
                Source = new SourceVideo(media.Path, sourceFirst, take),
                FirstFrame = tail ? edge : null,
                LastFrame = tail ? null : edge,
            };
            ingredients.Add(new Ingredient(media.Path, "source", sourceFirst, take));
            ingredients.Add(new Ingredient(edge, tail ? "first-frame" : "last-frame"));
        }
        else
        {
            // --allow-missing: nothing to continue, so a slate: the shot name (burnt in by previs) and the prompt.
            request = request with { Mode = GenerationMode.TextToVideo, Prompt = prompt.Length > 0 ? prompt : clip.Name };
            warnings.Add($"{ClipFacts.MediaProblem(clip)}; the extension was generated from a slate");
        }

        // The audio does not depend on the new frames: it is made while they are generated.
        var audioTask = MakeAudioAsync();
        context.ReportProgress(0.05, $"generating {frames} frames ({label})");
        GenerationResult generation;
        try
        {
            generation = await Generation.RunAsync(context, request, token).ConfigureAwait(false);
        }
        catch
        {
            // Let the audio finish (or fail) before the scratch folder it writes into goes away.
            await audioTask.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .ConfigureAwait(false);
            throw;
        }

        context.ReportProgress(0.8, "collecting the result");
        var video = await ScratchFiles.AdoptAsync(generation.VideoPath, context.ScratchDirectory, label, token).ConfigureAwait(false);
        var audio = await audioTask.ConfigureAwait(false);

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
                    AudioPath = audio,
                    StartTimecode = timecode,
                    Label = label,
                    Generation = generation,
                    Ingredients = ingredients,
                    PartlyGenerated = true,
                },
            ],
            Edits =
            [
                new InsertClip
                {
                    OutputId = "out1",
                    Position = tail ? InsertPosition.After : InsertPosition.Before,
                    Mode = values.GetString("edit") == "overwrite" ? InsertMode.Overwrite : InsertMode.Ripple,
                    ClipName = $"{clip.Name} {label}",
                },
            ],
            Warnings = warnings,
        };

        async Task<string?> MakeAudioAsync()
        {
            if (audioMode == "none" || !ClipFacts.HasAudio(clip))
            {
                return null;
            }

            var media = clip.Media!;
            var path = ScratchFiles.NewPath(context.ScratchDirectory, label + "-audio", ".wav");
            if (audioMode == "silence")
            {
                var sampleRate = media.Description!.AudioSampleRate!.Value;
                await SilenceWave.WriteAsync(path, rate.SamplesForFrames(frames, sampleRate), sampleRate, media.Description.AudioChannels ?? 2, token)
                    .ConfigureAwait(false);
            }
            else
            {
                await context.Media.ExtendAudioAsync(media.Path, used.First, used.Count, frames, rate, atHead: !tail, path, token).ConfigureAwait(false);
                ingredients.Add(new Ingredient(media.Path, "audio", used.First, used.Count));
            }

            return path;
        }
    }
}
