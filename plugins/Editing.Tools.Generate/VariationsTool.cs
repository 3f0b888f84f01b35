using System.Globalization;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Generate;

/// <summary>
/// <c>editing.variations</c>: <c>count</c> replace-style generations of a clip (see <see cref="ReplaceRequest"/>)
/// that differ only in their seed — variation k (0-based) uses <c>seed + k</c>, so variation 0 is what
/// <c>editing.replace</c> makes with the same values — each added as another media reference of the clip
/// (<c>var-s&lt;seed&gt;</c>); the first becomes active when <c>activate_first</c> is set. The editor compares them and
/// picks one with <c>editing.pick</c>.
/// </summary>
/// <remarks>
/// On a gap the tool refuses with a hint: a gap has no media references to hold variants, and after a fill the target
/// of the remaining edits would be the gap that no longer exists. Fill the gap first, then make variations of the new
/// clip.
/// </remarks>
public sealed class VariationsTool : IControllableTool
{
    /// <summary>Most variations one call makes.</summary>
    public const int MaxCount = 16;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.variations",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Variations",
        Description = "Makes several seeded versions of a replacement and adds them to the clip as variants to pick from.",
        Applications = [ToolApplication.Replace],
        Targets = [ItemKind.Clip, ItemKind.Gap],
        Inputs = [ToolInput.SourceMedia, ToolInput.EdgeFrames, ToolInput.ReferenceImages],
        ProviderModes = [GenerationMode.VideoToVideo, GenerationMode.ImageToVideo, GenerationMode.TextToVideo],
        Deterministic = true,
        Schema = new ControlSchema(
            new IntParameter("count")
            {
                Label = "Count",
                Description = "How many variations to make.",
                Minimum = 1,
                Maximum = MaxCount,
                Default = 3,
            },
            CommonParameters.Prompt("What the new shot shows."),
            CommonParameters.NegativePrompt(),
            new SeedParameter("seed")
            {
                Label = "Base seed",
                Description = "Variation k (counting from 0) uses this seed + k.",
            },
            ReplaceRequest.From(),
            ReplaceRequest.Reference(),
            ReplaceRequest.Strength(),
            CommonParameters.CameraMotion(),
            new BoolParameter("activate_first")
            {
                Label = "Activate first",
                Description = "Make the first variation the clip's active media; otherwise the active media stays as it is.",
                Default = true,
            }),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = ClipFacts.CheckKind(clip, Descriptor).ToList();
        if (clip.Kind == ItemKind.Gap)
        {
            issues.Add(ValidationIssue.Error("", $"{ClipFacts.Describe(clip)} is a gap: fill the gap first (editing.fill), then make variations of the new clip"));
        }

        if (issues.Count > 0)
        {
            return issues;
        }

        issues.AddRange(ReplaceRequest.Check(clip, values));
        var seedMax = Descriptor.Schema.Find("seed") is SeedParameter p ? p.Maximum : uint.MaxValue;
        var count = values.GetInt64("count");
        if (values.GetSeed("seed") > seedMax - (count - 1))
        {
            issues.Add(ValidationIssue.Error("seed", $"{count} variations from seed {values.GetSeed("seed")} would pass the largest seed {seedMax}"));
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
        var count = (int)values.GetInt64("count");
        var baseSeed = values.GetSeed("seed");
        var activateFirst = values.GetBool("activate_first");

        context.ReportProgress(0, "preparing variations");
        var (request, ingredients, warnings) = await ReplaceRequest.BuildAsync(clip, values, "variations", context, token).ConfigureAwait(false);
        var outputs = new List<MediaOutput>(count);
        var edits = new List<EditIntent>(count);
        for (var k = 0; k < count; k++)
        {
            var seed = baseSeed + k;
            var label = string.Create(CultureInfo.InvariantCulture, $"var-s{seed}");
            var id = string.Create(CultureInfo.InvariantCulture, $"var{k + 1}");
            var step = new ProgressSpan(context, 0.02 + (0.97 * k / count), 0.02 + (0.97 * (k + 1) / count),
                string.Create(CultureInfo.InvariantCulture, $"variation {k + 1} of {count} (seed {seed})")).Begin();
            var generation = await Generation.RunAsync(context, request with { Seed = seed, Slate = request.Slate! with { Title = label } }, token).ConfigureAwait(false);
            var video = await ScratchFiles.AdoptAsync(generation.VideoPath, context.ScratchDirectory, label, token).ConfigureAwait(false);
            step.Report(1);
            outputs.Add(new MediaOutput
            {
                Id = id,
                VideoPath = video,
                FrameCount = request.FrameCount,
                StartTimecode = ReplaceRequest.StartTimecode(clip),
                Label = label,
                Generation = generation,
                Ingredients = ingredients,
            });
            edits.Add(new AddVariant { OutputId = id, MakeActive = k == 0 && activateFirst });
        }

        context.ReportProgress(1, "done");
        return new ToolResult { Outputs = outputs, Edits = edits, Warnings = warnings };
    }
}
