namespace Editing.Media;

/// <summary>
/// Progress of a running ffmpeg job, parsed from its <c>-progress</c> output and reported about four times a second
/// and once at the end.
/// </summary>
/// <param name="FramesDone">Output video frames encoded so far.</param>
/// <param name="TotalFrames">Output frames expected in all, when the operation knows it.</param>
/// <param name="OutTimeMicroseconds">Output time written so far, in microseconds.</param>
/// <param name="IsFinished">True for the final report (ffmpeg's <c>progress=end</c>).</param>
public readonly record struct MediaProgress(long FramesDone, long? TotalFrames, long OutTimeMicroseconds, bool IsFinished)
{
    /// <summary>
    /// <see cref="FramesDone"/> / <see cref="TotalFrames"/> clamped to 0..1 (1 when finished), or null when the total
    /// is unknown.
    /// </summary>
    public double? Fraction => IsFinished
        ? 1.0
        : TotalFrames is > 0 ? Math.Clamp((double)FramesDone / TotalFrames.Value, 0.0, 1.0) : null;
}
