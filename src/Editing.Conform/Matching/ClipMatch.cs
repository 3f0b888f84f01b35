using Editing.Conform.Facts;
using Editing.Conform.Reports;

namespace Editing.Conform.Matching;

/// <summary>The matcher's decision for one clip.</summary>
internal sealed record ClipMatch
{
    public required ConformMethod Method { get; init; }

    /// <summary>The file the clip should point at, or null when none was found.</summary>
    public string? Path { get; init; }

    /// <summary>The facts of <see cref="Path"/>, when they could be read.</summary>
    public MediaFacts? Facts { get; init; }

    /// <summary>True when <see cref="Path"/> differs from the file the timeline names (or that file is missing).</summary>
    public bool Changed { get; init; }

    public string? VersionFrom { get; init; }

    public string? VersionTo { get; init; }

    public required IReadOnlyList<ConformProblem> Problems { get; init; }
}
