using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Editing.Providers.Remote;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Veo;

/// <summary>
/// <c>editing.veo</c>: Google Veo through the Gemini API. A generation is one long-running operation:
/// <c>POST /v1beta/models/{model}:predictLongRunning</c> with the prompt, the first frame (<c>image</c>) and the last
/// (<c>lastFrame</c>) inline as base64, and <c>parameters</c> (aspect ratio, resolution, duration, negative prompt);
/// <c>GET /v1beta/{operation name}</c> is polled until <c>done</c>; the result's file URI is downloaded with the key in
/// the <c>x-goog-api-key</c> header (never as a <c>key=</c> query parameter, which would end up in logged URLs).
/// Outputs filtered by Google's safety system (<c>raiMediaFilteredCount</c>) are moderation failures. The Gemini API
/// has no seed and no documented cancel for these operations: a cancelled call stops polling and abandons the
/// operation. The models are data (<c>models.json</c>).
/// </summary>
public sealed partial class VeoProvider : IModelProvider
{
    /// <summary>The provider id.</summary>
    public const string ProviderId = "editing.veo";

    /// <summary>The documented API key variable (declared in plugin.json).</summary>
    public const string KeyVariable = "GEMINI_API_KEY";

    /// <summary>Largest still sent inline (the Gemini API's inline request limit is 20 MB).</summary>
    private const long MaxInlineBytes = 14L * 1024 * 1024;

    private static readonly RemoteProviderSpec Spec = new()
    {
        ProviderId = ProviderId,
        Version = "1.0.0",
        SecretVariable = KeyVariable,
        Defaults = new RemoteDefaults
        {
            BaseUrl = "https://generativelanguage.googleapis.com",
            PollSeconds = 10,
            PollFloorSeconds = 5,
            PollJitterSeconds = 2,
            TimeoutSeconds = 60,
            JobTimeoutSeconds = 1800,
        },
        Authorize = (headers, key) =>
        {
            headers.Remove("x-goog-api-key");
            headers.Add("x-goog-api-key", key);
        },
        ClassifyError = Classify,
    };

    private readonly ProviderModels _models;

