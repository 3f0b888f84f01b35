using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.Remote;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Fal;

/// <summary>
/// <c>editing.fal</c>: video models served by fal's queue. A generation is one queue request: <c>POST
/// {queue}/{model endpoint}</c> with the model's input JSON returns <c>request_id</c>, <c>status_url</c>,
/// <c>response_url</c> and <c>cancel_url</c>; the status URL is polled through <c>IN_QUEUE</c> and <c>IN_PROGRESS</c>
/// to <c>COMPLETED</c>; the result comes from the response URL (an error there is the job's failure) and names the
/// video URL, downloaded at once. A cancelled call sends <c>PUT cancel_url</c>. The URLs the queue returns are used as
/// given (a model's subpath is only for submitting) and get the key (<c>Authorization: Key …</c>) only on the queue's
/// own origin. Every model, Pika's included, is data: how its request is built (field names, duration format, fixed
/// fields, the Pikaframes keyframe style) is in <c>models.json</c> or a user's <c>models_file</c>.
/// </summary>
public sealed class FalProvider : IModelProvider
{
    /// <summary>The provider id.</summary>
    public const string ProviderId = "editing.fal";

    /// <summary>The documented API key variable (declared in plugin.json).</summary>
    public const string KeyVariable = "FAL_KEY";

    /// <summary>Largest still sent inline as a data URI.</summary>
    private const long MaxDataUriBytes = 10L * 1024 * 1024;

    private static readonly RemoteProviderSpec Spec = new()
    {
        ProviderId = ProviderId,
        Version = "1.0.0",
        SecretVariable = KeyVariable,
        Defaults = new RemoteDefaults
        {
            BaseUrl = "https://queue.fal.run",
            PollSeconds = 2,
            PollFloorSeconds = 1,
            PollJitterSeconds = 0.5,
            TimeoutSeconds = 60,
            JobTimeoutSeconds = 1800,
        },
        Authorize = (headers, key) => headers.Authorization = new AuthenticationHeaderValue("Key", key),
        ClassifyError = Classify,
    };

    private readonly ProviderModels _models;

