using Editing.Conform.Rules;

namespace Editing.Conform;

/// <summary>One conform: a timeline, where to look for media, the rules and handles, and where to write the result.</summary>
public sealed record ConformRequest
{
    /// <summary>The timeline to conform (<c>.otio</c>, <c>.otioz</c>, <c>.otiod</c>); never modified.</summary>
    public required string TimelinePath { get; init; }

    /// <summary>The folders searched (recursively) for media.</summary>
    public required IReadOnlyList<string> SearchDirectories { get; init; }

    /// <summary>A rules file to read, or null for <see cref="Rules"/> (or the defaults).</summary>
    public string? RulesPath { get; init; }

    /// <summary>Rules given directly (used when <see cref="RulesPath"/> is null); null for the defaults.</summary>
    public ConformRules? Rules { get; init; }

    /// <summary>Handle frames the media must cover each side of the used range (0 checks only the used range).</summary>
    public int Handles { get; init; }

    /// <summary>The timeline to write (atomically); its extension picks the format. Must not be the input.</summary>
    public required string OutputPath { get; init; }
}
