namespace Editing.Sdk.Tools.Edits;

/// <summary>
/// Adds the output as another media reference of the clip (a variation); it becomes active only when
/// <see cref="MakeActive"/> is set. The editor picks later with <c>editing pick</c>.
/// </summary>
public sealed record AddVariant : OutputEdit
{
    /// <summary>True to make this variant the active media.</summary>
    public bool MakeActive { get; init; }
}
