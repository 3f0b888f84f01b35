using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// Veo on the Gemini API as documented (python-genai's request mapping, the video guide): <c>x-goog-api-key</c> on
/// every call (an invalid key is a 400 API_KEY_INVALID, as Google answers), no <c>key=</c> in any URL,
/// <c>POST /v1beta/models/{model}:predictLongRunning</c> validated (one instance; image/lastFrame as
/// <c>{bytesBase64Encoded, mimeType}</c>; lastFrame needs image; aspect ratio, resolution and durations, 8 s for
/// 1080p and for a last frame; no seed on the Gemini API), operations polled at <c>GET /v1beta/{name}</c> until
/// <c>done</c>, and files downloaded at <c>GET /v1beta/files/{id}:download?alt=media</c> with the key (deleted after
/// their retention: 404). Failures are scripted by the properties.
/// </summary>
public sealed class VeoFake(string key) : FakeHttpServer
{
    private static readonly string[] Models = ["veo-3.1-generate-preview", "veo-3.1-fast-generate-preview", "veo-3.0-generate-001"];
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private int _rateLimited;
    private int _pollErrors;
    private int _started;

    /// <summary>Start calls answered 429 RESOURCE_EXHAUSTED first.</summary>
    public int RateLimitedStarts { get; set; }

    /// <summary>Operation polls answered 500 first.</summary>
    public int ServerErrorsOnPoll { get; set; }

    /// <summary>The first N operations end with error 13 INTERNAL.</summary>
    public int InternalErrors { get; set; }

    /// <summary>Operations end with every sample removed by the safety filters.</summary>
    public bool RaiFiltered { get; set; }

    /// <summary>Polls that see done=false before the operation ends.</summary>
    public int RunningPolls { get; set; } = 2;

    /// <summary>Operations never finish.</summary>
    public bool NeverFinish { get; set; }

    /// <summary>Files are gone (deleted after their retention).</summary>
    public bool ExpireFiles { get; set; }

    /// <summary>Downloads redirect to storage on another origin (which must not get the key).</summary>
    public bool RedirectDownloads { get; set; }

    /// <summary>Operation polls answer malformed JSON.</summary>
    public bool MalformedPoll { get; set; }

    /// <summary>Operation polls take this long.</summary>
    public TimeSpan PollDelay { get; set; }

    /// <summary>Operations started, in order.</summary>
    public IReadOnlyList<Operation> Operations => [.. _operations.Values.OrderBy(o => o.Number)];

    public sealed class Operation
    {
        public required int Number { get; init; }
        public required string Name { get; init; }
        public required string Model { get; init; }
        public required JsonObject Body { get; init; }
        public int Polls { get; set; }
        public bool Fail { get; init; }
    }

