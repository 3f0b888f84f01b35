namespace Editing.Sdk.Controls;

/// <summary>
/// What a <see cref="MediaReferenceParameter"/> points at. Persisted in JSON Schema hints as kebab-case
/// (<c>image</c>, <c>mask</c>, ...).
/// </summary>
public enum MediaKind
{
    /// <summary>A still image file (PNG, JPEG, TIFF, EXR, ...).</summary>
    Image,

    /// <summary>A single-channel or alpha still whose white (or opaque) pixels select the area to work on.</summary>
    Mask,

    /// <summary>One frame of a video: a still file, a video file with a frame index, or a symbolic edge frame such as
    /// <c>clip:last</c> that the host extracts from the timeline.</summary>
    Frame,

    /// <summary>A video file (all of it, at its own rate).</summary>
    Video,

    /// <summary>An audio file.</summary>
    Audio,
}
