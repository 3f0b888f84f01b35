namespace Editing.Sdk.Controls;

/// <summary>What text parsing of parameter values needs to know about the request.</summary>
/// <param name="Rate">Frames per second used for bare frame numbers and timecode in time values (the clip's rate).</param>
/// <param name="BaseDirectory">Folder relative media paths are resolved against (the current directory for the CLI).</param>
public sealed record ParseContext(double Rate, string BaseDirectory)
{
    /// <summary>24 fps, relative to the current directory.</summary>
    public static ParseContext Default { get; } = new(24, Environment.CurrentDirectory);
}
