using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Editing.Providers.Remote.Tests.Support;

/// <summary>
/// fal's queue as documented (docs.fal.ai queue and inference reference; Pika model schemas): <c>Authorization: Key</c>,
/// <c>POST /{model endpoint}</c> validated per model and answered with <c>request_id</c>, <c>status_url</c>,
/// <c>response_url</c> and <c>cancel_url</c> under the model id without its subpath (requests to the subpath's
/// status are 404, as the protocol warns), status <c>IN_QUEUE</c> → <c>IN_PROGRESS</c> → <c>COMPLETED</c>, the
/// result (or a 422 content-policy refusal) at the response URL, <c>PUT …/cancel</c>, and public video URLs that
/// can expire. Also serves a custom model (<c>fal-ai/example/video-model/image-to-video</c>, 16 fps, frame counts)
/// for the models-as-data tests.
/// </summary>
public sealed class FalFake(string key) : FakeHttpServer
{
    private readonly ConcurrentDictionary<string, QueueRequest> _requests = new(StringComparer.Ordinal);
    private int _rateLimited;
    private int _statusErrors;
    private int _submitted;

    public int RateLimitedSubmits { get; set; }

    public int ServerErrorsOnStatus { get; set; }

    /// <summary>The result is a 422 content-policy refusal.</summary>
    public bool ContentPolicy { get; set; }

    public bool NeverFinish { get; set; }

    public bool ExpireFiles { get; set; }

    public bool MalformedStatus { get; set; }

    public TimeSpan SubmitDelay { get; set; }

    public IReadOnlyList<QueueRequest> Submitted => [.. _requests.Values.OrderBy(r => r.Number)];

    public sealed class QueueRequest
    {
        public required int Number { get; init; }
        public required string Id { get; init; }
        public required string Endpoint { get; init; }
        public required string App { get; init; }
        public required JsonObject Input { get; init; }
        public int Polls { get; set; }
        public bool Cancelled { get; set; }
        public bool Completed { get; set; }
    }

