using Editing.Conform.Jobs;

namespace Editing.Conform.Reports;

/// <summary>The result of a job file: every job in order, and the worst exit code among them.</summary>
public sealed record ConformJobsReport
{
    /// <summary>The job file (as given).</summary>
    public required string JobFile { get; init; }

    /// <summary>Each job's result, in file order.</summary>
    public required IReadOnlyList<ConformJobResult> Jobs { get; init; }

    /// <summary>The worst of the jobs' exit codes (<see cref="ConformExitCodes.Severity"/>); 0 for no jobs.</summary>
    public int ExitCode => Jobs.Aggregate(ConformExitCodes.Ok, (worst, job) => ConformExitCodes.Worst(worst, job.ExitCode));
}
