namespace Editing.Media;

/// <summary>What went wrong in a media operation (see <see cref="MediaException.Kind"/>).</summary>
public enum MediaErrorKind
{
    /// <summary><c>ffmpeg</c>/<c>ffprobe</c> (or a font drawtext needs) could not be found or started.</summary>
    ToolMissing,
    /// <summary>ffmpeg exited with an error not covered by a more specific kind.</summary>
    ProcessFailed,
    /// <summary>An input file does not exist or cannot be opened.</summary>
    InputNotFound,
    /// <summary>An input exists but is not readable media (corrupt, truncated, not a media file, no video stream).</summary>
    InvalidMedia,
    /// <summary>A codec is not available or cannot go into the chosen container.</summary>
    UnsupportedCodec,
    /// <summary>A requested frame or sample lies beyond the end of the input.</summary>
    OutOfRange,
    /// <summary>The output was written but its probe does not match the request (e.g. the frame count differs).</summary>
    VerificationFailed,
    /// <summary>The output could not be written or moved to its final path.</summary>
    OutputFailed,
    /// <summary>
    /// ffmpeg was stopped by a signal that this library did not send (killed from outside). Cancelling through a
    /// <see cref="CancellationToken"/> throws <see cref="OperationCanceledException"/> instead.
    /// </summary>
    Cancelled,
}
