using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Tools.Shared;

namespace Editing.Tools.Generate;

/// <summary>
/// The generation shared by <c>editing.replace</c> and <c>editing.variations</c>: new media for a clip's used range,
/// exactly <see cref="ClipContext.DurationFrames"/> frames, starting at the clip's source timecode so the clip's
/// source range stays valid with the new media active. <c>from</c> picks the mode:
/// <list type="bullet">
/// <item><c>frames</c>: video-to-video over the clip's used frames (restyle, relight); the <c>reference</c> image,
/// when given, steers the look. A clip whose media is missing is generated from a slate instead (text-to-video with
/// the shot name and prompt).</item>
/// <item><c>reference</c>: image-to-video starting on the <c>reference</c> image (a storyboard frame, concept art, a
/// plate still) — new motion from a still. To keep the clip's motion and only move its look toward an image, use
/// <c>frames</c> with <c>reference</c> set.</item>
/// <item><c>prompt</c>: text-to-video from the prompt; a <c>reference</c> image, when given, goes along as a content
/// reference (a character, a prop).</item>
/// </list>
/// </summary>
internal static class ReplaceRequest
{
    public static EnumParameter From() => new("from")
    {
        Label = "From",
        Description = "What the new media is generated from.",
        Options =
        [
            new EnumOption("frames", "Clip frames", "Video-to-video over the clip's used frames; the reference image, when given, steers the look."),
            new EnumOption("reference", "Reference image", "Image-to-video starting on the reference image."),
            new EnumOption("prompt", "Prompt", "Text-to-video from the prompt; the reference image, when given, is passed as a content reference."),
        ],
        Default = "frames",
    };

    public static MediaReferenceParameter Reference() => new("reference")
    {
        Label = "Reference",
        Description = "An image: the look to move toward (from=frames), the first frame (from=reference) or a content reference (from=prompt).",
        Kind = MediaKind.Image,
        Role = MediaRole.Reference,
    };

    public static FloatParameter Strength() => CommonParameters.Strength(0.6, 0.2, 0.9,
        "How far the result may depart from the clip's frames or the reference (0 = keep, 1 = free).");

    /// <summary>The contextual checks of a replace-style generation on a clip.</summary>
    public static IEnumerable<ValidationIssue> Check(ClipContext clip, ControlValues values)
    {
        if (clip.DurationFrames <= 0)
        {
            yield return ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} is zero frames long");
        }

        var from = values.GetString("from");
        var hasReference = values.TryGetMediaReference("reference", out var reference);
        if (from == "reference" && !hasReference)
        {
            yield return ValidationIssue.Error("reference", "from=reference needs a reference image");
        }

        if (from == "prompt" && values.GetString("prompt").Trim().Length == 0)
        {
            yield return ValidationIssue.Warning("prompt", "from=prompt with an empty prompt leaves the model to invent the shot");
        }

        if (from == "frames" && ClipFacts.MediaProblem(clip) is { } problem)
        {
            yield return ValidationIssue.Warning("", problem + "; the new media is generated from a slate (text-to-video with the shot name and prompt)");
        }

        if (hasReference && reference.IsSymbolic)
        {
            var missing = reference.Path switch
            {
                MediaReferenceValue.ClipFirst or MediaReferenceValue.ClipLast => ClipFacts.MediaProblem(clip),
                MediaReferenceValue.PreviousLast => clip.Previous is { Kind: ItemKind.Clip, Media.Exists: true } ? null : "the previous item is not a clip with media",
                _ => clip.Next is { Kind: ItemKind.Clip, Media.Exists: true } ? null : "the next item is not a clip with media",
            };
            if (missing is not null)
            {
                yield return ValidationIssue.Error("reference", $"{reference.Path} names no frame here: {missing}");
            }
        }
    }

    /// <summary>Builds the request (seed included) and the ingredients it uses.</summary>
    public static async Task<(GenerationRequest Request, IReadOnlyList<Ingredient> Ingredients, IReadOnlyList<string> Warnings)> BuildAsync(
        ClipContext clip, ControlValues values, string label, ToolContext context, CancellationToken cancellationToken)
    {
        var rate = clip.Rate;
        var prompt = values.GetString("prompt");
        var timecode = SourceTimecode.Of(clip.SourceRange.StartTime, rate);
        var motion = values.GetCameraMotion("camera_motion");
        var ingredients = new List<Ingredient>();
        var warnings = new List<string>();
        string? referencePath = null;
        if (values.TryGetMediaReference("reference", out var reference))
        {
            referencePath = await FrameImages.ResolveAsync(reference, clip, context.Media, context.ScratchDirectory, "reference", cancellationToken).ConfigureAwait(false)
                ?? throw new PluginException($"reference {reference.Path} names no frame for {ClipFacts.Describe(clip)}; the host extracted none");
            ingredients.Add(new Ingredient(referencePath, "reference"));
        }

        var request = new GenerationRequest
        {
            Mode = GenerationMode.TextToVideo,
            Size = clip.Size,
            Rate = rate,
            FrameCount = Generation.Count(clip.DurationFrames),
            Seed = values.GetSeed("seed"),
            Prompt = prompt,
            NegativePrompt = values.GetString("negative_prompt"),
            CameraMotion = motion.IsNone ? null : motion,
            Slate = new SlateInfo(clip.Name, timecode, label),
        };

        switch (values.GetString("from"))
        {
            case "frames" when ClipFacts.HasMedia(clip):
                var (first, count) = ClipFacts.UsedFileFrames(clip);
                request = request with
                {
                    Mode = GenerationMode.VideoToVideo,
                    Source = new SourceVideo(clip.Media!.Path, first, count),
                    Strength = values.GetDouble("strength"),
                    References = referencePath is null ? [] : [new ReferenceImage(referencePath, MediaRole.Style)],
                };
                ingredients.Insert(0, new Ingredient(clip.Media.Path, "source", first, count));
                break;
            case "frames":
                request = request with { Prompt = prompt.Length > 0 ? prompt : clip.Name };
                warnings.Add($"{ClipFacts.MediaProblem(clip)}; the new media was generated from a slate");
                break;
            case "reference":
                request = request with { Mode = GenerationMode.ImageToVideo, FirstFrame = referencePath, Strength = values.GetDouble("strength") };
                break;
            default:
                request = request with { References = referencePath is null ? [] : [new ReferenceImage(referencePath, MediaRole.Reference)] };
                break;
        }

        return (request, ingredients, warnings);
    }

    /// <summary>The source timecode of the clip's first used frame: the new media's start timecode.</summary>
    public static string? StartTimecode(ClipContext clip) => SourceTimecode.Of(clip.SourceRange.StartTime, clip.Rate);
}
