namespace Editing.Conform.Reports;

/// <summary>What the conform did with one clip and what is wrong with it.</summary>
public sealed record ClipReport
{
    /// <summary>The clip's name.</summary>
    public required string Name { get; init; }

    /// <summary>The name of the track holding the clip (may be empty).</summary>
    public required string Track { get; init; }

    /// <summary>The track's kind (<c>Video</c>, <c>Audio</c>).</summary>
    public required string TrackKind { get; init; }

    /// <summary>The clip's position in its track (0-based, counting every item).</summary>
    public required int ItemIndex { get; init; }

    /// <summary>True when the shot conformed: media found, no problems.</summary>
    public bool Conformed => Problems.Count == 0;

    /// <summary>How the media was found.</summary>
    public required ConformMethod Method { get; init; }

    /// <summary>True when the output timeline points this clip at a different file than the input did.</summary>
    public required bool Changed { get; init; }

    /// <summary>The media URL the input timeline had (or the original URL a bundle kept), or null.</summary>
    public string? PreviousUrl { get; init; }

    /// <summary>The media file the output points at (full path), or null when none was found.</summary>
    public string? MediaPath { get; init; }

    /// <summary>The version before a version-up as written (<c>v001</c>), or null when not versioned up.</summary>
    public string? VersionFrom { get; init; }

    /// <summary>The version after a version-up (<c>v003</c>), or null.</summary>
    public string? VersionTo { get; init; }

    /// <summary>The clip's source range as timecode, <c>01:00:00:12-01:00:01:12</c> (out exclusive), or null when it has none.</summary>
    public string? SourceRange { get; init; }

    /// <summary>Everything wrong with the shot (empty when it conformed).</summary>
    public required IReadOnlyList<ConformProblem> Problems { get; init; }
}
