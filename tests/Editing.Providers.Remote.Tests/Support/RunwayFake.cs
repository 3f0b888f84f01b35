using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// Runway's developer API as documented (sdk-python types and task lifecycle): bearer key and
/// <c>X-Runway-Version: 2024-11-06</c> on every call, per-model validation of image_to_video and text_to_video bodies
/// (ratio, duration, promptImage positions, data URIs, prompt limits), ephemeral uploads to a pre-signed form URL,
/// tasks that move PENDING → (THROTTLED) → RUNNING → SUCCEEDED/FAILED/CANCELLED as they are polled,
/// <c>DELETE /v1/tasks/{id}</c>, and signed output URLs that can expire. Failures are scripted by the properties.
/// </summary>
public sealed class RunwayFake(string key) : FakeHttpServer
{
    private static readonly Dictionary<string, (string[] Ratios, int[] Durations, bool Last, bool PromptRequired, bool Text)> Models = new()
    {
        ["gen4_turbo"] = (["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"], [2, 3, 4, 5, 6, 7, 8, 9, 10], false, false, false),
        ["gen4.5"] = (["1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672"], [2, 3, 4, 5, 6, 7, 8, 9, 10], false, true, true),
        ["veo3.1"] = (["1280:720", "720:1280", "1080:1920", "1920:1080"], [4, 6, 8], true, false, true),
        ["veo3.1_fast"] = (["1280:720", "720:1280", "1080:1920", "1920:1080"], [4, 6, 8], true, false, true),
    };

    private readonly ConcurrentDictionary<string, FakeTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _uploads = new(StringComparer.Ordinal);
    private int _created;
    private int _outputsServed;
    private int _rateLimited;
    private int _createErrors;
    private int _pollErrors;

    /// <summary>Create calls answered 429 (Retry-After: <see cref="RetryAfterSeconds"/>) before one is accepted.</summary>
    public int RateLimitedCreates { get; set; }

    /// <summary>The Retry-After of those 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Create calls answered 502 before one is accepted.</summary>
    public int ServerErrorsOnCreate { get; set; }

    /// <summary>Task polls answered 503 (once each, then normal).</summary>
    public int ServerErrorsOnPoll { get; set; }

    /// <summary>Every task fails with this code (e.g. SAFETY.INPUT.TEXT).</summary>
    public string? FailureCode { get; set; }

    /// <summary>The first N tasks fail with INTERNAL.BAD_OUTPUT; later ones succeed.</summary>
    public int InternalFailures { get; set; }

    /// <summary>Polls that see THROTTLED before the task runs.</summary>
    public int ThrottledPolls { get; set; }

    /// <summary>The task stays RUNNING forever.</summary>
    public bool NeverFinish { get; set; }

    /// <summary>The task ends CANCELLED (cancelled on Runway's side).</summary>
    public bool VendorCancels { get; set; }

    /// <summary>Every output URL answers 403 (expired signature).</summary>
    public bool ExpireAllOutputs { get; set; }

    /// <summary>The first output URL handed out has expired; URLs from later task fetches work.</summary>
    public bool ExpireFirstOutput { get; set; }

    /// <summary>Task polls answer malformed JSON.</summary>
    public bool MalformedPoll { get; set; }

    /// <summary>Create calls take this long to answer.</summary>
    public TimeSpan CreateDelay { get; set; }

    /// <summary>Tasks created, by id, with their request bodies.</summary>
    public IReadOnlyCollection<FakeTask> Tasks => [.. _tasks.Values.OrderBy(t => t.Number)];

    /// <summary>Tasks the client deleted.</summary>
    public IReadOnlyList<string> Deleted => [.. Seen("DELETE", "/v1/tasks/").Select(r => r.Path["/v1/tasks/".Length..])];

