using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Providers.ComfyUI.Client;
using Editing.Providers.ComfyUI.Templates;
using Editing.Providers.Common;
using Editing.Sdk;
using Editing.Sdk.Controls;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;

namespace Editing.Providers.ComfyUI;

/// <summary>
/// The provider <c>editing.comfyui</c>: each model is a workflow template (shipped: Wan 2.2, LTX-Video, HunyuanVideo;
/// plus the user's, from the <c>templates_dir</c> setting) run on a ComfyUI server. One generation: pick the workflow
/// for the request (text-to-video, image-to-video, first+last frame, last frame, extension), bind the parameters to
/// the nodes by title, upload the conditioning images (and the source excerpt of an extension) with
/// <c>/upload/image</c>, queue it with <c>POST /prompt</c> under a client id, follow its progress on the WebSocket
/// (falling back to polling <c>/history</c>), read the output from <c>/history/{id}</c> and download it with
/// <c>/view</c>. Cancelling interrupts the prompt and deletes it from the queue.
/// <para>Settings: <c>base_url</c> (default <c>http://127.0.0.1:8188</c>), <c>templates_dir</c>,
/// <c>auth_header</c> (default <c>Authorization</c>), <c>auth_scheme</c> (default <c>Bearer</c>; empty sends the
/// secret as is), <c>request_timeout_seconds</c> (30), <c>timeout_seconds</c> (3600, a whole job),
/// <c>retries</c> (3), <c>retry_delay_seconds</c> (1), <c>poll_seconds</c> (1). Secret: <c>auth_token</c> (optional;
/// for a server behind an authenticating proxy).</para>
/// </summary>
public sealed class ComfyUiProvider : IModelProvider
{
    /// <summary>The provider id.</summary>
    public const string ProviderId = "editing.comfyui";

    /// <summary>The server a default ComfyUI listens on.</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:8188";

    private const string Version = "1.0.0";

    private readonly Lazy<(ProviderDescriptor Descriptor, IReadOnlyList<ModelTemplate> Templates)> _catalog = new(() =>
    {
        var settings = ProviderSettings.ForDescribe(ProviderId);
        var templates = TemplateCatalog.Load(settings.GetValueOrDefault("templates_dir"));
        var descriptor = new ProviderDescriptor
        {
            Id = ProviderId,
            Version = SemanticVersion.Parse(Version),
            DisplayName = "ComfyUI",
            Description = "Open video models (Wan 2.2, LTX-Video, HunyuanVideo, or your own API-format workflows) on a ComfyUI server you run.",
            Remote = true,
            Models = templates.Select(t => t.Capabilities).ToList(),
        };
        return (descriptor, templates);
    });

    /// <inheritdoc/>
    public ProviderDescriptor Descriptor => _catalog.Value.Descriptor;

    /// <summary>Every reason the request cannot run: unknown model, no workflow for its mode and frames, missing inputs.</summary>
    public IReadOnlyList<ValidationIssue> Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issues = new List<ValidationIssue>();
        var template = Find(request.ModelId);
        if (template is null)
        {
            issues.Add(ValidationIssue.Error("model_id", $"{ProviderId} has no model '{request.ModelId}' (models: {string.Join(", ", Descriptor.Models.Select(m => m.ModelId))})"));
            return issues;
        }

        if (KindFor(template, request) is { Error: { } error })
        {
            issues.Add(ValidationIssue.Error("mode", error));
        }

        foreach (var (id, path) in new[] { ("first_frame", request.FirstFrame), ("last_frame", request.LastFrame), ("source", request.Source?.Path) })
        {
            if (path is not null && !File.Exists(path))
            {
                issues.Add(ValidationIssue.Error(id, $"the file {path} does not exist"));
            }
        }

        if (request.FrameCount < 1)
        {
            issues.Add(ValidationIssue.Error("frame_count", $"at least one frame is needed, got {request.FrameCount}"));
        }

