using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.Common;
using Editing.Sdk;

namespace Editing.Providers.Studio;

/// <summary>
/// The studio protocol's calls: capabilities, create (multipart or JSON with base64), status, result, cancel. Every
/// exchange is retried on transient failures (network, 408, 429, 5xx and problems marked <c>retryable</c>); errors are
/// the server's problem JSON in words, free of the token.
/// </summary>
internal sealed class StudioClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string? _token;
    private readonly Retry _retry;
    private readonly SecretScrubber _scrubber;

    public StudioClient(Uri baseUrl, string? token, TimeSpan requestTimeout, Retry retry)
    {
        _baseUrl = baseUrl;
        _token = token;
        _retry = retry;
        _scrubber = new SecretScrubber([token]);
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false }) { Timeout = requestTimeout };
    }

    public string Server => ProviderSettings.Redact(_baseUrl.ToString()).TrimEnd('/');

    public SecretScrubber Scrubber => _scrubber;

    public void Dispose() => _http.Dispose();

    public Task<JsonObject> CapabilitiesAsync(CancellationToken cancellationToken) =>
        SendJsonAsync("GET /v1/capabilities", () => new HttpRequestMessage(HttpMethod.Get, Url("v1/capabilities")), cancellationToken);

    /// <summary><c>POST /v1/jobs</c> with the request and its files (input name → path); one idempotency key for every attempt.</summary>
    public Task<JsonObject> CreateAsync(JsonObject request, IReadOnlyDictionary<string, string> files, bool asJson, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        return SendJsonAsync("POST /v1/jobs", () =>
        {
            HttpContent content;
            if (asJson)
            {
                var body = (JsonObject)request.DeepClone();
                var inputs = new JsonObject();
                foreach (var (name, path) in files)
                {
                    inputs[name] = new JsonObject
                    {
                        ["media_type"] = MediaType(path),
                        ["filename"] = Path.GetFileName(path),
                        ["data"] = Convert.ToBase64String(File.ReadAllBytes(path)),
                    };
                }

                body["inputs"] = inputs;
                content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            else
            {
                var form = new MultipartFormDataContent
                {
                    { new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), "request" },
                };
                foreach (var (name, path) in files)
                {
                    var file = new StreamContent(File.OpenRead(path));
                    file.Headers.ContentType = new MediaTypeHeaderValue(MediaType(path));
                    form.Add(file, name, Path.GetFileName(path));
                }

                content = form;
            }

            var message = new HttpRequestMessage(HttpMethod.Post, Url("v1/jobs")) { Content = content };
            message.Headers.Add("Idempotency-Key", key);
            return message;
        }, cancellationToken);
    }

    public Task<JsonObject> JobAsync(string jobId, CancellationToken cancellationToken) =>
        SendJsonAsync("GET /v1/jobs/{id}", () => new HttpRequestMessage(HttpMethod.Get, Url("v1/jobs/" + Uri.EscapeDataString(jobId))), cancellationToken);

    /// <summary>Downloads <paramref name="relativeUrl"/> to <paramref name="target"/> (temporary file, then renamed).</summary>
    public Task DownloadAsync(string relativeUrl, string target, CancellationToken cancellationToken) =>
        _retry.RunAsync("GET result", async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(relativeUrl.TrimStart('/')));
            using var response = await SendAsync(request, "GET result", ct).ConfigureAwait(false);
            var temp = target + ".part";
            try
            {
                var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    await response.Content.CopyToAsync(output, ct).ConfigureAwait(false);
                }

                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            return true;
        }, cancellationToken);

    /// <summary><c>DELETE /v1/jobs/{id}</c>, best effort.</summary>
    public async Task CancelAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var request = Authorize(new HttpRequestMessage(HttpMethod.Delete, Url("v1/jobs/" + Uri.EscapeDataString(jobId))));
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Best effort: the server may be gone.
        }
    }

    private Uri Url(string relative) => new(_baseUrl, relative);

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return request;
    }

    private Task<JsonObject> SendJsonAsync(string what, Func<HttpRequestMessage> create, CancellationToken cancellationToken) =>
        _retry.RunAsync(what, async ct =>
        {
            using var request = create();
            using var response = await SendAsync(request, what, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw Malformed(what, "expected a JSON object");
            }
            catch (JsonException)
            {
                throw Malformed(what, "not JSON: " + Excerpt(text));
            }
        }, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(Authorize(request), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PluginException($"the studio server at {Server} did not answer {what} within {_http.Timeout.TotalSeconds:0.#} s", e) { IsTransient = true, Code = "TIMEOUT" };
        }
        catch (HttpRequestException e)
        {
            throw new PluginException(_scrubber.Scrub($"cannot reach the studio server at {Server} ({what}): {e.Message}"), e) { IsTransient = true, Code = "UNREACHABLE" };
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            throw ProblemError(what, status, response.ReasonPhrase, body);
        }
    }

    /// <summary>A problem answer in words: <c>title: detail [code]</c> and every listed error.</summary>
    public PluginException ProblemError(string what, int status, string? reason, string body)
    {
        string detail;
        var retryable = status is 408 or 429 or >= 500;
        var code = "HTTP_" + status.ToString(CultureInfo.InvariantCulture);
        JsonObject? problem = null;
        try
        {
            problem = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (problem is not null && problem["code"] is JsonValue)
        {
            code = problem["code"]!.ToString();
            retryable = problem["retryable"] is JsonValue r && r.TryGetValue<bool>(out var b) ? b : retryable;
            var errors = (problem["errors"] as JsonArray)?.OfType<JsonObject>().Select(e => $"{e["field"]}: {e["message"]}").ToList() ?? [];
            detail = $"{problem["title"]}: {problem["detail"]} [{code}]" + (errors.Count > 0 ? " (" + string.Join("; ", errors) + ")" : "");
        }
        else
        {
            detail = $"{status} {reason}: {Excerpt(body)}";
        }

        var hint = status == 401 ? " (check the token secret of editing.studio)" : "";
        return new PluginException(_scrubber.Scrub($"the studio server at {Server} answered {what} with {status}: {detail}{hint}")) { IsTransient = retryable, Code = code };
    }

    private PluginException Malformed(string what, string problem) =>
        new(_scrubber.Scrub($"the studio server at {Server} answered {what} with a malformed response: {problem}")) { Code = "BAD_RESPONSE" };

    private static string Excerpt(string text)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length == 0 ? "(empty)" : t.Length > 200 ? t[..200] + "…" : t;
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        _ => "application/octet-stream",
    };
}
