namespace Editing.Sdk.Controls;

/// <summary>How serious a validation issue is.</summary>
public enum ValidationSeverity
{
    /// <summary>The request cannot run; nothing is generated.</summary>
    Error,

    /// <summary>The request runs, but a value lies outside its recommended (soft) range or is otherwise unusual.</summary>
    Warning,
}
