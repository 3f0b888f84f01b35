using System.Diagnostics;
using Editing.Sdk;

namespace Editing.Providers.Remote;

/// <summary>
/// Polls a remote job: waits <see cref="RemoteSettings.PollInterval"/> (never below the vendor's floor) plus uniform
/// jitter before each status request, as the vendors' own SDKs do, until the job reaches a terminal state, the job's
/// time limit passes, or the caller cancels (the wait ends at once).
/// </summary>
internal static class Polling
{
    /// <summary>The next wait: the interval (at least the floor) plus jitter.</summary>
    public static TimeSpan NextDelay(RemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var interval = settings.PollInterval < settings.PollFloor ? settings.PollFloor : settings.PollInterval;
        return interval + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * settings.PollJitter.Ticks));
    }

    /// <summary>
    /// Calls <paramref name="poll"/> after each wait until <paramref name="isTerminal"/> holds for its answer and returns
    /// that answer. <paramref name="onState"/> sees every answer (progress, logging).
    /// </summary>
    /// <param name="poll">One status request.</param>
    /// <param name="isTerminal">True for a state that ends the job (succeeded, failed, cancelled).</param>
    /// <param name="onState">Called with every answer.</param>
    /// <param name="settings">Interval, floor, jitter and the job's limit.</param>
    /// <param name="job">Started when the job was created.</param>
    /// <param name="what">The job, for the timeout message (<c>editing.runway: task 1234</c>).</param>
    /// <param name="cancellationToken">Ends the wait at once.</param>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> poll, Func<T, bool> isTerminal, Action<T>? onState,
        RemoteSettings settings, Stopwatch job, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(isTerminal);
        ArgumentNullException.ThrowIfNull(job);
        while (true)
        {
            var delay = NextDelay(settings);
            var left = settings.JobTimeout - job.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new RemoteProviderException(RemoteFailure.Timeout,
                    $"{what} did not finish within {RemoteResilience.Seconds(settings.JobTimeout)} s (job_timeout_seconds)");
            }

            await Task.Delay(delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
            var state = await poll(cancellationToken).ConfigureAwait(false);
            onState?.Invoke(state);
            if (isTerminal(state))
            {
                return state;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="cancel"/> (the vendor's cancel call) after the caller cancelled, with its own short time
    /// limit so it still reaches the server; failures are logged, never thrown (the job is being abandoned anyway).
    /// </summary>
    public static async Task CancelRemotelyAsync(Func<CancellationToken, Task> cancel, IPluginLogger? logger, string what, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await cancel(cts.Token).ConfigureAwait(false);
            logger?.Log(PluginLogLevel.Information, $"{what}: cancelled on the server");
        }
        catch (Exception e) when (e is RemoteProviderException or OperationCanceledException or HttpRequestException)
        {
            logger?.Log(PluginLogLevel.Warning, $"{what}: could not cancel on the server ({(e is RemoteProviderException ? e.Message : e.GetType().Name)}); it may still run and be billed");
        }
    }
}
