using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Sdk;
using Polly.Timeout;

namespace Editing.Providers.Remote;

/// <summary>
/// One provider call's HTTP client: a base URL from the settings, per-request timeouts and retries
/// (<see cref="RemoteResilience"/>), the vendor's auth headers added only to requests for the API's own origin, JSON
/// calls with clear errors, and streaming downloads to a temporary file renamed into place. Every message it builds
/// goes through <see cref="Scrubber"/>, so no secret reaches an error or a log.
/// </summary>
internal sealed class RemoteClient : IDisposable
{
    private const int MaxErrorBody = 64 * 1024;

    private readonly HttpClient _http;
    private readonly Action<HttpRequestHeaders> _authorize;
    private readonly IPluginLogger? _logger;

    /// <summary>A client for <paramref name="providerId"/>.</summary>
    /// <param name="providerId">Named in every message.</param>
    /// <param name="settings">Base URL, timeouts, attempts.</param>
    /// <param name="authorize">Adds the vendor's auth and version headers to a request for the API origin.</param>
    /// <param name="scrubber">Knows the call's secrets.</param>
    /// <param name="logger">Where requests and retries are logged (method, path and status only).</param>
    /// <param name="handler">For tests; by default a pooled handler that does not follow redirects by itself.</param>
    public RemoteClient(string providerId, RemoteSettings settings, Action<HttpRequestHeaders> authorize, SecretScrubber scrubber,
        IPluginLogger? logger, HttpMessageHandler? handler = null)
    {
        ProviderId = providerId;
        Settings = settings;
        _authorize = authorize;
        Scrubber = scrubber;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = settings.RequestTimeout < TimeSpan.FromSeconds(30) ? settings.RequestTimeout : TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("editing-remote-provider", "1.0"));
    }

    /// <summary>The provider this client works for.</summary>
    public string ProviderId { get; }

    /// <summary>The call's settings.</summary>
    public RemoteSettings Settings { get; }

    /// <summary>Masks the call's secrets.</summary>
    public SecretScrubber Scrubber { get; }

    /// <summary>
    /// Maps an error answer to a failure before the generic mapping (e.g. a vendor's moderation refusal sent as 400 or
    /// 422); null to use the generic one. Arguments: status, scrubbed body, what was called.
    /// </summary>
    public Func<int, string, string, RemoteProviderException?>? ClassifyError { get; init; }

    /// <summary>A path relative to the base URL (<c>v1/tasks/abc</c>), or an absolute http(s) URL as is.</summary>
    public Uri Resolve(string pathOrUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrUrl);
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        return new Uri(Settings.BaseUrl, pathOrUrl.TrimStart('/'));
    }

    /// <summary>True when <paramref name="url"/> is on the API's origin (scheme, host and port), so it may carry the key.</summary>
    public bool IsApiOrigin(Uri url) =>
        Uri.Compare(url, Settings.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary><c>GET /v1/tasks/…</c>: method and path, never the query (where some APIs put keys).</summary>
    public string Describe(HttpMethod method, Uri url) => Scrubber.Scrub($"{method} {url.AbsolutePath}");

    /// <summary>
    /// Sends a JSON request (or none for a null body) and returns the answer as JSON (an empty object for an empty
    /// body). Error statuses, timeouts and malformed answers become <see cref="RemoteProviderException"/>.
    /// </summary>
    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string pathOrUrl, JsonNode? body, bool idempotent, CancellationToken cancellationToken)
    {
        var url = Resolve(pathOrUrl);
        var what = Describe(method, url);
        var json = body?.ToJsonString();
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }, idempotent, what, cancellationToken).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Settings.RequestTimeout);
        string text;
        try
        {
            text = await ReadTextAsync(response, int.MaxValue, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteProviderException(RemoteFailure.Timeout,
                $"{ProviderId}: {what} did not finish its answer within {RemoteResilience.Seconds(Settings.RequestTimeout)} s (timeout_seconds)");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RemoteProviderException(RemoteFailure.Network, $"{ProviderId}: {what} failed while reading the answer: {Scrubber.Excerpt(e.Message)}");
        }

        return ParseJson(text, what);
    }

    /// <summary>Parses an answer, or throws <see cref="RemoteFailure.MalformedResponse"/> quoting (scrubbed) what came.</summary>
    public JsonElement ParseJson(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{ProviderId}: {what} answered with malformed JSON: {Scrubber.Excerpt(text, 120)}");
        }
    }

    /// <summary>
    /// Sends the request <paramref name="create"/> makes (once per attempt) through the resilience pipeline and
    /// returns the successful response (headers read; the caller reads and disposes it). Error statuses become
    /// <see cref="RemoteProviderException"/>.
    /// </summary>
    /// <param name="create">Makes the request (called once per attempt).</param>
    /// <param name="idempotent">True when repeating it after a timeout is safe.</param>
    /// <param name="what">The call, for messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="authorize">False for requests that must never carry the key (pre-signed upload URLs), even on the
    /// API's origin.</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool idempotent, string what, CancellationToken cancellationToken,
        bool authorize = true)
    {
        ArgumentNullException.ThrowIfNull(create);
        var pipeline = RemoteResilience.Build(Settings, idempotent, $"{ProviderId}: {what}", _logger);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = create();
                if (authorize && IsApiOrigin(request.RequestUri!))
                {
                    _authorize(request.Headers);
                }

                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new RemoteProviderException(RemoteFailure.Timeout,
                $"{ProviderId}: {what} got no answer within {RemoteResilience.Seconds(Settings.RequestTimeout)} s (timeout_seconds)"
                + (idempotent && Settings.MaxAttempts > 1 ? $" in {Settings.MaxAttempts} attempts" : ""));
        }
        catch (HttpRequestException e)
        {
            throw new RemoteProviderException(RemoteFailure.Network, $"{ProviderId}: {what} failed: {Scrubber.Excerpt(e.Message)}");
        }

        _logger?.Log(PluginLogLevel.Debug, $"{ProviderId}: {what} -> {(int)response.StatusCode}");
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = Scrubber.Scrub(await ReadTextAsync(response, MaxErrorBody, cancellationToken).ConfigureAwait(false));
            throw MapError(response, body, what);
        }
    }

    /// <summary>The failure for an error answer.</summary>
    public RemoteProviderException MapError(HttpResponseMessage response, string scrubbedBody, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (ClassifyError?.Invoke(status, scrubbedBody, what) is { } classified)
        {
            return classified;
        }

        var excerpt = Scrubber.Excerpt(scrubbedBody, 240);
        var said = excerpt.Length > 0 ? $": {excerpt}" : "";
        return status switch
        {
            401 or 403 => new RemoteProviderException(RemoteFailure.Authentication,
                $"{ProviderId}: {what} was refused (HTTP {status}): the API key is missing, wrong or not allowed this call{said}"),
            429 => new RemoteProviderException(RemoteFailure.RateLimited,
                $"{ProviderId}: {what} was rate limited (HTTP 429){RetryAfterText(response)} after {Settings.MaxAttempts} attempt(s); the vendor's quota or concurrency limit is reached{said}"),
            >= 500 => new RemoteProviderException(RemoteFailure.Server,
                $"{ProviderId}: {what} failed on the vendor's server (HTTP {status}) after {Settings.MaxAttempts} attempt(s){said}"),
            _ => new RemoteProviderException(RemoteFailure.BadRequest, $"{ProviderId}: {what} was refused (HTTP {status}){said}"),
        };
    }

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="destination"/> (a temporary file in the same folder,
    /// renamed when complete). Redirects are followed (at most 5); the auth headers go only to the API's own origin and
    /// only when <paramref name="authorize"/>. 403, 404 and 410 mean the output URL has expired or is gone.
    /// </summary>
    public async Task DownloadAsync(Uri url, string destination, bool authorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Settings.DownloadTimeout);
        var what = $"downloading the output ({Describe(HttpMethod.Get, url)})";
        var current = url;
        HttpResponseMessage? response = null;
        try
        {
            for (var hop = 0; ; hop++)
            {
                var target = current;
                response = await SendDownloadAsync(target, authorize && IsApiOrigin(target), what, limit.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    response.Dispose();
                    response = null;
                    if (hop >= 5)
                    {
                        throw new RemoteProviderException(RemoteFailure.MalformedResponse, $"{ProviderId}: {what}: too many redirects");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(target, location);
                    continue;
                }

                break;
            }

            var part = destination + $".part-{Guid.NewGuid():N}";
            try
            {
                long written;
                var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                    await using (body.ConfigureAwait(false))
                    {
                        await body.CopyToAsync(file, 1 << 16, limit.Token).ConfigureAwait(false);
                    }

                    written = file.Length;
                }

                if (written == 0)
                {
                    throw new RemoteProviderException(RemoteFailure.MalformedResponse, $"{ProviderId}: {what}: the output is empty");
                }

                if (response.Content.Headers.ContentLength is { } expected && expected != written)
                {
                    throw new RemoteProviderException(RemoteFailure.Network, $"{ProviderId}: {what}: got {written} of {expected} bytes");
                }

                File.Move(part, destination, overwrite: true);
            }
            finally
            {
                TryDelete(part);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteProviderException(RemoteFailure.Timeout,
                $"{ProviderId}: {what} took longer than {RemoteResilience.Seconds(Settings.DownloadTimeout)} s (download_timeout_seconds)");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new RemoteProviderException(RemoteFailure.Network, $"{ProviderId}: {what} failed: {Scrubber.Excerpt(e.Message)}");
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendDownloadAsync(Uri url, bool withAuth, string what, CancellationToken cancellationToken)
    {
        var pipeline = RemoteResilience.Build(Settings, idempotent: true, $"{ProviderId}: {what}", _logger);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (withAuth)
                {
                    _authorize(request.Headers);
                }

                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            throw new RemoteProviderException(RemoteFailure.Timeout,
                $"{ProviderId}: {what} got no answer within {RemoteResilience.Seconds(Settings.RequestTimeout)} s (timeout_seconds)");
        }
        catch (HttpRequestException e)
        {
            throw new RemoteProviderException(RemoteFailure.Network, $"{ProviderId}: {what} failed: {Scrubber.Excerpt(e.Message)}");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode || (status is >= 300 and < 400 && response.Headers.Location is not null))
        {
            return response;
        }

        using (response)
        {
            var body = Scrubber.Scrub(await ReadTextAsync(response, MaxErrorBody, cancellationToken).ConfigureAwait(false));
            if (status is 403 or 404 or 410 || (status == 401 && !withAuth))
            {
                throw new RemoteProviderException(RemoteFailure.ExpiredOutput,
                    $"{ProviderId}: {what} answered HTTP {status}: the output URL has expired or the output was deleted "
                    + "(vendors keep outputs for a limited time and sign their URLs); generate again");
            }

            throw MapError(response, body, what);
        }
    }

    private static string RetryAfterText(HttpResponseMessage response) =>
        RemoteResilience.RetryAfter(response) is { } wait ? $" (Retry-After {RemoteResilience.Seconds(wait)} s)" : "";

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            if (max == int.MaxValue)
            {
                return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }

            var buffer = new char[max];
            var n = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, n);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
