using Editing.Sdk.Tools.Edits;

namespace Editing.Sdk.Tools;

/// <summary>What a tool call produced: media files and the edits that place them in the timeline.</summary>
public sealed record ToolResult
{
    /// <summary>Media produced, by id.</summary>
    public required IReadOnlyList<MediaOutput> Outputs { get; init; }

    /// <summary>Edits to apply, in order.</summary>
    public required IReadOnlyList<EditIntent> Edits { get; init; }

    /// <summary>Things the editor should know.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
