namespace Editing.Interchange.Edl;

/// <summary>How to read a CMX 3600 EDL (the reference adapter's <c>rate</c> and <c>ignore_timecode_mismatch</c>).</summary>
public sealed record EdlReadOptions
{
    /// <summary>The default: 24 fps, mismatches are errors.</summary>
    public static EdlReadOptions Default { get; } = new();

    /// <summary>
    /// Frames per second of every timecode in the file, an exact SMPTE rate (24, 25, 30, 24000/1001, 30000/1001,
    /// 60000/1001, 48, 50, 60 …). EDLs do not say their rate; a timecode with more frames than the rate allows is an
    /// error. Drop-frame counting applies to timecodes written with <c>;</c> at 29.97 and 59.94.
    /// </summary>
    public double Rate { get; init; } = 24;

    /// <summary>
    /// When source and record durations differ without an <c>M2</c>/freeze comment, keep the source duration instead
    /// of failing; an event whose record in overlaps the previous one is moved to the end of its track.
    /// </summary>
    public bool IgnoreTimecodeMismatch { get; init; }
}
