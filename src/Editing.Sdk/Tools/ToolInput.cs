namespace Editing.Sdk.Tools;

/// <summary>Inputs the host prepares for a tool before it runs (extracting frames costs time, so tools ask).</summary>
public enum ToolInput
{
    /// <summary>The clip's media file must exist (the host refuses a clip with missing media unless allowed).</summary>
    SourceMedia,

    /// <summary>The clip's first and last used frames as 16-bit PNGs (<see cref="ClipContext.FirstFramePath"/>...).</summary>
    EdgeFrames,

    /// <summary>The neighbours' adjacent frames (previous clip's last, next clip's first) as 16-bit PNGs.</summary>
    NeighbourFrames,

    /// <summary>Reference images given as parameters.</summary>
    ReferenceImages,

    /// <summary>Masks given as parameters.</summary>
    Masks,

    /// <summary>The clip's audio.</summary>
    Audio,
}
