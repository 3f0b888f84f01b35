using Editing.Conform.Reports;

namespace Editing.Conform.Jobs;

/// <summary>How one job of a job file went.</summary>
public sealed record ConformJobResult
{
    /// <summary>The job's name.</summary>
    public required string Name { get; init; }

    /// <summary>0 conformed, 5 some shots failed, 2 bad input, 4 output not written.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The report when the job ran, else null.</summary>
    public ConformReport? Report { get; init; }

    /// <summary>Why the job did not run (file and place named), else null.</summary>
    public string? Error { get; init; }
}
