using Editing.Otio.OpenTime;

namespace Editing.Conform.Matching;

/// <summary>What the matcher knows of one clip, taken from the timeline (or made up by a benchmark).</summary>
internal sealed record ClipQuery
{
    public required string Name { get; init; }

    /// <summary>The track's kind; rates are compared only for clips not on audio tracks.</summary>
    public bool IsAudio { get; init; }

    /// <summary>The media URL as the timeline has it, or null.</summary>
    public string? ReferenceUrl { get; init; }

    /// <summary>The full local path the URL names, or null when it names no local file.</summary>
    public string? ReferencePath { get; init; }

    /// <summary>True when <see cref="ReferencePath"/> is an existing file.</summary>
    public bool ReferenceExists { get; init; }

    /// <summary>The file name the URL ends with (even when it is not a local file), or null.</summary>
    public string? ReferenceFileName { get; init; }

    /// <summary>The clip's reel after the rules' aliases, or null.</summary>
    public string? Reel { get; init; }

    /// <summary>The range of the media the clip uses, in the media's time frame (the source range), or null when unknown.</summary>
    public TimeRange? SourceRange { get; init; }

    /// <summary>The absolute product of the clip's enabled linear time warps (1 without any).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>True when the clip has an enabled freeze frame (or a time warp of 0): it uses one source frame.</summary>
    public bool Freeze { get; init; }
}