    protected override async Task HandleAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Query.Contains("key=", StringComparison.Ordinal))
        {
            await FakeHttpServer.StatusAsync(context, 400, "test fake: the key must travel in the x-goog-api-key header, never the URL").ConfigureAwait(false);
            return;
        }

        if (request.Path.StartsWith("/storage/", StringComparison.Ordinal))
        {
            if (request.Header("x-goog-api-key") is not null)
            {
                await FakeHttpServer.StatusAsync(context, 400, "test fake: the key was sent to another origin").ConfigureAwait(false);
                return;
            }

            await ServeVideoAsync(context, request.Path["/storage/".Length..]).ConfigureAwait(false);
            return;
        }

        if (request.Header("x-goog-api-key") != key)
        {
            await FakeHttpServer.JsonAsync(context, 400, """{"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT", "details": [{"reason": "API_KEY_INVALID"}]}}""").ConfigureAwait(false);
            return;
        }

        var path = request.Path;
        if (request.Method == "POST" && path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && path.EndsWith(":predictLongRunning", StringComparison.Ordinal))
        {
            await StartAsync(context, request, path["/v1beta/models/".Length..^":predictLongRunning".Length]).ConfigureAwait(false);
        }
        else if (request.Method == "GET" && path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && path.Contains("/operations/", StringComparison.Ordinal))
        {
            await PollAsync(context, path["/v1beta/".Length..]).ConfigureAwait(false);
        }
        else if (request.Method == "GET" && path.StartsWith("/v1beta/files/", StringComparison.Ordinal) && path.EndsWith(":download", StringComparison.Ordinal)
            && request.Query.Contains("alt=media", StringComparison.Ordinal))
        {
            var id = path["/v1beta/files/".Length..^":download".Length];
            if (ExpireFiles)
            {
                await FakeHttpServer.JsonAsync(context, 404, """{"error": {"code": 404, "message": "File not found.", "status": "NOT_FOUND"}}""").ConfigureAwait(false);
            }
            else if (RedirectDownloads)
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = $"{OtherOrigin}/storage/{id}";
                context.Response.Close();
            }
            else
            {
                await ServeVideoAsync(context, id).ConfigureAwait(false);
            }
        }
        else
        {
            await FakeHttpServer.JsonAsync(context, 404, """{"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}""").ConfigureAwait(false);
        }
    }

    private async Task StartAsync(HttpListenerContext context, SeenRequest request, string model)
    {
        if (Interlocked.Increment(ref _rateLimited) <= RateLimitedStarts)
        {
            await FakeHttpServer.JsonAsync(context, 429, """{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).", "status": "RESOURCE_EXHAUSTED"}}""").ConfigureAwait(false);
            return;
        }

        if (!Models.Contains(model))
        {
            await FakeHttpServer.JsonAsync(context, 404, new { error = new { code = 404, message = $"models/{model} is not found", status = "NOT_FOUND" } }).ConfigureAwait(false);
            return;
        }

        var body = JsonNode.Parse(request.Text)!.AsObject();
        if (Validate(body) is { } problem)
        {
            await FakeHttpServer.JsonAsync(context, 400, new { error = new { code = 400, message = problem, status = "INVALID_ARGUMENT" } }).ConfigureAwait(false);
            return;
        }

        var number = Interlocked.Increment(ref _started);
        var name = $"models/{model}/operations/op{Guid.NewGuid():N}";
        _operations[name] = new Operation { Number = number, Name = name, Model = model, Body = body, Fail = number <= InternalErrors };
        await FakeHttpServer.JsonAsync(context, 200, new { name }).ConfigureAwait(false);
    }

    private static string? Validate(JsonObject body)
    {
        if (body["instances"] is not JsonArray { Count: 1 } instances || instances[0] is not JsonObject instance)
        {
            return "instances: exactly one instance is expected";
        }

        foreach (var field in new[] { "image", "lastFrame" })
        {
            if (instance[field] is JsonObject image)
            {
                if (image.ContainsKey("gcsUri"))
                {
                    return $"{field}: gcsUri is not supported in the Gemini API";
                }

                var mime = image["mimeType"]?.GetValue<string>();
                if (mime is not ("image/png" or "image/jpeg"))
                {
                    return $"{field}.mimeType: image/png or image/jpeg expected";
                }

                try
                {
                    var bytes = Convert.FromBase64String(image["bytesBase64Encoded"]?.GetValue<string>() ?? "");
                    if (bytes.Length < 8)
                    {
                        return $"{field}.bytesBase64Encoded: empty";
                    }
                }
                catch (FormatException)
                {
                    return $"{field}.bytesBase64Encoded: invalid base64";
                }
            }
        }

        if (instance.ContainsKey("lastFrame") && !instance.ContainsKey("image"))
        {
            return "lastFrame requires image";
        }

        if (!instance.ContainsKey("image") && string.IsNullOrEmpty(instance["prompt"]?.GetValue<string>()))
        {
            return "prompt: required for text-to-video";
        }

        var parameters = body["parameters"] as JsonObject ?? [];
        if (parameters.ContainsKey("seed") || parameters.ContainsKey("generateAudio") || parameters.ContainsKey("fps"))
        {
            return "seed, generateAudio and fps are not supported in the Gemini API";
        }

        if (parameters["aspectRatio"]?.GetValue<string>() is not ("16:9" or "9:16"))
        {
            return "parameters.aspectRatio: 16:9 or 9:16";
        }

        var resolution = parameters["resolution"]?.GetValue<string>() ?? "720p";
        if (resolution is not ("720p" or "1080p" or "4k"))
        {
            return "parameters.resolution: 720p, 1080p or 4k";
        }

        var seconds = parameters["durationSeconds"]?.GetValue<int>() ?? 8;
        if (seconds is not (4 or 6 or 8))
        {
            return "parameters.durationSeconds: 4, 6 or 8";
        }

        if (seconds != 8 && (resolution != "720p" || instance.ContainsKey("lastFrame")))
        {
            return "parameters.durationSeconds: 8 is required for 1080p, 4k and interpolation (lastFrame)";
        }

        return null;
    }

    private async Task PollAsync(HttpListenerContext context, string name)
    {
        if (PollDelay > TimeSpan.Zero)
        {
            await Task.Delay(PollDelay).ConfigureAwait(false);
        }

        if (Interlocked.Increment(ref _pollErrors) <= ServerErrorsOnPoll)
        {
            await FakeHttpServer.JsonAsync(context, 500, """{"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL"}}""").ConfigureAwait(false);
            return;
        }

        if (MalformedPoll)
        {
            await FakeHttpServer.TextAsync(context, 200, "<html>502 Bad Gateway</html>", "text/html").ConfigureAwait(false);
            return;
        }

        if (!_operations.TryGetValue(name, out var op))
        {
            await FakeHttpServer.JsonAsync(context, 404, """{"error": {"code": 404, "message": "Operation not found", "status": "NOT_FOUND"}}""").ConfigureAwait(false);
            return;
        }

        op.Polls++;
        if (NeverFinish || op.Polls <= RunningPolls)
        {
            await FakeHttpServer.JsonAsync(context, 200, new { name, done = false }).ConfigureAwait(false);
            return;
        }

        object answer;
        if (op.Fail)
        {
            answer = new { name, done = true, error = new { code = 13, message = "Internal error while generating the video.", status = "INTERNAL" } };
        }
        else if (RaiFiltered)
        {
            answer = new
            {
                name,
                done = true,
                response = new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                    ["generateVideoResponse"] = new { raiMediaFilteredCount = 1, raiMediaFilteredReasons = new[] { "The video was filtered for violating the usage guidelines." } },
                },
            };
        }
        else
        {
            var id = op.Name[(op.Name.LastIndexOf('/') + 1)..];
            answer = new
            {
                name,
                done = true,
                response = new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                    ["generateVideoResponse"] = new { generatedSamples = new[] { new { video = new { uri = $"{BaseUrl}/v1beta/files/{id}:download?alt=media" } } } },
                },
            };
        }

        await FakeHttpServer.JsonAsync(context, 200, answer).ConfigureAwait(false);
    }

    private async Task ServeVideoAsync(HttpListenerContext context, string id)
    {
        var op = _operations.Values.FirstOrDefault(o => o.Name.EndsWith("/" + id, StringComparison.Ordinal));
        if (op is null)
        {
            await FakeHttpServer.JsonAsync(context, 404, """{"error": {"code": 404, "message": "File not found.", "status": "NOT_FOUND"}}""").ConfigureAwait(false);
            return;
        }

        var parameters = op.Body["parameters"]!.AsObject();
        var portrait = parameters["aspectRatio"]!.GetValue<string>() == "9:16";
        var (w, h) = (parameters["resolution"]?.GetValue<string>() ?? "720p") == "1080p" ? (1920, 1080) : (1280, 720);
        var bytes = VendorMedia.Video(portrait ? h : w, portrait ? w : h, "24", parameters["durationSeconds"]!.GetValue<int>());
        await FakeHttpServer.BytesAsync(context, 200, bytes, "video/mp4").ConfigureAwait(false);
    }
}
