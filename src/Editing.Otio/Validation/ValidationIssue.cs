namespace Editing.Otio.Validation;

/// <summary>How serious a validation finding is.</summary>
public enum ValidationSeverity
{
    /// <summary>The timeline will not behave (durations cannot be computed, references are broken).</summary>
    Error,
    /// <summary>Legal OTIO, but an NLE or a conform will likely trip on it (missing media, unusual track kind).</summary>
    Warning,
}

/// <summary>One finding: its severity, the object path (e.g. <c>tracks.children[1].children[4]</c>) and what is wrong.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Path">The object path from the root.</param>
/// <param name="Message">What is wrong, naming the object.</param>
public sealed record ValidationIssue(ValidationSeverity Severity, string Path, string Message);
