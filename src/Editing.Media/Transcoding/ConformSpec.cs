namespace Editing.Media.Transcoding;

/// <summary>An <see cref="EncodeSpec"/> with the exact number of frames the output must have.</summary>
public sealed record ConformSpec : EncodeSpec
{
    /// <summary>
    /// The output frame count at <see cref="EncodeSpec.Rate"/>: a shorter source is padded by repeating its last
    /// frame, a longer one is cut.
    /// </summary>
    public required long FrameCount { get; init; }
}
