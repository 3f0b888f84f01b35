namespace Editing.Conform.Reports;

/// <summary>What is wrong with a shot. Each one makes the shot fail (exit code 5 for the run).</summary>
public enum ProblemKind
{
    /// <summary>No file was found by file name, reel and timecode, or name pattern (JSON <c>missing-media</c>).</summary>
    MissingMedia,

    /// <summary>Two or more candidates are equally good; none is chosen (JSON <c>ambiguous</c>; every path listed).</summary>
    Ambiguous,

    /// <summary>The media does not cover the used range plus the handles (JSON <c>short-handles</c>; head and tail shortfall in frames).</summary>
    ShortHandles,

    /// <summary>The media's video rate differs from the clip's rate (JSON <c>rate-mismatch</c>).</summary>
    RateMismatch,

    /// <summary>The media's timecode range does not contain the clip's source range (JSON <c>timecode-mismatch</c>).</summary>
    TimecodeMismatch,

    /// <summary>The chosen file cannot be read as media (JSON <c>unreadable-media</c>).</summary>
    UnreadableMedia,
}