    /// <summary>Loads the model table (shipped, plus <c>EDITING_PROVIDER__EDITING_FAL__MODELS_FILE</c>).</summary>
    public FalProvider()
    {
        _models = new ProviderModels(typeof(FalProvider).Assembly, ProviderId);
        Descriptor = _models.Descriptor(Spec, "fal",
            "Video models on fal's queue: Pika 2.2 and 2.5 (text-to-video, image-to-video, Pikaframes keyframes) and any fal video model "
                + "described in a model table (models_file). Extensions are image-to-video from the clip's edge frame. Remote and billed; needs FAL_KEY.");
    }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) =>
        _models.Validate(request, (model, r) => KeyframesProblem(model, r.FirstFrame, r.LastFrame));

    /// <inheritdoc />
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken) =>
        RemoteJob.RunAsync(Spec, _models, request, context, RunQueueRequestAsync, cancellationToken);

    private static string? KeyframesProblem(ModelEntry model, string? first, string? last)
    {
        var needed = model.Raw.TryGetProperty("keyframes_min", out var k) && k.ValueKind == JsonValueKind.Number ? k.GetInt32() : 0;
        var given = (first is null ? 0 : 1) + (last is null ? 0 : 1);
        return given < needed
            ? $"{ProviderId} model {model.Id}: needs {needed} keyframes (a first and a last frame); it got {given}. Use it to fill between two shots"
            : null;
    }

    private static async Task<JobOutput> RunQueueRequestAsync(JobCall call, CancellationToken cancellationToken)
    {
        var plan = call.Plan;
        var model = plan.Model;
        var client = call.Client;
        if (KeyframesProblem(model, plan.FirstFrame, plan.LastFrame) is { } keyframes)
        {
            throw new RemoteProviderException(RemoteFailure.BadRequest, keyframes);
        }

        var endpoint = model.Text("endpoint");
        if (endpoint.Length == 0 || endpoint.Contains("..", StringComparison.Ordinal) || endpoint.Contains("://", StringComparison.Ordinal))
        {
            throw new RemoteProviderException(RemoteFailure.Configuration, $"{ProviderId}: model {model.Id} needs an \"endpoint\" (a fal model id such as fal-ai/pika/v2.2/image-to-video)");
        }

        var body = await BuildInputAsync(call, cancellationToken).ConfigureAwait(false);
        call.Facts["endpoint"] = endpoint;
        foreach (var (k, v) in plan.Size.Parameters)
        {
            call.Facts[k] = v?.DeepClone();
        }

        call.Progress(0, $"{ProviderId}: submitting to the queue");
        var submitted = await client.SendJsonAsync(HttpMethod.Post, endpoint.Trim('/'), body, idempotent: false, cancellationToken).ConfigureAwait(false);
        var id = Text(submitted, "request_id");
        if (id.Length == 0)
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{ProviderId}: POST /{endpoint} answered without a request_id: {client.Scrubber.Excerpt(submitted.GetRawText(), 160)}");
        }

        // The queue's own URLs; when absent, the documented layout under the model id without its subpath.
        var app = string.Join('/', endpoint.Trim('/').Split('/').Take(2));
        var requestPath = $"{app}/requests/{Uri.EscapeDataString(id)}";
        var statusUrl = Url(submitted, "status_url", client) ?? client.Resolve($"{requestPath}/status");
        var responseUrl = Url(submitted, "response_url", client) ?? client.Resolve(requestPath);
        var cancelUrl = Url(submitted, "cancel_url", client) ?? client.Resolve($"{requestPath}/cancel");
        var what = $"{ProviderId}: request {id}";
        call.Log(PluginLogLevel.Information, $"{what} queued ({model.Id}, {plan.Seconds} s, attempt {call.Attempt})");

        JsonElement status;
        try
        {
            status = await Polling.UntilAsync(
                token => client.SendJsonAsync(HttpMethod.Get, statusUrl.ToString(), null, idempotent: true, token),
                s => Text(s, "status") is "COMPLETED",
                s =>
                {
                    var state = Text(s, "status");
                    var position = s.ValueKind == JsonValueKind.Object && s.TryGetProperty("queue_position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : -1;
                    call.Progress(state == "IN_PROGRESS" ? 0.5 : 0.1, state switch
                    {
                        "IN_QUEUE" when position >= 0 => $"{ProviderId}: in queue (position {position})",
                        "IN_QUEUE" => $"{ProviderId}: in queue",
                        "IN_PROGRESS" => $"{ProviderId}: running",
                        _ => $"{ProviderId}: {state.ToLowerInvariant()}",
                    });
                },
                call.Settings, call.Clock, what, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is RemoteProviderException { Failure: RemoteFailure.Timeout } && call.Clock.Elapsed >= call.Settings.JobTimeout))
        {
            await Polling.CancelRemotelyAsync(async token =>
            {
                using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, cancelUrl), idempotent: true,
                    client.Describe(HttpMethod.Put, cancelUrl), token).ConfigureAwait(false);
            }, call.Context.Logger, what, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            throw;
        }

        if (status.TryGetProperty("error", out var statusError) && statusError.ValueKind is JsonValueKind.String or JsonValueKind.Object)
        {
            throw ResultError(statusError.ValueKind == JsonValueKind.String ? statusError.GetString()! : statusError.GetRawText(), what, client);
        }

        var result = await client.SendJsonAsync(HttpMethod.Get, responseUrl.ToString(), null, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("detail", out var detail) && !result.TryGetProperty("video", out _))
        {
            throw ResultError(detail.GetRawText(), what, client);
        }

        var path = model.Text("output", "video.url");
        var video = Walk(result, path);
        if (video.ValueKind != JsonValueKind.String || !Uri.TryCreate(video.GetString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{what} COMPLETED without a video URL at '{path}': {client.Scrubber.Excerpt(result.GetRawText(), 200)}");
        }

        if (Walk(result, "seed") is { ValueKind: JsonValueKind.Number } seed)
        {
            call.Facts["vendor_seed"] = seed.GetInt64();
        }

        return new JobOutput(url, id, Authorize: false);
    }

    /// <summary>The model's input JSON, built from its table entry.</summary>
    private static async Task<JsonObject> BuildInputAsync(JobCall call, CancellationToken cancellationToken)
    {
        var plan = call.Plan;
        var model = plan.Model;
        var body = new JsonObject();
        if (model.Raw.TryGetProperty("static", out var fixedFields) && fixedFields.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in fixedFields.EnumerateObject())
            {
                body[p.Name] = JsonNode.Parse(p.Value.GetRawText());
            }
        }

        foreach (var (k, v) in plan.Size.Parameters)
        {
            body[k] = v?.DeepClone();
        }

        var inputs = model.Raw.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        string? Field(string input) => inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty(input, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

        if (plan.Prompt.Length > 0 && Field("prompt") is { } promptField)
        {
            body[promptField] = plan.Prompt;
        }

        if (plan.NegativePrompt.Length > 0 && Field("negative_prompt") is { } negativeField)
        {
            body[negativeField] = plan.NegativePrompt;
        }

        if (plan.Seed is { } seed && Field("seed") is { } seedField)
        {
            body[seedField] = seed;
        }

        var stills = new List<string>();
        foreach (var (path, name) in new[] { (plan.FirstFrame, "first_frame"), (plan.LastFrame, "last_frame") })
        {
            if (path is null)
            {
                continue;
            }

            var still = await call.PrepareStillAsync(path, name, cancellationToken).ConfigureAwait(false);
            var uri = await MediaUpload.DataUriAsync(still, MaxDataUriBytes, cancellationToken).ConfigureAwait(false);
            stills.Add(uri);
            if (model.Text("request_style") != "pikaframes")
            {
                body[Field(name) ?? throw new RemoteProviderException(RemoteFailure.Configuration,
                    $"{ProviderId}: model {model.Id} declares {name} support but its \"inputs\" name no field for it")] = uri;
            }
        }

        if (model.Text("request_style") == "pikaframes")
        {
            body["image_urls"] = new JsonArray([.. stills.Select(s => (JsonNode)JsonValue.Create(s))]);
            var transitions = new JsonArray();
            for (var t = 0; t < stills.Count - 1; t++)
            {
                var transition = new JsonObject { ["duration"] = plan.Seconds };
                if (plan.Prompt.Length > 0)
                {
                    transition["prompt"] = plan.Prompt;
                }

                transitions.Add(transition);
            }

            body["transitions"] = transitions;
            return body;
        }

        var durationField = model.Text("duration_field", "duration");
        switch (model.Text("duration_format", "int"))
        {
            case "int":
                body[durationField] = plan.Seconds;
                break;
            case "string":
                body[durationField] = plan.Seconds.ToString(CultureInfo.InvariantCulture);
                break;
            case "seconds_suffix":
                body[durationField] = plan.Seconds.ToString(CultureInfo.InvariantCulture) + "s";
                break;
            case "frames":
                body[durationField] = plan.VendorFrames + 1;
                break;
            case "none":
                break;
            default:
                throw new RemoteProviderException(RemoteFailure.Configuration,
                    $"{ProviderId}: model {model.Id}: duration_format '{model.Text("duration_format")}' must be int, string, seconds_suffix, frames or none");
        }

        return body;
    }

    /// <summary>fal reports model refusals in the result or as 4xx answers whose detail names a content policy.</summary>
    private static RemoteProviderException? Classify(int status, string body, string what) =>
        status is >= 400 and < 500 and not 429 && IsModeration(body)
            ? new RemoteProviderException(RemoteFailure.Moderation,
                $"{ProviderId}: {what} was refused by the model's content policy (HTTP {status}); change the prompt or images. It is not retried", "content_moderation")
            : null;

    private static bool IsModeration(string text) =>
        text.Contains("content_policy", StringComparison.OrdinalIgnoreCase) || text.Contains("content_moderation", StringComparison.OrdinalIgnoreCase)
        || text.Contains("nsfw", StringComparison.OrdinalIgnoreCase);

    private static RemoteProviderException ResultError(string detail, string what, RemoteClient client)
    {
        var said = client.Scrubber.Excerpt(detail, 240);
        return IsModeration(detail)
            ? new RemoteProviderException(RemoteFailure.Moderation, $"{what} was refused by the model's content policy: {said}. Change the prompt or images; it is not retried", "content_moderation")
            : new RemoteProviderException(RemoteFailure.Failed, $"{what} failed: {said}");
    }

    private static string Text(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static Uri? Url(JsonElement e, string field, RemoteClient client)
    {
        var text = Text(e, field);
        if (text.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new RemoteProviderException(RemoteFailure.MalformedResponse, $"{ProviderId}: the queue answered an invalid {field}: {client.Scrubber.Excerpt(text, 120)}");
    }

    /// <summary>The value at a dotted path (<c>video.url</c>, <c>videos.0.url</c>), or default.</summary>
    private static JsonElement Walk(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= current.GetArrayLength())
                {
                    return default;
                }

                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return default;
            }
        }

        return current;
    }
}
