namespace Editing.Sdk.Tools;

/// <summary>
/// An input file an output was made from (C2PA "ingredient"): the host hashes it for provenance.
/// </summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Role"><c>source</c>, <c>first-frame</c>, <c>last-frame</c>, <c>reference</c>, <c>mask</c>, <c>audio</c>.</param>
/// <param name="FirstFrame">First frame used, for video, or null.</param>
/// <param name="FrameCount">Frames used, for video, or null.</param>
public sealed record Ingredient(string Path, string Role, long? FirstFrame = null, long? FrameCount = null);
