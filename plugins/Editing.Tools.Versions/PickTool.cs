using System.Globalization;
using Editing.Sdk.Controls;
using Editing.Sdk.Tools;
using Editing.Sdk.Tools.Edits;
using Editing.Sdk.Versioning;
using Editing.Tools.Shared;

namespace Editing.Tools.Versions;

/// <summary>
/// <c>editing.pick</c>: makes one of a clip's existing media references active, by <c>key</c> or by <c>variant</c>
/// number. Variants are the clip's references after its first (the original, usually <c>DEFAULT_MEDIA</c>), in the
/// clip's order, numbered from 1: on a clip with <c>DEFAULT_MEDIA</c>, <c>generated_v001</c>, <c>variant_v001</c>,
/// variant 2 is <c>variant_v001</c>. Nothing is generated.
/// </summary>
public sealed class PickTool : IControllableTool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "editing.pick",
        Version = SemanticVersion.Parse("1.0.0"),
        DisplayName = "Pick version",
        Description = "Makes one of the clip's media references (the original, a generated version or a variant) the active one.",
        Applications = [ToolApplication.Replace],
        Targets = [ItemKind.Clip],
        Deterministic = true,
        Schema = new ControlSchema(
            new StringParameter("key")
            {
                Label = "Reference key",
                Description = "The media reference to make active (DEFAULT_MEDIA, generated_v001, variant_v002...). Give key or variant.",
                Role = TextRole.Name,
                MinLength = 1,
            },
            new IntParameter("variant")
            {
                Label = "Variant",
                Description = "The n-th of the clip's references after the original, counting from 1. Give key or variant.",
                Minimum = 1,
            }),
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(values);
        values = Descriptor.Schema.Normalize(values);
        var issues = ClipFacts.CheckKind(clip, Descriptor).ToList();
        var hasKey = values.TryGetString("key", out var key);
        var hasVariant = values.TryGetInt64("variant", out var variant);
        if (hasKey == hasVariant)
        {
            issues.Add(ValidationIssue.Error(hasKey ? "variant" : "key", hasKey
                ? "give key or variant, not both"
                : "give the media reference to make active: key (e.g. variant_v002) or variant (1, 2...)"));
        }

        if (clip.Kind != ItemKind.Clip || hasKey == hasVariant)
        {
            return issues;
        }

        var keys = clip.MediaReferenceKeys;
        if (hasKey && !keys.Contains(key, StringComparer.Ordinal))
        {
            issues.Add(ValidationIssue.Error("key", $"{ClipFacts.Describe(clip)} has no media reference '{key}' (it has: {Listing(keys)})"));
        }

        var variants = Variants(clip);
        if (hasVariant && variant > variants.Count)
        {
            issues.Add(ValidationIssue.Error("variant", variants.Count == 0
                ? $"{ClipFacts.Describe(clip)} has no variants: its only media reference is {Listing(keys)}"
                : string.Create(CultureInfo.InvariantCulture, $"{ClipFacts.Describe(clip)} has {variants.Count} variant(s): {Numbered(variants)}")));
        }

        var chosen = hasKey ? key : hasVariant && variant <= variants.Count ? variants[(int)variant - 1] : null;
        if (chosen is not null && chosen == clip.ActiveMediaReferenceKey)
        {
            issues.Add(ValidationIssue.Warning(hasKey ? "key" : "variant", $"'{chosen}' is already the active media"));
        }

        return issues;
    }

    /// <inheritdoc />
    public Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        values = ToolRun.Prepare(this, clip, values);
        cancellationToken.ThrowIfCancellationRequested();
        var key = values.TryGetString("key", out var k) ? k : Variants(clip)[(int)values.GetInt64("variant") - 1];
        context.ReportProgress(1, $"picking {key}");
        return Task.FromResult(new ToolResult
        {
            Outputs = [],
            Edits = [new SetActiveMedia { ReferenceKey = key }],
        });
    }

    /// <summary>The clip's references after the original (its first), in order.</summary>
    private static IReadOnlyList<string> Variants(ClipContext clip) => clip.MediaReferenceKeys.Skip(1).ToList();

    private static string Listing(IReadOnlyList<string> keys) => keys.Count == 0 ? "none" : string.Join(", ", keys);

    private static string Numbered(IReadOnlyList<string> keys) =>
        string.Join(", ", keys.Select((k, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1} = {k}")));
}
