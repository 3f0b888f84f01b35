using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.Remote;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Runway;

/// <summary>
/// <c>editing.runway</c>: Runway's developer API. A generation is one task: <c>POST /v1/image_to_video</c> (or
/// <c>text_to_video</c>, <c>video_to_video</c>, <c>video_upscale</c>) returns its id, <c>GET /v1/tasks/{id}</c> is
/// polled no more often than every 5 s (plus jitter) through PENDING, THROTTLED and RUNNING until SUCCEEDED, FAILED or
/// CANCELLED, and the output is downloaded at once because its signed URL expires. Every request carries
/// <c>Authorization: Bearer</c> and <c>X-Runway-Version: 2024-11-06</c>. Stills go inline as data URIs (≤ 5 MB) or
/// through <c>/v1/uploads</c>; videos always through <c>/v1/uploads</c>. A cancelled call sends
/// <c>DELETE /v1/tasks/{id}</c>. Failure codes: <c>SAFETY.*</c> are moderation refusals (never retried),
/// <c>INTERNAL*</c> are retried as a new task, <c>ASSET.INVALID</c> is bad input. The models are data
/// (<c>models.json</c>). Extension is image-to-video from the clip's edge frame, the way Runway continues a shot.
/// </summary>
public sealed class RunwayProvider : IModelProvider
{
    /// <summary>The provider id.</summary>
    public const string ProviderId = "editing.runway";

    /// <summary>The API version every request names.</summary>
    public const string ApiVersion = "2024-11-06";

    /// <summary>The documented API key variable (declared in plugin.json).</summary>
    public const string KeyVariable = "RUNWAYML_API_SECRET";

    /// <summary>Largest still sent inline as a data URI (Runway's limit for images by data URI).</summary>
    private const long MaxDataUriBytes = 5L * 1024 * 1024;

