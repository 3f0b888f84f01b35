using System.Globalization;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote;

/// <summary>A vendor's defaults for <see cref="RemoteSettings"/>.</summary>
internal sealed record RemoteDefaults
{
    /// <summary>The vendor's documented API root (<c>https://api.dev.runwayml.com</c>).</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Seconds between status polls.</summary>
    public double PollSeconds { get; init; } = 5;

    /// <summary>The vendor's minimum seconds between polls: <c>poll_seconds</c> below it is raised to it.</summary>
    public double PollFloorSeconds { get; init; } = 1;

    /// <summary>Seconds of random jitter added to each poll interval (uniform 0..this).</summary>
    public double PollJitterSeconds { get; init; } = 1;

    /// <summary>Seconds one HTTP request (to its response headers) may take.</summary>
    public double TimeoutSeconds { get; init; } = 60;

    /// <summary>Seconds a whole job (create, poll, download) may take.</summary>
    public double JobTimeoutSeconds { get; init; } = 1800;
}

/// <summary>
/// The settings every remote provider reads from <see cref="ProviderContext.Settings"/> (all optional; keys in lower
/// case; numbers in invariant culture):
/// <list type="table">
/// <item><term><c>base_url</c></term><description>API root; https, or http for a loopback server only.</description></item>
/// <item><term><c>poll_seconds</c></term><description>seconds between status polls (raised to <c>poll_floor_seconds</c>).</description></item>
/// <item><term><c>poll_floor_seconds</c></term><description>the minimum poll interval; defaults to the vendor's documented
/// minimum. Lower it only for a local test server: vendors throttle faster polling.</description></item>
/// <item><term><c>poll_jitter_seconds</c></term><description>uniform random jitter added to each interval.</description></item>
/// <item><term><c>timeout_seconds</c></term><description>one HTTP request, up to its response headers.</description></item>
/// <item><term><c>download_timeout_seconds</c></term><description>one output download, body included (default 600).</description></item>
/// <item><term><c>job_timeout_seconds</c></term><description>the whole job.</description></item>
/// <item><term><c>max_attempts</c></term><description>attempts per HTTP call and per job (default 4: one try and three retries).</description></item>
/// <item><term><c>retry_base_seconds</c></term><description>first backoff delay, doubled each retry, with jitter (default 1).</description></item>
/// <item><term><c>max_retry_wait_seconds</c></term><description>the longest <c>Retry-After</c> honoured; a longer one fails at once (default 120).</description></item>
/// <item><term><c>training_data</c>, <c>training_data_licence</c>, <c>training_data_reference</c></term><description>the
/// operator's training-data declaration for provenance; <c>undeclared</c> unless set.</description></item>
/// </list>
/// </summary>
internal sealed record RemoteSettings
{
    private static readonly string[] TrainingSources = ["owned", "licensed", "public-domain", "synthetic", "mixed", "unknown", "undeclared"];

    /// <summary>API root, always ending in <c>/</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Interval between polls, at least <see cref="PollFloor"/>.</summary>
    public TimeSpan PollInterval { get; init; }

    /// <summary>The minimum interval between polls.</summary>
    public TimeSpan PollFloor { get; init; }

    /// <summary>Largest random jitter added to each interval.</summary>
    public TimeSpan PollJitter { get; init; }

    /// <summary>One request's limit (to its response headers).</summary>
    public TimeSpan RequestTimeout { get; init; }

    /// <summary>One download's limit.</summary>
    public TimeSpan DownloadTimeout { get; init; }

    /// <summary>The whole job's limit.</summary>
    public TimeSpan JobTimeout { get; init; }

    /// <summary>Attempts per call and per job, ≥ 1.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>First backoff delay.</summary>
    public TimeSpan RetryBase { get; init; }

    /// <summary>The longest Retry-After honoured.</summary>
    public TimeSpan MaxRetryWait { get; init; }

    /// <summary>The operator's declaration, <see cref="TrainingDataDeclaration.Undeclared"/> unless configured.</summary>
    public TrainingDataDeclaration TrainingData { get; init; } = TrainingDataDeclaration.Undeclared;