    /// <summary>A task.</summary>
    public sealed class FakeTask
    {
        public required int Number { get; init; }
        public required string Id { get; init; }
        public required JsonObject Body { get; init; }
        public required string Endpoint { get; init; }
        public int Polls { get; set; }
        public bool Deleted { get; set; }
        public bool Fail { get; init; }
        public byte[]? Source { get; init; }
    }

    protected override async Task HandleAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Path.StartsWith("/upload-target/", StringComparison.Ordinal))
        {
            await UploadTargetAsync(context, request).ConfigureAwait(false);
            return;
        }

        if (request.Path.StartsWith("/outputs/", StringComparison.Ordinal))
        {
            await OutputAsync(context, request).ConfigureAwait(false);
            return;
        }

        if (request.Header("authorization") != $"Bearer {key}")
        {
            await FakeHttpServer.StatusAsync(context, 401, "Unauthorized: bad or missing API key").ConfigureAwait(false);
            return;
        }

        if (request.Header("x-runway-version") != "2024-11-06")
        {
            await FakeHttpServer.StatusAsync(context, 400, "X-Runway-Version header is required and must be a valid version (2024-11-06)").ConfigureAwait(false);
            return;
        }

        switch (request.Method, request.Path)
        {
            case ("POST", "/v1/image_to_video"):
            case ("POST", "/v1/text_to_video"):
                await CreateAsync(context, request).ConfigureAwait(false);
                break;
            case ("POST", "/v1/video_to_video"):
            case ("POST", "/v1/video_upscale"):
                await CreateFromVideoAsync(context, request).ConfigureAwait(false);
                break;
            case ("POST", "/v1/uploads"):
                var body = JsonNode.Parse(request.Text)!.AsObject();
                if (body["type"]?.GetValue<string>() != "ephemeral" || body["filename"]?.GetValue<string>() is not { Length: > 0 })
                {
                    await FakeHttpServer.StatusAsync(context, 400, "filename and type=ephemeral are required").ConfigureAwait(false);
                    return;
                }

                var id = Guid.NewGuid().ToString("N");
                await FakeHttpServer.JsonAsync(context, 200, new
                {
                    uploadUrl = $"{BaseUrl}/upload-target/{id}",
                    fields = new Dictionary<string, string> { ["key"] = $"uploads/{id}", ["policy"] = "c2lnbmVk" },
                    runwayUri = $"runway://uploads/{id}",
                }).ConfigureAwait(false);
                break;
            case ("GET", var p) when p.StartsWith("/v1/tasks/", StringComparison.Ordinal):
                await PollAsync(context, p["/v1/tasks/".Length..]).ConfigureAwait(false);
                break;
            case ("DELETE", var p) when p.StartsWith("/v1/tasks/", StringComparison.Ordinal):
                if (_tasks.TryGetValue(p["/v1/tasks/".Length..], out var task) && !task.Deleted)
                {
                    task.Deleted = true;
                    context.Response.StatusCode = 204;
                    context.Response.Close();
                }
                else
                {
                    await FakeHttpServer.StatusAsync(context, 404, "Task not found").ConfigureAwait(false);
                }

                break;
            default:
                await FakeHttpServer.StatusAsync(context, 404, $"no route {request.Method} {request.Path}").ConfigureAwait(false);
                break;
        }
    }

    private async Task CreateAsync(HttpListenerContext context, SeenRequest request)
    {
        if (CreateDelay > TimeSpan.Zero)
        {
            await Task.Delay(CreateDelay).ConfigureAwait(false);
        }

        if (Interlocked.Increment(ref _rateLimited) <= RateLimitedCreates)
        {
            await FakeHttpServer.StatusAsync(context, 429, "You have exceeded your daily generation quota",
                new Dictionary<string, string> { ["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _createErrors) <= ServerErrorsOnCreate)
        {
            await FakeHttpServer.StatusAsync(context, 502, "Bad gateway").ConfigureAwait(false);
            return;
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.Text)!.AsObject();
        }
        catch (JsonException)
        {
            await FakeHttpServer.StatusAsync(context, 400, "body is not JSON").ConfigureAwait(false);
            return;
        }

        if (Validate(body, request.Path == "/v1/text_to_video") is { } problem)
        {
            await FakeHttpServer.StatusAsync(context, 400, problem).ConfigureAwait(false);
            return;
        }

        var number = Interlocked.Increment(ref _created);
        var id = Guid.NewGuid().ToString();
        _tasks[id] = new FakeTask { Number = number, Id = id, Body = body, Endpoint = request.Path, Fail = number <= InternalFailures };
        await FakeHttpServer.JsonAsync(context, 200, new { id }).ConfigureAwait(false);
    }

    /// <summary>The documented field rules, or null when the body is valid.</summary>
    private string? Validate(JsonObject body, bool text)
    {
        var model = body["model"]?.GetValue<string>() ?? "";
        if (!Models.TryGetValue(model, out var rules))
        {
            return $"model: unknown model '{model}'";
        }

        if (text && !rules.Text)
        {
            return $"model {model} does not support text_to_video";
        }

        var ratio = body["ratio"]?.GetValue<string>();
        if (ratio is null || !rules.Ratios.Contains(ratio))
        {
            return $"ratio: '{ratio}' is not one of {string.Join(", ", rules.Ratios)}";
        }

        if (body["duration"] is not JsonValue d || !d.TryGetValue<int>(out var duration) || !rules.Durations.Contains(duration))
        {
            return $"duration: must be one of {string.Join(", ", rules.Durations)}";
        }

        var prompt = body["promptText"]?.GetValue<string>();
        if ((rules.PromptRequired || text) && string.IsNullOrEmpty(prompt))
        {
            return "promptText: required";
        }

        if (prompt is { Length: > 1000 })
        {
            return "promptText: at most 1000 characters";
        }

        if (body["seed"] is JsonValue s && (!s.TryGetValue<long>(out var seed) || seed < 0 || seed > uint.MaxValue))
        {
            return "seed: must be an integer 0..4294967295";
        }

        if (text)
        {
            return body.ContainsKey("promptImage") ? "promptImage: not allowed on text_to_video" : null;
        }

        var images = body["promptImage"] switch
        {
            JsonValue v => [("first", v.GetValue<string>())],
            JsonArray a => a.Select(i => (i!["position"]?.GetValue<string>() ?? "", i["uri"]?.GetValue<string>() ?? "")).ToList(),
            _ => null,
        };
        if (images is null || images.Count == 0)
        {
            return "promptImage: required";
        }

        foreach (var (position, uri) in images)
        {
            if (position is not ("first" or "last"))
            {
                return $"promptImage.position: '{position}' must be first or last";
            }

            if (position == "last" && !rules.Last)
            {
                return $"promptImage.position: model {model} supports only 'first'";
            }

            if (ImageProblem(uri) is { } problem)
            {
                return problem;
            }
        }

        if (images.Any(i => i.Item1 == "last") && !images.Any(i => i.Item1 == "first"))
        {
            return "promptImage: a last frame requires a first frame";
        }

        return null;
    }

    private string? ImageProblem(string uri)
    {
        if (uri.StartsWith("runway://uploads/", StringComparison.Ordinal))
        {
            return _uploads.ContainsKey(uri["runway://uploads/".Length..]) ? null : $"promptImage: {uri} was never uploaded";
        }

        const string prefix = "data:image/png;base64,";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "promptImage.uri: expected a data URI of a PNG, JPEG or WebP image, an https URL or a runway:// upload";
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(uri[prefix.Length..]);
        }
        catch (FormatException)
        {
            return "promptImage.uri: invalid base64";
        }

        if (bytes.Length > 5 * 1024 * 1024)
        {
            return "promptImage.uri: data URIs are limited to 5 MB";
        }

        return bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? null : "promptImage.uri: not a PNG";
    }

    private async Task PollAsync(HttpListenerContext context, string id)
    {
        if (Interlocked.Increment(ref _pollErrors) <= ServerErrorsOnPoll)
        {
            await FakeHttpServer.StatusAsync(context, 503, "Service unavailable").ConfigureAwait(false);
            return;
        }

        if (MalformedPoll)
        {
            await FakeHttpServer.TextAsync(context, 200, "{\"id\": \"" + id + "\", \"status\": \"RUNN", "application/json").ConfigureAwait(false);
            return;
        }

        if (!_tasks.TryGetValue(id, out var task) || task.Deleted)
        {
            await FakeHttpServer.StatusAsync(context, 404, "Task not found").ConfigureAwait(false);
            return;
        }

        task.Polls++;
        var created = "2026-11-21T09:00:00.000Z";
        object state;
        if (task.Polls == 1)
        {
            state = new { id, status = "PENDING", createdAt = created };
        }
        else if (task.Polls <= 1 + ThrottledPolls)
        {
            state = new { id, status = "THROTTLED", createdAt = created };
        }
        else if (task.Polls == 2 + ThrottledPolls || NeverFinish)
        {
            state = new { id, status = "RUNNING", createdAt = created, progress = 0.5 };
        }
        else if (VendorCancels)
        {
            state = new { id, status = "CANCELLED", createdAt = created };
        }
        else if (FailureCode is { } code)
        {
            state = new
            {
                id,
                status = "FAILED",
                createdAt = created,
                failure = code.StartsWith("SAFETY", StringComparison.Ordinal)
                    ? $"Your input was flagged by our content moderation system. Request echo: Bearer {key}"
                    : "The task failed.",
                failureCode = code,
            };
        }
        else if (task.Fail)
        {
            state = new { id, status = "FAILED", createdAt = created, failure = "An internal error occurred.", failureCode = "INTERNAL.BAD_OUTPUT.CODE01" };
        }
        else
        {
            var served = Interlocked.Increment(ref _outputsServed);
            var expired = ExpireAllOutputs || (ExpireFirstOutput && served == 1);
            state = new
            {
                id,
                status = "SUCCEEDED",
                createdAt = created,
                output = new[] { $"{BaseUrl}/outputs/{id}.mp4?Expires=1700000000&Signature={(expired ? "expired" : "ok")}" },
            };
        }

        await FakeHttpServer.JsonAsync(context, 200, state).ConfigureAwait(false);
    }

    private async Task OutputAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Header("authorization") is not null)
        {
            await FakeHttpServer.StatusAsync(context, 400, "output URLs are pre-signed: no Authorization header expected").ConfigureAwait(false);
            return;
        }

        if (request.Query.Contains("Signature=expired", StringComparison.Ordinal))
        {
            await FakeHttpServer.TextAsync(context, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", "application/xml").ConfigureAwait(false);
            return;
        }

        var id = request.Path["/outputs/".Length..^".mp4".Length];
        if (!_tasks.TryGetValue(id, out var task))
        {
            await FakeHttpServer.StatusAsync(context, 404, "not found").ConfigureAwait(false);
            return;
        }

        if (task.Source is { } source)
        {
            // The output follows the input video: as many frames, at the model's size (720p here).
            var probe = Path.Combine(Path.GetTempPath(), $"runway-upload-{id}.mov");
            await File.WriteAllBytesAsync(probe, source).ConfigureAwait(false);
            var frames = (int)VendorMedia.Probe(probe).Frames;
            File.Delete(probe);
            await FakeHttpServer.BytesAsync(context, 200, VendorMedia.VideoFrames(1280, 720, "24", frames), "video/mp4").ConfigureAwait(false);
            return;
        }

        var ratio = task.Body["ratio"]!.GetValue<string>().Split(':');
        var bytes = VendorMedia.Video(int.Parse(ratio[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ratio[1], System.Globalization.CultureInfo.InvariantCulture),
            "24", task.Body["duration"]!.GetValue<int>());
        await FakeHttpServer.BytesAsync(context, 200, bytes, "video/mp4").ConfigureAwait(false);
    }

    /// <summary>The bytes of the multipart part named <c>file</c>.</summary>
    private static byte[] FilePart(SeenRequest request)
    {
        var type = request.Header("content-type") ?? "";
        var boundary = "--" + type[(type.IndexOf("boundary=", StringComparison.Ordinal) + "boundary=".Length)..].Trim('"');
        var body = request.Body.AsSpan();
        var latin = System.Text.Encoding.Latin1.GetString(request.Body);
        var name = latin.IndexOf("name=file", StringComparison.Ordinal) is >= 0 and var n ? n : latin.IndexOf("name=\"file\"", StringComparison.Ordinal);
        var start = latin.IndexOf("\r\n\r\n", name, StringComparison.Ordinal) + 4;
        var end = latin.IndexOf("\r\n" + boundary, start, StringComparison.Ordinal);
        return body[start..end].ToArray();
    }

    private async Task CreateFromVideoAsync(HttpListenerContext context, SeenRequest request)
    {
        var body = JsonNode.Parse(request.Text)!.AsObject();
        var upscale = request.Path == "/v1/video_upscale";
        var model = body["model"]?.GetValue<string>();
        string? problem = (upscale, model) switch
        {
            (false, "aleph2") => body["ratio"]?.GetValue<string>() is null or "1280:720" or "720:1280" or "960:960" ? null : "ratio: invalid for aleph2",
            (true, "magnific_video_upscaler_creative") => body["resolution"]?.GetValue<string>() is null or "720p" or "1k" or "2k" or "4k" ? null : "resolution: 720p, 1k, 2k or 4k",
            _ => $"model: '{model}' is not a {(upscale ? "video_upscale" : "video_to_video")} model",
        };
        var uri = body["videoUri"]?.GetValue<string>() ?? "";
        if (problem is null && (!uri.StartsWith("runway://uploads/", StringComparison.Ordinal) || !_uploads.ContainsKey(uri["runway://uploads/".Length..])))
        {
            problem = "videoUri: expected an uploaded video (runway://...)";
        }

        if (problem is null && upscale && body.ContainsKey("promptText"))
        {
            problem = "promptText: not a field of video_upscale";
        }

        if (problem is null && body.ContainsKey("duration"))
        {
            problem = "duration: not a field of this endpoint (the output follows the input video)";
        }

        if (problem is not null)
        {
            await FakeHttpServer.StatusAsync(context, 400, problem).ConfigureAwait(false);
            return;
        }

        var number = Interlocked.Increment(ref _created);
        var id = Guid.NewGuid().ToString();
        _tasks[id] = new FakeTask { Number = number, Id = id, Body = body, Endpoint = request.Path, Fail = false, Source = _uploads[uri["runway://uploads/".Length..]] };
        await FakeHttpServer.JsonAsync(context, 200, new { id }).ConfigureAwait(false);
    }

    private static bool HasField(string form, string name) =>
        form.Contains($"name={name}", StringComparison.Ordinal) || form.Contains($"name=\"{name}\"", StringComparison.Ordinal);

    private async Task UploadTargetAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Header("authorization") is not null || request.Header("x-runway-version") is not null)
        {
            await FakeHttpServer.StatusAsync(context, 400, "pre-signed upload: the API key must not be sent here").ConfigureAwait(false);
            return;
        }

        var id = request.Path["/upload-target/".Length..];
        var text = System.Text.Encoding.Latin1.GetString(request.Body);
        if (!(request.Header("content-type") ?? "").StartsWith("multipart/form-data", StringComparison.Ordinal)
            || !HasField(text, "key") || !HasField(text, "policy") || !HasField(text, "file"))
        {
            await FakeHttpServer.StatusAsync(context, 400, "expected multipart form with the policy fields and file").ConfigureAwait(false);
            return;
        }

        _uploads[id] = FilePart(request);
        context.Response.StatusCode = 204;
        context.Response.Close();
    }
}
