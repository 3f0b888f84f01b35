namespace Editing.Sdk.Tools.Edits;

/// <summary>
/// Adds the output as a new media reference of the clip and makes it active; the original stays under its own key.
/// The clip's range is unchanged, so the output covers the clip's used range (source range start maps to frame 0).
/// </summary>
public sealed record ReplaceActiveMedia : OutputEdit;
