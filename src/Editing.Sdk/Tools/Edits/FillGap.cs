namespace Editing.Sdk.Tools.Edits;

/// <summary>Replaces the target gap with a clip of exactly the gap's duration playing the output.</summary>
public sealed record FillGap : OutputEdit
{
    /// <summary>The new clip's name.</summary>
    public required string ClipName { get; init; }
}
