namespace Editing.Sdk.Tools.Edits;

/// <summary>Where a new clip goes relative to the target clip.</summary>
public enum InsertPosition
{
    /// <summary>Before the target (head extension).</summary>
    Before,

    /// <summary>After the target (tail extension).</summary>
    After,
}
