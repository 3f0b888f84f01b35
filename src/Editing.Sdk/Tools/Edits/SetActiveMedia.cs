namespace Editing.Sdk.Tools.Edits;

/// <summary>Makes one of the clip's existing media references active (picking a variant); nothing is generated.</summary>
public sealed record SetActiveMedia : EditIntent
{
    /// <summary>The media reference key to make active; it must exist on the clip.</summary>
    public required string ReferenceKey { get; init; }
}
