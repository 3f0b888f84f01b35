namespace Editing.Sdk.Tools.Edits;

/// <summary>How a new clip makes room on the track.</summary>
public enum InsertMode
{
    /// <summary>Everything after the insertion point moves later by the new clip's duration.</summary>
    Ripple,

    /// <summary>The new clip covers what was there (trimming or removing it); the track keeps its length.</summary>
    Overwrite,
}
