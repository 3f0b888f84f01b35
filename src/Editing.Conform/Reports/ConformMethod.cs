namespace Editing.Conform.Reports;

/// <summary>How a clip's media was found.</summary>
public enum ConformMethod
{
    /// <summary>Not found (JSON <c>none</c>).</summary>
    None,

    /// <summary>The file the timeline names exists (JSON <c>existing</c>).</summary>
    Existing,

    /// <summary>By the referenced file name, or the clip name as a file name (JSON <c>file-name</c>).</summary>
    FileName,

    /// <summary>By reel (tape) name with the media's timecode containing the clip's source range (JSON <c>reel-timecode</c>).</summary>
    ReelTimecode,

    /// <summary>By a clip-name pattern from the rules file (JSON <c>name-pattern</c>).</summary>
    NamePattern,
}