    /// <summary>Loads the model table (shipped, plus <c>EDITING_PROVIDER__EDITING_VEO__MODELS_FILE</c>).</summary>
    public VeoProvider()
    {
        _models = new ProviderModels(typeof(VeoProvider).Assembly, ProviderId);
        Descriptor = _models.Descriptor(Spec, "Google Veo",
            "Google Veo through the Gemini API: text-to-video and image-to-video from a first and a last frame, 4-8 s. "
                + "Extensions are image-to-video from the clip's edge frame. Remote and billed; needs GEMINI_API_KEY.");
    }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request) => _models.Validate(request);

    /// <inheritdoc />
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken) =>
        RemoteJob.RunAsync(Spec, _models, request, context, RunOperationAsync, cancellationToken);

    [GeneratedRegex("^models/[A-Za-z0-9._-]+/operations/[A-Za-z0-9._-]+$")]
    private static partial Regex OperationName();

    private static async Task<JobOutput> RunOperationAsync(JobCall call, CancellationToken cancellationToken)
    {
        var plan = call.Plan;
        var client = call.Client;
        var instance = new JsonObject();
        if (plan.Prompt.Length > 0)
        {
            instance["prompt"] = plan.Prompt;
        }

        if (plan.Input == JobInput.Video)
        {
            throw new RemoteProviderException(RemoteFailure.BadRequest,
                $"{ProviderId}: the Gemini API extends only videos Veo generated; other source videos cannot be sent");
        }

        foreach (var (path, field) in new[] { (plan.FirstFrame, "image"), (plan.LastFrame, "lastFrame") })
        {
            if (path is not null)
            {
                var still = await call.PrepareStillAsync(path, field, cancellationToken).ConfigureAwait(false);
                var (data, mime) = await MediaUpload.Base64Async(still, MaxInlineBytes, cancellationToken).ConfigureAwait(false);
                instance[field] = new JsonObject { ["bytesBase64Encoded"] = data, ["mimeType"] = mime };
            }
        }

        var parameters = new JsonObject();
        foreach (var (k, v) in plan.Size.Parameters)
        {
            parameters[k] = v?.DeepClone();
        }

        parameters["durationSeconds"] = plan.Seconds;
        parameters["sampleCount"] = 1;
        if (plan.NegativePrompt.Length > 0)
        {
            parameters["negativePrompt"] = plan.NegativePrompt;
        }

        if (call.Settings.Get("person_generation") is { Length: > 0 } people)
        {
            parameters["personGeneration"] = people;
        }

        var body = new JsonObject { ["instances"] = new JsonArray(instance), ["parameters"] = parameters };
        var endpoint = $"v1beta/models/{Uri.EscapeDataString(plan.Model.Id)}:predictLongRunning";
        call.Facts["endpoint"] = endpoint;
        foreach (var (k, v) in plan.Size.Parameters)
        {
            call.Facts[k] = v?.DeepClone();
        }

        call.Progress(0, $"{ProviderId}: starting the operation");
        var started = await client.SendJsonAsync(HttpMethod.Post, endpoint, body, idempotent: false, cancellationToken).ConfigureAwait(false);
        var name = started.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        if (!OperationName().IsMatch(name))
        {
            throw new RemoteProviderException(RemoteFailure.MalformedResponse,
                $"{ProviderId}: POST /{endpoint} answered without a valid operation name: {client.Scrubber.Excerpt(started.GetRawText(), 160)}");
        }

        var what = $"{ProviderId}: operation {name}";
        call.Log(PluginLogLevel.Information, $"{what} started ({plan.Model.Id}, {plan.Seconds} s, attempt {call.Attempt})");
        var polls = 0;
        JsonElement operation;
        try
        {
            operation = await Polling.UntilAsync(
                token => client.SendJsonAsync(HttpMethod.Get, $"v1beta/{name}", null, idempotent: true, token),
                o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True,
                _ => call.Progress(1 - (1 / (1 + (++polls / 6.0))), $"{ProviderId}: generating"),
                call.Settings, call.Clock, what, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            call.Log(PluginLogLevel.Warning, $"{what} abandoned: the Gemini API offers no cancel for it, so it may still finish (and be billed)");
            throw;
        }

        if (operation.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw OperationError(error, what, call.Client);
        }

        var response = operation.TryGetProperty("response", out var r) && r.TryGetProperty("generateVideoResponse", out var g) ? g : default;
        if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty("generatedSamples", out var samples) && samples.ValueKind == JsonValueKind.Array)
        {
            foreach (var sample in samples.EnumerateArray())
            {
                if (sample.TryGetProperty("video", out var video) && video.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                {
                    return new JobOutput(url, name, Authorize: true);
                }
            }
        }

        if (response.ValueKind == JsonValueKind.Object && response.TryGetProperty("raiMediaFilteredCount", out var filtered)
            && filtered.ValueKind == JsonValueKind.Number && filtered.GetInt32() > 0)
        {
            var reasons = response.TryGetProperty("raiMediaFilteredReasons", out var rs) && rs.ValueKind == JsonValueKind.Array
                ? string.Join(" ", rs.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
                : "";
            throw new RemoteProviderException(RemoteFailure.Moderation,
                $"{what}: Google's safety filters removed the generated video{(reasons.Length > 0 ? ": " + call.Client.Scrubber.Excerpt(reasons, 240) : "")}. "
                + "Change the prompt or images; it is not retried", "RAI_MEDIA_FILTERED");
        }

        throw new RemoteProviderException(RemoteFailure.MalformedResponse,
            $"{what} finished without a video: {call.Client.Scrubber.Excerpt(operation.GetRawText(), 200)}");
    }

    /// <summary>The failure for a finished operation's <c>error</c> (a google.rpc.Status).</summary>
    private static RemoteProviderException OperationError(JsonElement error, string what, RemoteClient client)
    {
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? client.Scrubber.Excerpt(m.GetString(), 240) : "";
        var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var said = $"{what} failed ({status}): {message}";
        if (IsSafety(message))
        {
            return new RemoteProviderException(RemoteFailure.Moderation, said + ". Change the prompt or images; it is not retried", status);
        }

        return code switch
        {
            // google.rpc codes (and their HTTP equivalents): 8/429 RESOURCE_EXHAUSTED, 13/500 INTERNAL, 14/503 UNAVAILABLE, 4/504 DEADLINE_EXCEEDED.
            8 or 429 => new RemoteProviderException(RemoteFailure.RateLimited, said, status) { RetryJob = true },
            13 or 14 or 4 or 500 or 503 or 504 => new RemoteProviderException(RemoteFailure.Server, said, status) { RetryJob = true },
            3 or 400 => new RemoteProviderException(RemoteFailure.BadRequest, said, status),
            _ => new RemoteProviderException(RemoteFailure.Failed, said, status),
        };
    }

    /// <summary>
    /// The Gemini API's own error shapes: an invalid key is a 400 whose body says <c>API_KEY_INVALID</c>; a safety
    /// refusal is a 400 whose message says so.
    /// </summary>
    private static RemoteProviderException? Classify(int status, string body, string what)
    {
        if (body.Contains("API_KEY_INVALID", StringComparison.Ordinal) || body.Contains("API key not valid", StringComparison.OrdinalIgnoreCase))
        {
            return new RemoteProviderException(RemoteFailure.Authentication,
                $"{ProviderId}: {what} was refused (HTTP {status}): the API key is not valid; check ${KeyVariable}");
        }

        return status == 400 && IsSafety(body)
            ? new RemoteProviderException(RemoteFailure.Moderation, $"{ProviderId}: {what} was refused by Google's safety filters (HTTP 400); change the prompt or images")
            : null;
    }

    private static bool IsSafety(string message) =>
        message.Contains("safety", StringComparison.OrdinalIgnoreCase) || message.Contains("responsible ai", StringComparison.OrdinalIgnoreCase)
        || message.Contains("usage guidelines", StringComparison.OrdinalIgnoreCase);
}
