namespace Editing.Sdk.Tools.Edits;

/// <summary>
/// A new clip next to the target, playing the whole output, linked to the target in its metadata
/// (<c>editing.source_clip</c>). Used by extensions.
/// </summary>
public sealed record InsertClip : OutputEdit
{
    /// <summary>Before or after the target.</summary>
    public required InsertPosition Position { get; init; }

    /// <summary>Ripple or overwrite.</summary>
    public InsertMode Mode { get; init; } = InsertMode.Ripple;

    /// <summary>The new clip's name (e.g. <c>sh010 ext-tail</c>).</summary>
    public required string ClipName { get; init; }
}