    protected override async Task HandleAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Path.StartsWith("/files/", StringComparison.Ordinal))
        {
            await FileAsync(context, request).ConfigureAwait(false);
            return;
        }

        if (request.Header("authorization") != $"Key {key}")
        {
            await FakeHttpServer.JsonAsync(context, 401, new { detail = "Unauthorized: invalid or missing key" }).ConfigureAwait(false);
            return;
        }

        var path = request.Path.Trim('/');
        var marker = path.IndexOf("/requests/", StringComparison.Ordinal);
        if (marker > 0)
        {
            var app = path[..marker];
            var rest = path[(marker + "/requests/".Length)..].Split('/');
            if (!_requests.TryGetValue(rest[0], out var queued) || queued.App != app)
            {
                await FakeHttpServer.JsonAsync(context, 404, new { detail = "Request not found" }).ConfigureAwait(false);
                return;
            }

            switch (request.Method, rest.Length > 1 ? rest[1] : "")
            {
                case ("GET", "status"):
                    await StatusAsync(context, queued).ConfigureAwait(false);
                    return;
                case ("PUT", "cancel"):
                    if (queued.Completed)
                    {
                        await FakeHttpServer.JsonAsync(context, 400, new { status = "ALREADY_COMPLETED" }).ConfigureAwait(false);
                    }
                    else
                    {
                        queued.Cancelled = true;
                        await FakeHttpServer.JsonAsync(context, 202, new { status = "CANCELLATION_REQUESTED" }).ConfigureAwait(false);
                    }

                    return;
                case ("GET", ""):
                    await ResultAsync(context, queued).ConfigureAwait(false);
                    return;
            }

            await FakeHttpServer.JsonAsync(context, 405, new { detail = "Method not allowed" }).ConfigureAwait(false);
            return;
        }

        if (request.Method == "POST")
        {
            await SubmitAsync(context, request, path).ConfigureAwait(false);
            return;
        }

        await FakeHttpServer.JsonAsync(context, 404, new { detail = "Not found" }).ConfigureAwait(false);
    }

    private async Task SubmitAsync(HttpListenerContext context, SeenRequest request, string endpoint)
    {
        if (SubmitDelay > TimeSpan.Zero)
        {
            await Task.Delay(SubmitDelay).ConfigureAwait(false);
        }

        if (Interlocked.Increment(ref _rateLimited) <= RateLimitedSubmits)
        {
            await FakeHttpServer.JsonAsync(context, 429, new { detail = "Rate limit exceeded" }, new Dictionary<string, string> { ["Retry-After"] = "0" }).ConfigureAwait(false);
            return;
        }

        JsonObject input;
        try
        {
            input = JsonNode.Parse(request.Text)!.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            await FakeHttpServer.JsonAsync(context, 422, new { detail = "Invalid JSON" }).ConfigureAwait(false);
            return;
        }

        var problem = endpoint switch
        {
            "fal-ai/pika/v2.2/image-to-video" => ImageToVideo(input),
            "fal-ai/pika/v2.2/pikaframes" => Pikaframes(input),
            "fal-ai/pika/v2.2/text-to-video" => TextToVideo(input),
            "fal-ai/example/video-model/image-to-video" => Example(input),
            _ => $"unknown model {endpoint}",
        };
        if (problem is not null)
        {
            await FakeHttpServer.JsonAsync(context, problem.StartsWith("unknown model", StringComparison.Ordinal) ? 404 : 422,
                new { detail = new[] { new { loc = new[] { "body" }, msg = problem, type = "value_error" } } }).ConfigureAwait(false);
            return;
        }

        var id = Guid.NewGuid().ToString();
        var app = string.Join('/', endpoint.Split('/').Take(2));
        _requests[id] = new QueueRequest { Number = Interlocked.Increment(ref _submitted), Id = id, Endpoint = endpoint, App = app, Input = input };
        var root = $"{BaseUrl}/{app}/requests/{id}";
        await FakeHttpServer.JsonAsync(context, 200, new { request_id = id, response_url = root, status_url = root + "/status", cancel_url = root + "/cancel", queue_position = 0 })
            .ConfigureAwait(false);
    }

    private static string? Image(JsonNode? value, string field) =>
        value?.GetValue<string>() is { } s && s.StartsWith("data:image/png;base64,", StringComparison.Ordinal) && Convert.FromBase64String(s[22..]).Length > 8
            ? null
            : $"{field}: expected an image URL or data URI";

    private static string? Resolution(JsonObject input, params string[] allowed) =>
        allowed.Contains(input["resolution"]?.GetValue<string>() ?? "720p") ? null : $"resolution: one of {string.Join(", ", allowed)}";

    private static string? Duration(JsonObject input) =>
        input["duration"] is JsonValue d && d.TryGetValue<int>(out var n) && n is 5 or 10 ? null : "duration: 5 or 10 (integer)";

    private static string? ImageToVideo(JsonObject input) =>
        Image(input["image_url"], "image_url")
        ?? (string.IsNullOrEmpty(input["prompt"]?.GetValue<string>()) ? "prompt: field required" : null)
        ?? Resolution(input, "720p", "1080p") ?? Duration(input);

    private static string? TextToVideo(JsonObject input) =>
        (string.IsNullOrEmpty(input["prompt"]?.GetValue<string>()) ? "prompt: field required" : null)
        ?? (input["aspect_ratio"]?.GetValue<string>() is null or "16:9" or "9:16" or "1:1" or "4:5" or "5:4" or "3:2" or "2:3" ? null : "aspect_ratio: invalid")
        ?? Resolution(input, "720p", "1080p") ?? Duration(input);

    private static string? Pikaframes(JsonObject input)
    {
        if (input["image_urls"] is not JsonArray { Count: >= 2 and <= 5 } images)
        {
            return "image_urls: 2 to 5 images";
        }

        if (images.Select((img, i) => Image(img, $"image_urls[{i}]")).FirstOrDefault(p => p is not null) is { } bad)
        {
            return bad;
        }

        if (input["transitions"] is not JsonArray transitions || transitions.Count != images.Count - 1)
        {
            return "transitions: one per pair of images";
        }

        var total = transitions.Sum(t => t?["duration"]?.GetValue<int>() ?? 5);
        return total > 25 ? "transitions: at most 25 s in total" : Resolution(input, "720p", "1080p");
    }

    private static string? Example(JsonObject input) =>
        Image(input["image_url"], "image_url")
        ?? (input["num_frames"] is JsonValue f && f.TryGetValue<int>(out var n) && n is 81 or 161 ? null : "num_frames: 81 or 161")
        ?? (input["enable_safety_checker"]?.GetValue<bool>() == true ? null : "enable_safety_checker: must be true for this test model");

    private async Task StatusAsync(HttpListenerContext context, QueueRequest queued)
    {
        if (Interlocked.Increment(ref _statusErrors) <= ServerErrorsOnStatus)
        {
            await FakeHttpServer.JsonAsync(context, 503, new { detail = "Service unavailable" }).ConfigureAwait(false);
            return;
        }

        if (MalformedStatus)
        {
            await FakeHttpServer.TextAsync(context, 200, "{\"status\": IN_QUEUE}", "application/json").ConfigureAwait(false);
            return;
        }

        queued.Polls++;
        if (queued.Polls == 1 || queued.Cancelled)
        {
            await FakeHttpServer.JsonAsync(context, 202, new { status = "IN_QUEUE", queue_position = 1, response_url = $"{BaseUrl}/{queued.App}/requests/{queued.Id}" }).ConfigureAwait(false);
        }
        else if (queued.Polls == 2 || NeverFinish)
        {
            await FakeHttpServer.JsonAsync(context, 202, new { status = "IN_PROGRESS", logs = Array.Empty<object>() }).ConfigureAwait(false);
        }
        else
        {
            queued.Completed = true;
            await FakeHttpServer.JsonAsync(context, 200, new { status = "COMPLETED", logs = Array.Empty<object>(), metrics = new { inference_time = 1.5 } }).ConfigureAwait(false);
        }
    }

    private async Task ResultAsync(HttpListenerContext context, QueueRequest queued)
    {
        if (!queued.Completed)
        {
            await FakeHttpServer.JsonAsync(context, 400, new { detail = "Request is still in progress" }).ConfigureAwait(false);
            return;
        }

        if (ContentPolicy)
        {
            await FakeHttpServer.JsonAsync(context, 422, new
            {
                detail = new[] { new { loc = new[] { "body", "prompt" }, msg = "The prompt was flagged by the content checker.", type = "content_policy_violation" } },
            }).ConfigureAwait(false);
            return;
        }

        await FakeHttpServer.JsonAsync(context, 200, new
        {
            video = new { url = $"{BaseUrl}/files/{queued.Id}.mp4", content_type = "video/mp4", file_name = "output.mp4" },
            seed = 1234,
        }).ConfigureAwait(false);
    }

    private async Task FileAsync(HttpListenerContext context, SeenRequest request)
    {
        if (request.Header("authorization") is not null)
        {
            await FakeHttpServer.StatusAsync(context, 400, "test fake: public file URLs must not receive the key").ConfigureAwait(false);
            return;
        }

        var id = request.Path["/files/".Length..^".mp4".Length];
        if (ExpireFiles || !_requests.TryGetValue(id, out var queued))
        {
            await FakeHttpServer.TextAsync(context, 404, "Not Found", "text/plain").ConfigureAwait(false);
            return;
        }

        byte[] bytes;
        if (queued.Endpoint == "fal-ai/example/video-model/image-to-video")
        {
            bytes = VendorMedia.VideoFrames(1280, 720, "16", queued.Input["num_frames"]!.GetValue<int>());
        }
        else
        {
            var (w, h) = queued.Input["resolution"]?.GetValue<string>() == "1080p" ? (1920, 1080) : (1280, 720);
            var seconds = queued.Input["duration"]?.GetValue<int>() ?? queued.Input["transitions"]!.AsArray().Sum(t => t!["duration"]!.GetValue<int>());
            bytes = VendorMedia.Video(w, h, "24", seconds);
        }

        await FakeHttpServer.BytesAsync(context, 200, bytes, "video/mp4").ConfigureAwait(false);
    }
}
