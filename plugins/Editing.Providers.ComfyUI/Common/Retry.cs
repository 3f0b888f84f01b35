using Editing.Sdk;

namespace Editing.Providers.Common;

/// <summary>
/// Retries transient failures of one HTTP exchange (connection errors, 408, 429, 5xx, per-request timeouts) with
/// exponential backoff and full jitter: delay k is uniform in [0, base × 2^k], capped at 30 s. Everything else fails
/// at once. Cancellation by the caller is never retried.
/// </summary>
internal sealed class Retry(int attempts, TimeSpan baseDelay, Action<string>? onRetry = null)
{
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < attempts)
            {
                var cap = Math.Min(30_000, baseDelay.TotalMilliseconds * Math.Pow(2, attempt));
                var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
                onRetry?.Invoke($"{what} failed ({e.Message}); retry {attempt + 1} of {attempts} in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        PluginException p => p.IsTransient,
        HttpRequestException => true,
        TaskCanceledException or OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException => true,
        _ => false,
    };
}
