namespace Editing.Conform.Jobs;

/// <summary>One job of a job file, with its paths already resolved against the job file's folder.</summary>
public sealed record ConformJob
{
    /// <summary>The job's name (its <c>name</c>, else the timeline's file name).</summary>
    public required string Name { get; init; }

    /// <summary>What to conform.</summary>
    public required ConformRequest Request { get; init; }
}
