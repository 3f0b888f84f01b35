namespace Editing.Sdk.Tools.Edits;

/// <summary>
/// Makes the output (a render of the clip as it plays, e.g. a speed change rendered to real frames) the clip's active
/// media, sets the clip's source range to the whole output and removes the time effects the render baked in. The
/// original media reference and the removed effects are kept in the clip's <c>editing</c> metadata so the edit can be
/// undone.
/// </summary>
public sealed record ReplaceWithRender : OutputEdit;
