namespace Editing.Host.Edits;

/// <summary>A tool's edit cannot be applied to its target; nothing is written.</summary>
public sealed class EditException : Exception
{
    /// <summary>Creates the error.</summary>
    public EditException(string message)
        : base(message)
    {
    }
}
