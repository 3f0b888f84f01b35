namespace Editing.Conform.Reports;

/// <summary>The result of conforming one timeline.</summary>
public sealed record ConformReport
{
    /// <summary>The input timeline (as given).</summary>
    public required string Timeline { get; init; }

    /// <summary>The output timeline written (as given).</summary>
    public required string Output { get; init; }

    /// <summary>The search folders (full paths).</summary>
    public required IReadOnlyList<string> SearchDirectories { get; init; }

    /// <summary>The handle frames required each side.</summary>
    public required int Handles { get; init; }

    /// <summary>The number of files indexed in the search folders.</summary>
    public required int FilesIndexed { get; init; }

    /// <summary>The number of files whose facts were read (probed), a subset of the candidates.</summary>
    public required int FilesProbed { get; init; }

    /// <summary>Every clip with media, in timeline order (track by track).</summary>
    public required IReadOnlyList<ClipReport> Clips { get; init; }

    /// <summary>The number of clips that conformed.</summary>
    public int ConformedCount => Clips.Count(c => c.Conformed);

    /// <summary>The number of clips with problems.</summary>
    public int FailedCount => Clips.Count(c => !c.Conformed);

    /// <summary>The number of clips pointed at another file.</summary>
    public int ChangedCount => Clips.Count(c => c.Changed);

    /// <summary>The number of clips moved to a newer version.</summary>
    public int VersionedUpCount => Clips.Count(c => c.VersionTo is not null);

    /// <summary>0 when every shot conformed, 5 when some failed (the output is written either way).</summary>
    public int ExitCode => FailedCount == 0 ? ConformExitCodes.Ok : ConformExitCodes.PartialFailure;
}
