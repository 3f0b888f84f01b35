namespace Editing.Sdk.Tools.Edits;

/// <summary>An edit that places one of the tool's outputs in the timeline.</summary>
public abstract record OutputEdit : EditIntent
{
    private protected OutputEdit()
    {
    }

    /// <summary>The <see cref="MediaOutput.Id"/> of the output the edit uses.</summary>
    public required string OutputId { get; init; }
}
