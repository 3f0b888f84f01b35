using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.Common;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.Studio;

/// <summary>
/// The provider <c>editing.studio</c>: a studio's own model server speaking <c>editing-studio/1</c>
/// (<c>docs/studio-provider.openapi.yaml</c>; reference server <c>src/Editing.StudioServer</c>). Its models are the
/// server's: read from <c>GET /v1/capabilities</c> when the provider is described (or from the
/// <c>capabilities_file</c> setting, a saved copy of that answer, for machines that describe offline). One generation:
/// <c>POST /v1/jobs</c> (multipart, or JSON with base64 inputs when <c>upload</c> is <c>json</c>), poll
/// <c>GET /v1/jobs/{id}</c> for progress, download the result, and <c>DELETE</c> the job when cancelled or timed out.
/// <para>Settings: <c>base_url</c> (default <c>http://127.0.0.1:8089</c>), <c>capabilities_file</c>, <c>upload</c>
/// (<c>multipart</c> or <c>json</c>), <c>poll_seconds</c> (1), <c>request_timeout_seconds</c> (30),
/// <c>timeout_seconds</c> (3600, a whole job), <c>retries</c> (3), <c>retry_delay_seconds</c> (1),
/// <c>describe_timeout_seconds</c> (5). Secret: <c>token</c> (bearer; default variable <c>STUDIO_MODEL_TOKEN</c>).</para>
/// </summary>
public sealed class StudioProvider : IModelProvider
{
    /// <summary>The provider id.</summary>
    public const string ProviderId = "editing.studio";

    /// <summary>Where the reference server listens by default.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:8089";

    private const string Version = "1.0.0";

    private readonly Lazy<ProviderDescriptor> _descriptor = new(Describe);

    /// <inheritdoc/>
    public ProviderDescriptor Descriptor => _descriptor.Value;

    /// <summary>Unknown model, a mode the model lacks, missing inputs.</summary>
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        var model = Descriptor.FindModel(request.ModelId);
        if (model is null)
        {
            issues.Add(ValidationIssue.Error("model_id", Descriptor.Models.Count == 0
                ? $"{ProviderId} has no models: {Descriptor.Description}"
                : $"{ProviderId} has no model '{request.ModelId}' (models: {string.Join(", ", Descriptor.Models.Select(m => m.ModelId))})"));
            return issues;
        }

        if (!model.Modes.Contains(request.Mode))
        {
            issues.Add(ValidationIssue.Error("mode", $"model {model.ModelId} cannot do {StudioWire.Mode(request.Mode)}"));
        }

        foreach (var (id, path) in new[] { ("first_frame", request.FirstFrame), ("last_frame", request.LastFrame), ("source", request.Source?.Path) })
        {
            if (path is not null && !File.Exists(path))
            {
                issues.Add(ValidationIssue.Error(id, $"the file {path} does not exist"));
            }
        }

