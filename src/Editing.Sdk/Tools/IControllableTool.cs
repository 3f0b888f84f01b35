using Editing.Sdk.Controls;

namespace Editing.Sdk.Tools;

/// <summary>
/// A tool an editor applies to a clip or gap: extend, fill, replace, restyle... The host validates the parameters
/// against <see cref="ToolDescriptor.Schema"/> and calls <see cref="Validate"/> for everything, before any work;
/// then <see cref="RunAsync"/> produces media and says how the timeline should change. Tools never edit the timeline.
/// </summary>
public interface IControllableTool
{
    /// <summary>Identity, targets, inputs and parameters; pure and stable between calls.</summary>
    ToolDescriptor Descriptor { get; }

    /// <summary>
    /// Checks what the schema cannot (e.g. "a head extension needs a clip with media", "the gap is zero frames").
    /// Parameters are already schema-valid and normalized. Returns every issue at once; the default accepts all.
    /// </summary>
    IReadOnlyList<ValidationIssue> Validate(ClipContext clip, ControlValues values) => [];

    /// <summary>
    /// Does the work. Write outputs into <see cref="PluginContext.ScratchDirectory"/>; the host conforms them to the
    /// timeline, names them, moves them into the output's media folder and applies the edits.
    /// </summary>
    Task<ToolResult> RunAsync(ClipContext clip, ControlValues values, ToolContext context, CancellationToken cancellationToken);
}
