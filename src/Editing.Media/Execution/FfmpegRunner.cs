namespace Editing.Media.Execution;

/// <summary>Runs ffmpeg/ffprobe to completion (see <see cref="FfmpegProcess"/> for the rules).</summary>
internal static class FfmpegRunner
{
    /// <summary>
    /// Runs the invocation and returns its result; throws <see cref="MediaException"/> on a non-zero exit and
    /// <see cref="OperationCanceledException"/> (after killing the process tree) when cancelled.
    /// </summary>
    public static async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(invocation, cancellationToken);
        return await process.WaitForSuccessAsync().ConfigureAwait(false);
    }
}
