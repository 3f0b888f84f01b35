using System.Globalization;
using System.Net;
using Editing.Sdk;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Editing.Providers.Remote;

/// <summary>
/// The Polly pipeline around every HTTP call: a per-attempt timeout inside a bounded retry with exponential backoff and
/// jitter. Retried: 429 (after its <c>Retry-After</c>, unless that is longer than <c>max_retry_wait_seconds</c>), 5xx
/// (unless the server says <c>x-should-retry: false</c>), network failures, and timeouts of idempotent requests (a
/// create call that timed out may have created a paid job, so it is not repeated). Never retried: any other 4xx,
/// moderation and safety failures, and the caller's cancellation.
/// </summary>
internal static class RemoteResilience
{
    /// <summary>The pipeline for one call.</summary>
    /// <param name="settings">Timeouts, attempts and delays.</param>
    /// <param name="idempotent">True for reads, polls, downloads and cancels; false for calls that create a job.</param>
    /// <param name="what">The call, for log messages (<c>POST /v1/image_to_video</c>).</param>
    /// <param name="logger">Receives one line per retry; never a secret (only statuses and delays).</param>
    public static ResiliencePipeline<HttpResponseMessage> Build(RemoteSettings settings, bool idempotent, string what, IPluginLogger? logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBase,
                MaxDelay = TimeSpan.FromSeconds(Math.Max(settings.RetryBase.TotalSeconds, 30)),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, idempotent, settings)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Result is { } r
                        ? $"HTTP {(int)r.StatusCode}"
                        : args.Outcome.Exception is TimeoutRejectedException ? $"no answer within {Seconds(settings.RequestTimeout)} s" : "network error";
                    logger?.Log(PluginLogLevel.Warning,
                        $"{what}: {cause}; retry {args.AttemptNumber + 1} of {settings.MaxAttempts - 1} in {Seconds(args.RetryDelay)} s");
                    return default;
                },
            });
        }

        builder.AddTimeout(settings.RequestTimeout);
        return builder.Build();
    }

    /// <summary>True when the outcome should be tried again.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool idempotent, RemoteSettings settings)
    {
        if (outcome.Exception is { } e)
        {
            return e switch
            {
                OperationCanceledException => false,
                TimeoutRejectedException => idempotent,
                HttpRequestException => true,
                IOException => true,
                _ => false,
            };
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (response.Headers.TryGetValues("x-should-retry", out var flags) && flags.Any(f => f.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (status == 429)
        {
            return RetryAfter(response) is not { } wait || wait <= settings.MaxRetryWait;
        }

        return status >= 500;
    }

    /// <summary>The wait a 429 or 503 asks for (<c>Retry-After</c> in seconds or as a date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary><c>1.5</c>.</summary>
    public static string Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture);
}
