using Editing.Conform.Reports;
using Editing.Otio;

namespace Editing.Conform.Jobs;

/// <summary>Runs every job of a job file in order; a job that cannot run is reported and the others still run.</summary>
public static class ConformJobRunner
{
    /// <summary>Reads <paramref name="jobFile"/> and runs its jobs with <paramref name="runner"/>.</summary>
    /// <param name="jobFile">The job file.</param>
    /// <param name="runner">Runs each job.</param>
    /// <param name="onJobDone">Called after each job (progress); may be null.</param>
    /// <param name="cancellationToken">Stops between and within jobs.</param>
    /// <exception cref="ConformInputException">The job file itself is unreadable or wrong (then no job runs).</exception>
    public static async Task<ConformJobsReport> RunAsync(string jobFile, ConformRunner runner, Action<ConformJobResult>? onJobDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var jobs = ConformJobFile.Read(jobFile);
        var results = new List<ConformJobResult>(jobs.Count);
        foreach (var job in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ConformJobResult result;
            try
            {
                var report = await runner.RunAsync(job.Request, cancellationToken).ConfigureAwait(false);
                result = new ConformJobResult { Name = job.Name, ExitCode = report.ExitCode, Report = report };
            }
            catch (Exception e) when (ExitCodeOf(e) is { } code)
            {
                result = new ConformJobResult { Name = job.Name, ExitCode = code, Error = e.Message };
            }
            results.Add(result);
            onJobDone?.Invoke(result);
        }
        return new ConformJobsReport { JobFile = jobFile, Jobs = results };
    }

    /// <summary>
    /// The exit code for an error that stops one conform: 4 when the output could not be written, 2 for bad input
    /// (rules, timeline, search folders); null for errors that are not about the input (they propagate).
    /// </summary>
    public static int? ExitCodeOf(Exception error) => error switch
    {
        ConformInputException => ConformExitCodes.BadInput,
        OtioException { Kind: OtioErrorKind.FileWriteFailed } => ConformExitCodes.WriteFailed,
        OtioException => ConformExitCodes.BadInput,
        IOException or UnauthorizedAccessException => ConformExitCodes.BadInput,
        _ => null,
    };
}