        if (request.NegativePrompt.Trim().Length > 0 && !template.Capabilities.SupportsNegativePrompt)
        {
            issues.Add(ValidationIssue.Warning("negative_prompt", $"model {template.Capabilities.ModelId} ignores negative prompts"));
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

        var template = Find(request.ModelId)!;
        var model = template.Capabilities;
        var kind = KindFor(template, request).Kind!;
        var settings = context.Settings;
        var token = context.GetSecret("auth_token");
        var scrubber = new SecretScrubber([token]);
        var baseUrl = ProviderSettings.BaseUrl(settings, DefaultBaseUrl);
        (string, string)? auth = token is null ? null : (settings.GetValueOrDefault("auth_header") is { Length: > 0 } h ? h : "Authorization",
            (settings.GetValueOrDefault("auth_scheme") ?? "Bearer") is { Length: > 0 } scheme ? scheme + " " + token : token);
        var retry = new Retry(ProviderSettings.Count(settings, "retries", 3), ProviderSettings.Seconds(settings, "retry_delay_seconds", 1),
            m => context.Logger.Log(PluginLogLevel.Warning, scrubber.Scrub(m)));
        var jobTimeout = ProviderSettings.Seconds(settings, "timeout_seconds", 3600);
        var pollInterval = ProviderSettings.Seconds(settings, "poll_seconds", 1);
        using var client = new ComfyUiClient(baseUrl, auth, ProviderSettings.Seconds(settings, "request_timeout_seconds", 30), retry, scrubber);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        using var job = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        job.CancelAfter(jobTimeout);
        var ct = job.Token;

        var shape = GenerationShape.For(model, request);
        var scratch = Directory.CreateDirectory(Path.Combine(context.ScratchDirectory, "comfyui-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var backward = kind == WorkflowKind.Extension && request.Direction == ExtensionDirection.Backward;
        var graph = template.LoadWorkflow(kind);
        var workflowPath = template.Workflows[kind];
        var promptId = Guid.NewGuid().ToString();
        var clientId = Guid.NewGuid().ToString("N");
        var queued = false;
        try
        {
            context.ReportProgress(0, $"preparing {model.ModelId} {kind} on {client.Server}");
            Bind(graph, Binding.Prompt, request.Prompt, workflowPath);
            Bind(graph, Binding.NegativePrompt, request.NegativePrompt, workflowPath);
            Bind(graph, Binding.Seed, request.Seed, workflowPath);
            Bind(graph, Binding.Frames, shape.FrameCount, workflowPath);
            Bind(graph, Binding.Width, shape.Size.Width, workflowPath);
            Bind(graph, Binding.Height, shape.Size.Height, workflowPath);
            Bind(graph, Binding.Fps, shape.Rate.Denominator == 1 ? JsonValue.Create(shape.Rate.Numerator) : JsonValue.Create(Math.Round(shape.Rate.FramesPerSecond, 6)), workflowPath);
            if (request.Strength is { } strength)
            {
                Bind(graph, Binding.Strength, strength, workflowPath);
            }

            var stem = "editing-" + promptId[..8];
            var bound = WorkflowBinder.BoundNames(graph);
            var first = backward ? request.LastFrame : request.FirstFrame;
            var last = backward ? null : request.LastFrame;
            if (bound.Contains(Binding.FirstFrame))
            {
                first ??= kind == WorkflowKind.Extension ? await EdgeFrameAsync(context.Media, request.Source!, backward, scratch, ct).ConfigureAwait(false) : null;
                if (first is not null)
                {
                    Bind(graph, Binding.FirstFrame, await client.UploadAsync(first, stem + "-first" + Path.GetExtension(first), ct).ConfigureAwait(false), workflowPath);
                }
            }

            if (last is not null && bound.Contains(Binding.LastFrame))
            {
                Bind(graph, Binding.LastFrame, await client.UploadAsync(last, stem + "-last" + Path.GetExtension(last), ct).ConfigureAwait(false), workflowPath);
            }

            if (kind == WorkflowKind.Extension)
            {
                var source = request.Source!;
                var sourceRate = (await context.Media.ProbeAsync(source.Path, ct).ConfigureAwait(false)).Rate ?? shape.Rate;
                var excerpt = Path.Combine(scratch, "source.mov");
                if (backward)
                {
                    await ResultAdapter.ReverseAsync(context.Media, source.Path, source.FirstFrame, (int)source.FrameCount, shape.Size, sourceRate, excerpt, ct).ConfigureAwait(false);
                }
                else
                {
                    await ResultAdapter.ExcerptAsync(context.Media, source.Path, source.FirstFrame, (int)source.FrameCount, shape.Size, sourceRate, excerpt, ct).ConfigureAwait(false);
                }

                Bind(graph, Binding.SourceVideo, await client.UploadAsync(excerpt, stem + "-source.mov", ct).ConfigureAwait(false), workflowPath);
            }

            context.ReportProgress(0.1, "queueing the prompt");
            using var socket = await client.ConnectAsync(clientId, ct).ConfigureAwait(false);
            queued = true;
            promptId = await client.QueueAsync(graph, clientId, promptId, ct).ConfigureAwait(false);
            var finished = socket is not null && await client.WaitAsync(socket, promptId,
                (fraction, message) => context.ReportProgress(fraction < 0 ? 0.1 : 0.1 + (0.8 * fraction), message), ct).ConfigureAwait(false);
            JsonObject? entry;
            while (true)
            {
                entry = await client.HistoryAsync(promptId, ct).ConfigureAwait(false);
                if (entry is not null && entry["outputs"] is JsonObject { Count: > 0 })
                {
                    break;
                }

                if (finished && entry is not null)
                {
                    throw new PluginException($"ComfyUI at {client.Server} finished prompt {promptId} without outputs; does the workflow {Path.GetFileName(workflowPath)} save a video?") { Code = "NO_OUTPUT" };
                }

                await Task.Delay(pollInterval, ct).ConfigureAwait(false);
            }

            queued = false;
            var output = FindOutput(entry, graph) ?? throw new PluginException(
                $"ComfyUI at {client.Server}: prompt {promptId} has no video under images, gifs or videos (workflow {Path.GetFileName(workflowPath)})")
            { Code = "NO_OUTPUT" };
            context.ReportProgress(0.9, $"downloading {output.Filename}");
            var downloaded = Path.Combine(scratch, "output" + (Path.GetExtension(output.Filename) is { Length: > 0 } ext ? ext : ".mp4"));
            await client.DownloadAsync(output.Filename, output.Subfolder, output.Type, downloaded, ct).ConfigureAwait(false);

            var (path, description) = await ResultAdapter.AdaptAsync(context.Media, downloaded, request.Size, request.Rate, request.FrameCount,
                Path.Combine(scratch, "adapted.mov"), ct).ConfigureAwait(false);
            if (backward)
            {
                var reversed = Path.Combine(scratch, "reversed.mov");
                await ResultAdapter.ReverseAsync(context.Media, path, 0, request.FrameCount, request.Size, request.Rate, reversed, ct).ConfigureAwait(false);
                path = reversed;
            }

            context.ReportProgress(1, "done");
            return new GenerationResult
            {
                VideoPath = path,
                FrameCount = description.FrameCount,
                Size = request.Size,
                Rate = request.Rate,
                Seed = request.Seed,
                ProviderId = ProviderId,
                ProviderVersion = Version,
                ModelId = model.ModelId,
                ModelVersion = model.Version,
                TrainingData = model.TrainingData,
                RemoteTaskId = promptId,
                Warnings = shape.Matches(request) ? [] : [string.Create(CultureInfo.InvariantCulture,
                    $"{model.ModelId} generated {shape.FrameCount} frames at {shape.Size}, {shape.Rate} fps; adapted to {request.FrameCount} frames at {request.Size}, {request.Rate} fps")],
                Metadata = Metadata(client.Server, promptId, kind, workflowPath, shape),
            };
        }
        catch (OperationCanceledException) when (job.IsCancellationRequested)
        {
            if (queued)
            {
                await client.CancelAsync(promptId).ConfigureAwait(false);
            }

            if (linked.IsCancellationRequested)
            {
                throw;
            }

            throw new PluginException(string.Create(CultureInfo.InvariantCulture,
                $"ComfyUI at {client.Server} did not finish prompt {promptId} within {jobTimeout.TotalSeconds:0.#} s (setting timeout_seconds); it was interrupted"))
            { IsTransient = true, Code = "TIMEOUT" };
        }
        catch (PluginException) when (queued)
        {
            await client.CancelAsync(promptId).ConfigureAwait(false);
            throw;
        }
    }

    private ModelTemplate? Find(string? modelId)
    {
        var templates = _catalog.Value.Templates;
        return modelId is null ? templates.FirstOrDefault() : templates.FirstOrDefault(t => t.Capabilities.ModelId == modelId);
    }

    private static (string? Kind, string? Error) KindFor(ModelTemplate template, GenerationRequest request)
    {
        var (kind, what) = request.Mode switch
        {
            GenerationMode.TextToVideo => (WorkflowKind.TextToVideo, "text-to-video"),
            GenerationMode.Extension => (WorkflowKind.Extension, "extension"),
            GenerationMode.ImageToVideo when request.FirstFrame is not null && request.LastFrame is not null => (WorkflowKind.FirstLastFrame, "image-to-video with a first and a last frame"),
            GenerationMode.ImageToVideo when request.LastFrame is not null => (WorkflowKind.LastFrame, "image-to-video ending on a last frame"),
            GenerationMode.ImageToVideo => (WorkflowKind.ImageToVideo, "image-to-video from a first frame"),
            _ => ((string?)null, request.Mode.ToString()),
        };
        if (kind is not null && template.Workflows.ContainsKey(kind))
        {
            if (kind == WorkflowKind.Extension && request.Source is null)
            {
                return (null, "an extension needs the source video");
            }

            return (kind, null);
        }

        return (null, $"model {template.Capabilities.ModelId} has no workflow for {what} (its workflows: {string.Join(", ", template.Workflows.Keys)}; {template.DescriptorPath})");
    }

    private static void Bind(JsonObject graph, string name, JsonNode? value, string workflowPath)
    {
        if (value is not null)
        {
            WorkflowBinder.Bind(graph, name, value, workflowPath);
        }
    }

    private static async Task<string> EdgeFrameAsync(IMediaServices media, SourceVideo source, bool backward, string scratch, CancellationToken cancellationToken)
    {
        var png = Path.Combine(scratch, "edge.png");
        await media.ExtractFrameAsync(source.Path, backward ? source.FirstFrame : source.FirstFrame + source.FrameCount - 1, png, cancellationToken).ConfigureAwait(false);
        return png;
    }

    private sealed record OutputFile(string Filename, string Subfolder, string Type);

    /// <summary>The video the prompt saved: under <c>videos</c>, <c>gifs</c> (VideoHelperSuite) or <c>images</c>
    /// (core SaveVideo, marked <c>animated</c>), preferring the node titled <c>editing.output</c>.</summary>
    private static OutputFile? FindOutput(JsonObject entry, JsonObject graph)
    {
        var outputs = (JsonObject)entry["outputs"]!;
        var preferred = WorkflowBinder.NodesFor(graph, Binding.Output);
        var nodes = outputs.OrderBy(o => preferred.Contains(o.Key) ? 0 : 1).Select(o => o.Value).OfType<JsonObject>();
        string[] videoExtensions = [".mp4", ".webm", ".mov", ".mkv", ".gif", ".webp", ".avi"];
        foreach (var node in nodes)
        {
            foreach (var key in new[] { "videos", "gifs", "images" })
            {
                if (node[key] is not JsonArray files)
                {
                    continue;
                }

                var animated = node["animated"] is JsonArray a && a.Any(x => x is JsonValue v && v.TryGetValue<bool>(out var b) && b);
                foreach (var file in files.OfType<JsonObject>())
                {
                    var name = file["filename"]?.GetValue<string>();
                    if (name is null)
                    {
                        continue;
                    }

                    if (key != "images" || animated || videoExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                    {
                        return new OutputFile(name, file["subfolder"]?.GetValue<string>() ?? "", file["type"]?.GetValue<string>() ?? "output");
                    }
                }
            }
        }

        return null;
    }

    private static JsonElement Metadata(string server, string promptId, string kind, string workflowPath, GenerationShape shape)
    {
        var obj = new JsonObject
        {
            ["server"] = server,
            ["prompt_id"] = promptId,
            ["workflow_kind"] = kind,
            ["workflow"] = Path.GetFileName(workflowPath),
            ["generated_frames"] = shape.FrameCount,
            ["generated_size"] = shape.Size.ToString(),
            ["generated_rate"] = shape.Rate.ToString(),
        };
        using var doc = JsonDocument.Parse(obj.ToJsonString());
        return doc.RootElement.Clone();
    }
}
