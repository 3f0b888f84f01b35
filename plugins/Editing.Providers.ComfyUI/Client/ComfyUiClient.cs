using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.Common;
using Editing.Sdk;

namespace Editing.Providers.ComfyUI.Client;

/// <summary>
/// ComfyUI's HTTP and WebSocket API as one generation needs it: <c>/upload/image</c>, <c>POST /prompt</c> with a
/// client id, events on <c>/ws?clientId=</c>, <c>/history/{id}</c>, <c>/view</c>, <c>/interrupt</c> and
/// <c>/queue</c> (delete), and <c>/system_stats</c> for a cheap check. Every exchange but the WebSocket is retried on
/// transient failures; every message is free of the auth value.
/// </summary>
internal sealed class ComfyUiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly (string Name, string Value)? _auth;
    private readonly Retry _retry;
    private readonly SecretScrubber _scrubber;

    public ComfyUiClient(Uri baseUrl, (string Name, string Value)? auth, TimeSpan requestTimeout, Retry retry, SecretScrubber scrubber)
    {
        _baseUrl = baseUrl;
        _auth = auth;
        _retry = retry;
        _scrubber = scrubber;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false }) { Timeout = requestTimeout };
    }

    /// <summary>The server, for messages (no user information).</summary>
    public string Server => ProviderSettings.Redact(_baseUrl.ToString()).TrimEnd('/');

    public void Dispose() => _http.Dispose();

    /// <summary><c>GET /system_stats</c>: the one cheap call that proves the server answers (and accepts the auth).</summary>
    public Task<JsonObject> SystemStatsAsync(CancellationToken cancellationToken) =>
        SendJsonAsync("GET /system_stats", () => new HttpRequestMessage(HttpMethod.Get, Url("system_stats")), cancellationToken);

    /// <summary>Uploads a file to the server's input folder; returns the name a LoadImage/LoadVideo node takes.</summary>
    public async Task<string> UploadAsync(string path, string name, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var answer = await SendJsonAsync("POST /upload/image", () =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(ContentType(name));
            form.Add(file, "image", name);
            form.Add(new StringContent("input"), "type");
            form.Add(new StringContent("editing"), "subfolder");
            form.Add(new StringContent("true"), "overwrite");
            return new HttpRequestMessage(HttpMethod.Post, Url("upload/image")) { Content = form };
        }, cancellationToken).ConfigureAwait(false);
        var uploaded = Text(answer, "name") ?? throw Malformed("POST /upload/image", "no \"name\" in the answer");
        var subfolder = Text(answer, "subfolder") ?? "";
        return subfolder.Length > 0 ? subfolder + "/" + uploaded : uploaded;
    }

    /// <summary>
    /// Opens the event socket for <paramref name="clientId"/> before the prompt is queued, so no event is missed; null
    /// when the server does not take WebSockets (the caller then polls <c>/history</c>).
    /// </summary>
    public async Task<ClientWebSocket?> ConnectAsync(string clientId, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (_auth is { } auth)
        {
            socket.Options.SetRequestHeader(auth.Name, auth.Value);
        }

        var builder = new UriBuilder(Url("ws")) { Query = "clientId=" + Uri.EscapeDataString(clientId) };
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_http.Timeout);
            await socket.ConnectAsync(builder.Uri, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary><c>POST /prompt</c>; returns the prompt id. A graph the server refuses is not retried.</summary>
    public async Task<string> QueueAsync(JsonObject graph, string clientId, string promptId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prompt"] = graph.DeepClone(), ["client_id"] = clientId, ["prompt_id"] = promptId }.ToJsonString();
        var answer = await SendJsonAsync("POST /prompt", () => new HttpRequestMessage(HttpMethod.Post, Url("prompt"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, cancellationToken).ConfigureAwait(false);
        if (answer["node_errors"] is JsonObject { Count: > 0 } errors)
        {
            throw new PluginException($"ComfyUI at {Server} refused the workflow: {NodeErrors(errors)}") { Code = "WORKFLOW_REJECTED" };
        }

        return Text(answer, "prompt_id") ?? throw Malformed("POST /prompt", "no \"prompt_id\" in the answer");
    }

    /// <summary>
    /// Reads events until <paramref name="promptId"/> finishes (<c>executing</c> with no node, or
    /// <c>execution_success</c>); reports sampler steps. False when the socket closed first (poll the history then).
    /// </summary>
    /// <exception cref="PluginException">The prompt failed (<c>execution_error</c>) or was interrupted on the server.</exception>
    public async Task<bool> WaitAsync(ClientWebSocket socket, string promptId, Action<double, string> progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            try
            {
                do
                {
                    received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
            }
            catch (WebSocketException)
            {
                return false;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            // Binary frames are latent previews.
            if (received.MessageType != WebSocketMessageType.Text)
            {
                continue;
            }

            JsonObject? evt;
            try
            {
                evt = JsonNode.Parse(message.ToArray()) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }

            var data = evt?["data"] as JsonObject;
            if (data is null || Text(data, "prompt_id") != promptId)
            {
                continue;
            }

            switch (Text(evt!, "type"))
            {
                case "progress":
                    var value = Number(data, "value");
                    var max = Number(data, "max");
                    if (max > 0)
                    {
                        progress(Math.Clamp(value / max, 0, 1), string.Create(CultureInfo.InvariantCulture, $"step {value:0}/{max:0}"));
                    }

                    break;
                case "executing":
                    if (data["node"] is null)
                    {
                        return true;
                    }

                    progress(-1, $"running node {data["node"]}");
                    break;
                case "execution_success":
                    return true;
                case "execution_error":
                    throw ExecutionError(data);
                case "execution_interrupted":
                    throw new PluginException($"ComfyUI at {Server} interrupted prompt {promptId} (someone pressed cancel on the server, or it restarted)") { IsTransient = true, Code = "INTERRUPTED" };
            }
        }

        return false;
    }

    /// <summary><c>GET /history/{id}</c>: the prompt's entry, or null while it is pending or unknown.</summary>
    public async Task<JsonObject?> HistoryAsync(string promptId, CancellationToken cancellationToken)
    {
        var answer = await SendJsonAsync("GET /history", () => new HttpRequestMessage(HttpMethod.Get, Url("history/" + Uri.EscapeDataString(promptId))), cancellationToken)
            .ConfigureAwait(false);
        if (answer.Count == 0)
        {
            return null;
        }

        if (answer[promptId] is not JsonObject entry)
        {
            throw Malformed("GET /history", $"no entry for prompt {promptId}");
        }

        if (entry["status"] is JsonObject status && Text(status, "status_str") == "error")
        {
            var error = (status["messages"] as JsonArray)?.OfType<JsonArray>()
                .FirstOrDefault(m => m.Count == 2 && m[0]?.ToString() == "execution_error")?[1] as JsonObject;
            throw error is null
                ? new PluginException($"ComfyUI at {Server} reports prompt {promptId} failed") { Code = "EXECUTION_ERROR" }
                : ExecutionError(error);
        }

        return entry;
    }

    /// <summary><c>GET /view</c> into <paramref name="target"/>, written to a temporary file and renamed.</summary>
    public async Task DownloadAsync(string filename, string subfolder, string type, string target, CancellationToken cancellationToken)
    {
        var query = $"filename={Uri.EscapeDataString(filename)}&subfolder={Uri.EscapeDataString(subfolder)}&type={Uri.EscapeDataString(type)}";
        await _retry.RunAsync("GET /view", async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(Url("view")) { Query = query }.Uri);
            using var response = await SendAsync(request, "GET /view", ct).ConfigureAwait(false);
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
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the prompt: <c>POST /interrupt</c> (the running one) and <c>POST /queue</c> delete (a pending one). Best effort.</summary>
    public async Task CancelAsync(string promptId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var (path, body) in new[]
        {
            ("interrupt", new JsonObject { ["prompt_id"] = promptId }),
            ("queue", new JsonObject { ["delete"] = new JsonArray(promptId) }),
        })
        {
            try
            {
                using var request = Authorize(new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") });
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Best effort: the server may be gone.
            }
        }
    }

    private Uri Url(string relative) => new(_baseUrl, relative);

    private HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        if (_auth is { } auth)
        {
            request.Headers.TryAddWithoutValidation(auth.Name, auth.Value);
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
                throw Malformed(what, $"not JSON: {Excerpt(text)}");
            }
        }, cancellationToken);

    /// <summary>Sends with auth; a non-success answer becomes a <see cref="PluginException"/> (transient for 408, 429, 5xx).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(Authorize(request), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PluginException($"ComfyUI at {Server} did not answer {what} within {_http.Timeout.TotalSeconds:0.#} s", e) { IsTransient = true, Code = "TIMEOUT" };
        }
        catch (HttpRequestException e)
        {
            throw new PluginException(_scrubber.Scrub($"cannot reach ComfyUI at {Server} ({what}): {e.Message}"), e) { IsTransient = true, Code = "UNREACHABLE" };
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (what == "POST /prompt" && status == 400 && TryParse(body) is { } refusal)
            {
                var detail = refusal["node_errors"] is JsonObject { Count: > 0 } nodeErrors
                    ? NodeErrors(nodeErrors)
                    : (refusal["error"] as JsonObject)?["message"]?.ToString() ?? Excerpt(body);
                throw new PluginException(_scrubber.Scrub($"ComfyUI at {Server} refused the workflow: {detail}")) { Code = "WORKFLOW_REJECTED" };
            }

            var transient = status is 408 or 429 or >= 500;
            var hint = status is 401 or 403 ? " (check the auth_token secret and the auth_header setting)" : "";
            throw new PluginException(_scrubber.Scrub($"ComfyUI at {Server} answered {what} with {status} {response.ReasonPhrase}{hint}: {Excerpt(body)}"))
            {
                IsTransient = transient,
                Code = "HTTP_" + status.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    private PluginException ExecutionError(JsonObject data)
    {
        var node = Text(data, "node_id") ?? "?";
        var type = Text(data, "node_type") ?? "?";
        var message = Text(data, "exception_message")?.Trim() ?? "unknown error";
        return new PluginException(_scrubber.Scrub($"ComfyUI at {Server} failed in node {node} ({type}): {message}")) { Code = "EXECUTION_ERROR" };
    }

    private PluginException Malformed(string what, string problem) =>
        new(_scrubber.Scrub($"ComfyUI at {Server} answered {what} with a malformed response: {problem}")) { Code = "BAD_RESPONSE" };

    private static string NodeErrors(JsonObject errors) => string.Join("; ", errors.Select(e =>
    {
        var node = e.Value as JsonObject;
        var classType = node?["class_type"]?.ToString() ?? "?";
        var reasons = (node?["errors"] as JsonArray)?.OfType<JsonObject>()
            .Select(x => $"{x["message"]}{(x["details"]?.ToString() is { Length: > 0 } d ? " (" + d + ")" : "")}") ?? [];
        return $"node {e.Key} ({classType}): {string.Join(", ", reasons)}";
    }));

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string text)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        return t.Length == 0 ? "(empty)" : t.Length > 200 ? t[..200] + "…" : t;
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double Number(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        _ => "application/octet-stream",
    };
}