    private static readonly RemoteProviderSpec Spec = new()
    {
        ProviderId = ProviderId,
        Version = "1.0.0",
        SecretVariable = KeyVariable,
        Defaults = new RemoteDefaults
        {
            BaseUrl = "https://api.dev.runwayml.com",
            PollSeconds = 5,
            PollFloorSeconds = 5,
            PollJitterSeconds = 2,
            TimeoutSeconds = 60,
            JobTimeoutSeconds = 1800,
        },
        Authorize = (headers, key) =>
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            headers.Remove("X-Runway-Version");
            headers.Add("X-Runway-Version", ApiVersion);
        },
    };

    private readonly ProviderModels _models;

    /// <summary>Loads the model table (shipped, plus <c>EDITING_PROVIDER__EDITING_RUNWAY__MODELS_FILE</c>).</summary>
    public RunwayProvider()
    {
        _models = new ProviderModels(typeof(RunwayProvider).Assembly, ProviderId);
        Descriptor = _models.Descriptor(Spec, "Runway",
            "Runway's developer API: image-to-video (first and, on some models, last frame), text-to-video, video-to-video and upscale. "
                + "Extensions are image-to-video from the clip's edge frame. Remote and billed; needs RUNWAYML_API_SECRET.");
    }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) => _models.Validate(request);

    /// <inheritdoc />
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken) =>
        RemoteJob.RunAsync(Spec, _models, request, context, RunTaskAsync, cancellationToken);

    private static async Task<JobOutput> RunTaskAsync(JobCall call, CancellationToken cancellationToken)
    {
        var plan = call.Plan;
        var model = plan.Model;
        var client = call.Client;
        var endpoints = model.Raw.TryGetProperty("endpoints", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        string Endpoint(string input) => endpoints.ValueKind == JsonValueKind.Object && endpoints.TryGetProperty(input, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()!
            : throw new RemoteProviderException(RemoteFailure.Configuration, $"{ProviderId}: model {model.Id} has no \"{input}\" endpoint in its model table");

        var body = new JsonObject { ["model"] = model.Id };
        string endpoint;
        switch (plan.Input)
        {
            case JobInput.Images:
                endpoint = Endpoint("images");
                var images = new JsonArray();
                foreach (var (path, position) in new[] { (plan.FirstFrame, "first"), (plan.LastFrame, "last") })
                {
                    if (path is not null)
                    {
                        var still = await call.PrepareStillAsync(path, position, cancellationToken).ConfigureAwait(false);
                        images.Add(new JsonObject { ["uri"] = await ImageUriAsync(call, still, cancellationToken).ConfigureAwait(false), ["position"] = position });
                    }
                }

                body["promptImage"] = model.Flag("image_positions", true) ? images : images[0]!["uri"]!.DeepClone();
                body["duration"] = plan.Seconds;
                break;
            case JobInput.Text:
                endpoint = Endpoint("text");
                body["duration"] = plan.Seconds;
                break;
            default:
                endpoint = Endpoint("video");
                var source = await call.PrepareSourceAsync(cancellationToken).ConfigureAwait(false);
                body["videoUri"] = await UploadAsync(call, source, cancellationToken).ConfigureAwait(false);
                break;
        }

        foreach (var (k, v) in plan.Size.Parameters)
        {
            body[k] = v?.DeepClone();
        }

        if (plan.Prompt.Length > 0)
        {
            body["promptText"] = plan.Prompt;
        }

        if (plan.NegativePrompt.Length > 0)
        {
            body["negativePrompt"] = plan.NegativePrompt;
        }

        if (plan.Seed is { } seed)
        {
            body["seed"] = Math.Clamp(seed, 0, uint.MaxValue);
        }

        if (model.Flag("content_moderation") && call.Settings.Get("public_figure_threshold") is { Length: > 0 } threshold)
        {
            body["contentModeration"] = new JsonObject { ["publicFigureThreshold"] = threshold };
        }

        call.Facts["endpoint"] = endpoint;
        foreach (var (k, v) in plan.Size.Parameters)
        {
            call.Facts[k] = v?.DeepClone();
        }

        call.Progress(0, $"{ProviderId}: creating the task");
        var created = await client.SendJsonAsync(HttpMethod.Post, endpoint, body, idempotent: false, cancellationToken).ConfigureAwait(false);
        var id = created.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String && idValue.GetString() is { Length: > 0 } s
            ? s
            : throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{ProviderId}: POST /{endpoint} answered without a task id: {client.Scrubber.Excerpt(created.GetRawText(), 120)}");
        var what = $"{ProviderId}: task {id}";
        call.Log(PluginLogLevel.Information, $"{what} created ({model.Id}, {plan.Seconds} s, attempt {call.Attempt})");

        var throttledLogged = false;
        JsonElement task;
        try
        {
            task = await Polling.UntilAsync(
                token => client.SendJsonAsync(HttpMethod.Get, $"v1/tasks/{Uri.EscapeDataString(id)}", null, idempotent: true, token),
                t => Status(t) is "SUCCEEDED" or "FAILED" or "CANCELLED",
                t =>
                {
                    var status = Status(t);
                    if (status == "THROTTLED" && !throttledLogged)
                    {
                        throttledLogged = true;
                        call.Log(PluginLogLevel.Information, $"{what} is THROTTLED: the organisation's concurrency limit is reached; it waits in Runway's queue");
                    }

                    var progress = t.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0;
                    call.Progress(progress, status switch
                    {
                        "THROTTLED" => $"{ProviderId}: queued (THROTTLED: concurrency limit reached)",
                        "PENDING" => $"{ProviderId}: pending",
                        "RUNNING" => $"{ProviderId}: running",
                        _ => $"{ProviderId}: {status.ToLowerInvariant()}",
                    });
                },
                call.Settings, call.Clock, what, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is RemoteProviderException { Failure: RemoteFailure.Timeout } && call.Clock.Elapsed >= call.Settings.JobTimeout))
        {
            // Abandoned (cancelled by the editor, or past the job's limit): cancel the task so it is not billed further.
            await Polling.CancelRemotelyAsync(
                token => client.SendJsonAsync(HttpMethod.Delete, $"v1/tasks/{Uri.EscapeDataString(id)}", null, idempotent: true, token),
                call.Context.Logger, what, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            throw;
        }

        switch (Status(task))
        {
            case "SUCCEEDED":
                return new JobOutput(OutputUrl(task, what, client), id, Authorize: false, Refresh: async token =>
                {
                    var again = await client.SendJsonAsync(HttpMethod.Get, $"v1/tasks/{Uri.EscapeDataString(id)}", null, idempotent: true, token).ConfigureAwait(false);
                    return OutputUrl(again, what, client);
                });
            case "CANCELLED":
                throw new RemoteProviderException(RemoteFailure.Cancelled, $"{what} was cancelled on Runway's side (CANCELLED); nothing was generated", "CANCELLED");
            default:
                throw Failure(task, what, client);
        }
    }

    private static string Status(JsonElement task) =>
        task.ValueKind == JsonValueKind.Object && task.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";

    private static Uri OutputUrl(JsonElement task, string what, RemoteClient client)
    {
        if (task.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in output.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && Uri.TryCreate(item.GetString(), UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                {
                    return url;
                }
            }
        }

        throw new RemoteProviderException(RemoteFailure.MalformedResponse,
            $"{what} SUCCEEDED without an output URL: {client.Scrubber.Excerpt(task.GetRawText(), 160)}");
    }

    /// <summary>The error for a FAILED task, by its failure code.</summary>
    private static RemoteProviderException Failure(JsonElement task, string what, RemoteClient client)
    {
        var code = task.TryGetProperty("failureCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        var text = task.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.String ? client.Scrubber.Excerpt(f.GetString(), 240) : "";
        var said = text.Length > 0 ? $": {text}" : "";
        var codeText = code.Length > 0 ? $" ({code})" : "";
        if (code.StartsWith("SAFETY.INPUT", StringComparison.Ordinal))
        {
            return new RemoteProviderException(RemoteFailure.Moderation,
                $"{what} was refused by Runway's moderation of the input{codeText}{said}. Change the prompt or images; it is not retried (and not refunded)", code);
        }

        if (code.StartsWith("SAFETY", StringComparison.Ordinal))
        {
            return new RemoteProviderException(RemoteFailure.Moderation,
                $"{what}: Runway's moderation blocked the output{codeText}{said}. Try another prompt; it is not retried as is", code);
        }

        if (code.StartsWith("INTERNAL", StringComparison.Ordinal))
        {
            return new RemoteProviderException(RemoteFailure.Server, $"{what} failed inside Runway{codeText}{said}", code) { RetryJob = true };
        }

        if (code.StartsWith("ASSET", StringComparison.Ordinal))
        {
            return new RemoteProviderException(RemoteFailure.BadRequest, $"{what}: Runway could not use an input{codeText}{said}. Fix the input", code);
        }

        return new RemoteProviderException(RemoteFailure.Failed, $"{what} FAILED{codeText}{said}", code.Length > 0 ? code : "FAILED");
    }

    /// <summary>A still as a data URI when small enough (and the <c>image_upload</c> setting is not <c>upload</c>),
    /// else through the upload endpoint.</summary>
    private static async Task<string> ImageUriAsync(JobCall call, string still, CancellationToken cancellationToken)
    {
        var mode = call.Settings.Get("image_upload", "auto");
        if (mode is not ("auto" or "data_uri" or "upload"))
        {
            throw new RemoteProviderException(RemoteFailure.Configuration, $"{ProviderId}: image_upload = '{mode}' must be auto, data_uri or upload");
        }

        if (mode != "upload" && (new FileInfo(still).Length <= MaxDataUriBytes || mode == "data_uri"))
        {
            return await MediaUpload.DataUriAsync(still, MaxDataUriBytes, cancellationToken).ConfigureAwait(false);
        }

        return await UploadAsync(call, still, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An ephemeral upload: <c>POST /v1/uploads {filename, type: "ephemeral"}</c> returns a pre-signed
    /// <c>uploadUrl</c> with form <c>fields</c> and the <c>runwayUri</c> to use; the file is posted there as
    /// multipart (fields first, then <c>file</c>), without the API key.
    /// </summary>
    private static async Task<string> UploadAsync(JobCall call, string path, CancellationToken cancellationToken)
    {
        var client = call.Client;
        var started = await client.SendJsonAsync(HttpMethod.Post, "v1/uploads",
            new JsonObject { ["filename"] = Path.GetFileName(path), ["type"] = "ephemeral" }, idempotent: false, cancellationToken).ConfigureAwait(false);
        if (!started.TryGetProperty("uploadUrl", out var u) || u.ValueKind != JsonValueKind.String || !Uri.TryCreate(u.GetString(), UriKind.Absolute, out var uploadUrl)
            || !started.TryGetProperty("runwayUri", out var r) || r.ValueKind != JsonValueKind.String)
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{ProviderId}: POST /v1/uploads answered without uploadUrl and runwayUri: {client.Scrubber.Excerpt(started.GetRawText(), 160)}");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (started.TryGetProperty("fields", out var fv) && fv.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in fv.EnumerateObject())
            {
                fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = MediaUpload.Multipart(path, "file", fields) },
            idempotent: true, "uploading " + Path.GetFileName(path), cancellationToken, authorize: false).ConfigureAwait(false);
        return r.GetString()!;
    }
}
