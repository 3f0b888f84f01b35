namespace Editing.Sdk.Providers;

/// <summary>A range of a source video file given to a provider.</summary>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="FirstFrame">First frame used, 0-based at the file's rate.</param>
/// <param name="FrameCount">Frames used.</param>
public sealed record SourceVideo(string Path, long FirstFrame, long FrameCount);