    /// <summary>Every setting as given (for vendor-specific keys).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Reads the settings of <paramref name="providerId"/>; every problem is reported at once, naming the setting and
    /// the value.
    /// </summary>
    /// <exception cref="RemoteProviderException">A setting is invalid (<see cref="RemoteFailure.Configuration"/>).</exception>
    public static RemoteSettings Parse(string providerId, IReadOnlyDictionary<string, string> settings, RemoteDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(defaults);
        var problems = new List<string>();

        double Seconds(string key, double fallback, double minimum, double maximum = 86400)
        {
            if (!settings.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (!double.TryParse(text.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                problems.Add($"{key} = '{text}' is not a number of seconds");
                return fallback;
            }

            if (value < minimum || value > maximum)
            {
                problems.Add($"{key} = {text} is outside {minimum.ToString(CultureInfo.InvariantCulture)}..{maximum.ToString(CultureInfo.InvariantCulture)} s");
                return fallback;
            }

            return value;
        }

        var baseText = settings.TryGetValue("base_url", out var b) && !string.IsNullOrWhiteSpace(b) ? b.Trim() : defaults.BaseUrl;
        Uri? baseUrl = null;
        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"base_url = '{baseText}' is not an absolute http(s) URL");
        }
        else if (parsed.Scheme == Uri.UriSchemeHttp && !parsed.IsLoopback)
        {
            problems.Add($"base_url = '{baseText}' must use https (plain http is allowed for a server on this machine only, since the API key travels with every request)");
        }
        else if (!string.IsNullOrEmpty(parsed.UserInfo) || !string.IsNullOrEmpty(parsed.Query))
        {
            problems.Add("base_url must not carry user information or a query (put keys in secrets, never in URLs)");
        }
        else
        {
            baseUrl = new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        }

        var floor = Seconds("poll_floor_seconds", defaults.PollFloorSeconds, 0);
        var poll = Math.Max(floor, Seconds("poll_seconds", defaults.PollSeconds, 0));
        var jitter = Seconds("poll_jitter_seconds", defaults.PollJitterSeconds, 0);
        var timeout = Seconds("timeout_seconds", defaults.TimeoutSeconds, 0.01);
        var download = Seconds("download_timeout_seconds", 600, 0.01);
        var job = Seconds("job_timeout_seconds", defaults.JobTimeoutSeconds, 0.01, 7 * 86400);
        var retryBase = Seconds("retry_base_seconds", 1, 0);
        var maxRetryWait = Seconds("max_retry_wait_seconds", 120, 0);
        var attempts = 4;
        if (settings.TryGetValue("max_attempts", out var a) && !string.IsNullOrWhiteSpace(a))
        {
            if (!int.TryParse(a.Trim().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts is < 1 or > 20)
            {
                problems.Add($"max_attempts = '{a}' must be a whole number from 1 to 20");
                attempts = 4;
            }
        }

        var training = TrainingDataDeclaration.Undeclared;
        if (settings.TryGetValue("training_data", out var source) && !string.IsNullOrWhiteSpace(source))
        {
            source = source.Trim().ToLowerInvariant();
            if (!TrainingSources.Contains(source))
            {
                problems.Add($"training_data = '{source}' must be one of {string.Join(", ", TrainingSources)}");
            }
            else
            {
                training = new TrainingDataDeclaration(source, settings.GetValueOrDefault("training_data_licence", "").Trim(),
                    settings.GetValueOrDefault("training_data_reference", "").Trim());
            }
        }
        else if (settings.ContainsKey("training_data_licence") || settings.ContainsKey("training_data_reference"))
        {
            problems.Add("training_data_licence and training_data_reference need training_data (owned, licensed, ...)");
        }

        if (problems.Count > 0 || baseUrl is null)
        {
            throw new RemoteProviderException(RemoteFailure.Configuration,
                $"{providerId}: invalid settings: {string.Join("; ", problems)} (set them in the configuration file or as EDITING_PROVIDER__<ID>__<KEY>)");
        }

        return new RemoteSettings
        {
            BaseUrl = baseUrl,
            PollFloor = TimeSpan.FromSeconds(floor),
            PollInterval = TimeSpan.FromSeconds(poll),
            PollJitter = TimeSpan.FromSeconds(jitter),
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            DownloadTimeout = TimeSpan.FromSeconds(download),
            JobTimeout = TimeSpan.FromSeconds(job),
            MaxAttempts = attempts,
            RetryBase = TimeSpan.FromSeconds(retryBase),
            MaxRetryWait = TimeSpan.FromSeconds(maxRetryWait),
            TrainingData = training,
            Values = settings,
        };
    }

    /// <summary>A vendor-specific setting, or <paramref name="fallback"/> when not set.</summary>
    public string Get(string key, string fallback = "") =>
        Values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : fallback;

    /// <summary>The secret <paramref name="name"/> of the call, or a configuration error naming where to set it.</summary>
    public static string RequireSecret(ProviderContext context, string providerId, string name, string variable)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.GetSecret(name);
        return !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new RemoteProviderException(RemoteFailure.Configuration,
                $"{providerId}: no API key: set ${variable}, or the secret '{name}' of {providerId} in the configuration file (mode 600)");
    }
}