        return issues;
    }

    /// <inheritdoc/>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var errors = Validate(request).Where(i => i.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new PluginException($"{ProviderId} cannot make this request: {string.Join("; ", errors)}") { Code = "INVALID_REQUEST" };
        }

        var model = Descriptor.FindModel(request.ModelId)!;
        var settings = context.Settings;
        var token = context.GetSecret("token");
        var scrubber = new SecretScrubber([token]);
        var retry = new Retry(ProviderSettings.Count(settings, "retries", 3), ProviderSettings.Seconds(settings, "retry_delay_seconds", 1),
            m => context.Logger.Log(PluginLogLevel.Warning, scrubber.Scrub(m)));
        using var client = new StudioClient(ProviderSettings.BaseUrl(settings, DefaultBaseUrl), token, ProviderSettings.Seconds(settings, "request_timeout_seconds", 30), retry);
        var poll = ProviderSettings.Seconds(settings, "poll_seconds", 1);
        var jobTimeout = ProviderSettings.Seconds(settings, "timeout_seconds", 3600);
        var asJson = settings.GetValueOrDefault("upload") switch
        {
            null or "" or "multipart" => false,
            "json" => true,
            var other => throw new PluginException($"setting upload must be multipart or json, got '{other}'") { Code = "BAD_SETTING" },
        };

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        using var job = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        job.CancelAfter(jobTimeout);
        var ct = job.Token;
        var shape = GenerationShape.For(model, request);
        var scratch = Directory.CreateDirectory(Path.Combine(context.ScratchDirectory, "studio-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        string? jobId = null;
        try
        {
            context.ReportProgress(0, $"sending the request to {client.Server}");
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            if (request.FirstFrame is { } first)
            {
                files["first_frame"] = first;
            }

            if (request.LastFrame is { } last)
            {
                files["last_frame"] = last;
            }

            if (request.Source is { } source)
            {
                var sourceRate = (await context.Media.ProbeAsync(source.Path, ct).ConfigureAwait(false)).Rate ?? shape.Rate;
                var excerpt = Path.Combine(scratch, "source.mov");
                await ResultAdapter.ExcerptAsync(context.Media, source.Path, source.FirstFrame, (int)source.FrameCount, shape.Size, sourceRate, excerpt, ct).ConfigureAwait(false);
                files["source_video"] = excerpt;
            }

            for (var i = 0; i < request.References.Count; i++)
            {
                files["reference_" + i.ToString(CultureInfo.InvariantCulture)] = request.References[i].Path;
            }

            var body = StudioWire.Request(request, model.ModelId, shape.Size.Width, shape.Size.Height, shape.Rate, shape.FrameCount);
            var created = await client.CreateAsync(body, files, asJson, ct).ConfigureAwait(false);
            jobId = created["job_id"]?.ToString() ?? throw new PluginException($"the studio server at {client.Server} answered POST /v1/jobs without a job_id") { Code = "BAD_RESPONSE" };
            JsonObject state = created;
            while (true)
            {
                var status = state["state"]?.ToString();
                var progress = state["progress"] is JsonValue p && p.TryGetValue<double>(out var f) ? f : 0;
                context.ReportProgress(0.05 + (0.85 * Math.Clamp(progress, 0, 1)), state["message"]?.ToString() ?? status);
                if (status == "succeeded")
                {
                    break;
                }

                if (status == "failed")
                {
                    var error = state["error"] as JsonObject;
                    throw new PluginException(scrubber.Scrub($"the studio server at {client.Server} failed job {jobId}: {error?["title"]}: {error?["detail"]} [{error?["code"]}]"))
                    {
                        IsTransient = error?["retryable"] is JsonValue r && r.TryGetValue<bool>(out var b) && b,
                        Code = error?["code"]?.ToString() ?? "GENERATION_FAILED",
                    };
                }

                if (status == "cancelled")
                {
                    throw new PluginException($"the studio server at {client.Server} cancelled job {jobId}") { IsTransient = true, Code = "CANCELLED" };
                }

                if (status is not ("queued" or "running"))
                {
                    throw new PluginException($"the studio server at {client.Server} reports job {jobId} in an unknown state '{status}'") { Code = "BAD_RESPONSE" };
                }

                await Task.Delay(poll, ct).ConfigureAwait(false);
                state = await client.JobAsync(jobId, ct).ConfigureAwait(false);
            }

            var url = (state["result"] as JsonObject)?["url"]?.ToString() ?? $"/v1/jobs/{jobId}/result";
            context.ReportProgress(0.9, "downloading the result");
            var contentType = (state["result"] as JsonObject)?["content_type"]?.ToString();
            var downloaded = Path.Combine(scratch, contentType == "video/mp4" ? "result.mp4" : "result.mov");
            await client.DownloadAsync(url, downloaded, ct).ConfigureAwait(false);
            var finishedJob = jobId;
            jobId = null;
            var (path, description) = await ResultAdapter.AdaptAsync(context.Media, downloaded, request.Size, request.Rate, request.FrameCount,
                Path.Combine(scratch, "adapted.mov"), ct).ConfigureAwait(false);
            var result = state["result"] as JsonObject;
            context.ReportProgress(1, "done");
            return new GenerationResult
            {
                VideoPath = path,
                FrameCount = description.FrameCount,
                Size = request.Size,
                Rate = request.Rate,
                Seed = result?["seed"] is JsonValue sv && sv.TryGetValue<long>(out var seed) ? seed : request.Seed,
                ProviderId = ProviderId,
                ProviderVersion = Version,
                ModelId = model.ModelId,
                ModelVersion = result?["model_version"]?.ToString() is { Length: > 0 } mv ? mv : model.Version,
                TrainingData = model.TrainingData,
                RemoteTaskId = finishedJob,
                Warnings = (result?["warnings"] as JsonArray)?.Select(w => scrubber.Scrub(w?.ToString() ?? "")).Where(w => w.Length > 0).ToList() ?? [],
                Metadata = Metadata(client.Server, finishedJob, shape),
            };
        }
        catch (OperationCanceledException) when (job.IsCancellationRequested)
        {
            if (jobId is not null)
            {
                await client.CancelAsync(jobId).ConfigureAwait(false);
            }

            if (linked.IsCancellationRequested)
            {
                throw;
            }

            throw new PluginException(string.Create(CultureInfo.InvariantCulture,
                $"the studio server at {client.Server} did not finish job {jobId} within {jobTimeout.TotalSeconds:0.#} s (setting timeout_seconds); it was cancelled"))
            { IsTransient = true, Code = "TIMEOUT" };
        }
        catch (PluginException) when (jobId is not null)
        {
            await client.CancelAsync(jobId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// One cheap live call: the server's capabilities (what <c>editing providers check editing.studio</c> does).
    /// </summary>
    internal static async Task<IReadOnlyList<ModelCapabilities>> FetchModelsAsync(Uri baseUrl, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new StudioClient(baseUrl, token, timeout, new Retry(0, TimeSpan.Zero));
        var json = await client.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        return StudioWire.ParseCapabilities(json, client.Server + "/v1/capabilities");
    }

    private static ProviderDescriptor Describe()
    {
        var settings = ProviderSettings.ForDescribe(ProviderId);
        IReadOnlyList<ModelCapabilities> models = [];
        string status;
        if (settings.GetValueOrDefault("capabilities_file") is { Length: > 0 } file)
        {
            try
            {
                var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new PluginException($"studio capabilities from {file}: $: expected a JSON object");
                models = StudioWire.ParseCapabilities(json, file);
                status = $"models from {file}";
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                throw new PluginException($"setting capabilities_file: {file}: {e.Message}") { Code = "BAD_SETTING" };
            }
        }
        else
        {
            var baseUrl = ProviderSettings.BaseUrl(settings, DefaultBaseUrl);
            // Describing has no secrets from the host: use the documented variables, if set (capabilities are usually public).
            var token = Environment.GetEnvironmentVariable("EDITING_SECRET__EDITING_STUDIO__TOKEN") is { Length: > 0 } t ? t : Environment.GetEnvironmentVariable("STUDIO_MODEL_TOKEN");
            try
            {
                models = Task.Run(() => FetchModelsAsync(baseUrl, string.IsNullOrEmpty(token) ? null : token,
                    ProviderSettings.Seconds(settings, "describe_timeout_seconds", 5), CancellationToken.None)).GetAwaiter().GetResult();
                status = $"models from {ProviderSettings.Redact(baseUrl.ToString()).TrimEnd('/')}/v1/capabilities";
            }
            catch (PluginException e)
            {
                status = "no models: " + e.Message + "; start the server or set capabilities_file";
            }
        }

        return new ProviderDescriptor
        {
            Id = ProviderId,
            Version = SemanticVersion.Parse(Version),
            DisplayName = "Studio model server",
            Description = $"A studio's own video model behind the editing-studio/1 protocol ({status}).",
            Remote = true,
            Models = models,
        };
    }

    private static JsonElement Metadata(string server, string jobId, GenerationShape shape)
    {
        var obj = new JsonObject
        {
            ["server"] = server,
            ["job_id"] = jobId,
            ["generated_frames"] = shape.FrameCount,
            ["generated_size"] = shape.Size.ToString(),
            ["generated_rate"] = StudioWire.Rate(shape.Rate),
        };
        using var doc = JsonDocument.Parse(obj.ToJsonString());
        return doc.RootElement.Clone();
    }
}
