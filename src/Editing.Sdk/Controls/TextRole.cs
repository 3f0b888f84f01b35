namespace Editing.Sdk.Controls;

/// <summary>What a <see cref="StringParameter"/>'s text is. Forms and provenance use it: prompts are recorded as the
/// prompt, paths get a file picker. JSON Schema hint values are kebab-case (<c>negative-prompt</c>).</summary>
public enum TextRole
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>What to generate, in words.</summary>
    Prompt,

    /// <summary>What to avoid, in words.</summary>
    NegativePrompt,

    /// <summary>A short single-line name (a label, a take name); line breaks are errors.</summary>
    Name,

    /// <summary>A file or folder path; must be absolute once validated (the text form resolves relative paths against
    /// <see cref="ParseContext.BaseDirectory"/>); line breaks are errors.</summary>
    Path,
}
