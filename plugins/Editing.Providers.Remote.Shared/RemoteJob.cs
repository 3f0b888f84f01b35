using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote;

/// <summary>What a remote provider is, for <see cref="RemoteJob"/>.</summary>
internal sealed record RemoteProviderSpec
{
    /// <summary><c>editing.runway</c>.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The provider's version.</summary>
    public required string Version { get; init; }

    /// <summary>Vendor defaults for the settings.</summary>
    public required RemoteDefaults Defaults { get; init; }

    /// <summary>The secret's name (<c>api_key</c>).</summary>
    public string SecretName { get; init; } = "api_key";

    /// <summary>The vendor's documented key variable, declared in plugin.json (<c>RUNWAYML_API_SECRET</c>).</summary>
    public required string SecretVariable { get; init; }

    /// <summary>Adds the auth (and version) headers for the key to a request to the API origin.</summary>
    public required Action<HttpRequestHeaders, string> Authorize { get; init; }

    /// <summary>Maps a vendor's own error answers (status, scrubbed body, call) before the generic mapping; null for none.</summary>
    public Func<int, string, string, RemoteProviderException?>? ClassifyError { get; init; }

    /// <summary>The prompt sent when a model needs one and an image request has none.</summary>
    public string DefaultPrompt { get; init; } = "Continue the shot naturally: same subject, framing, lighting and camera movement.";
}

/// <summary>One vendor job's output.</summary>
/// <param name="VideoUrl">Where the video is.</param>
/// <param name="TaskId">The vendor's task/operation/request id.</param>
/// <param name="Authorize">True when the download needs the key (sent only to the API's own origin).</param>
/// <param name="Refresh">Gets a fresh output URL when the first one has expired (Runway: fetch the task again), or null.</param>
internal sealed record JobOutput(Uri VideoUrl, string? TaskId, bool Authorize, Func<CancellationToken, Task<Uri>>? Refresh = null);

/// <summary>What a vendor job function gets.</summary>
internal sealed class JobCall
{
    /// <summary>The HTTP client (base URL, auth, retries).</summary>
    public required RemoteClient Client { get; init; }

    /// <summary>The request mapped onto the model.</summary>
    public required GenerationPlan Plan { get; init; }

    /// <summary>The host's context (media services, logger).</summary>
    public required ProviderContext Context { get; init; }

    /// <summary>The call's settings.</summary>
    public required RemoteSettings Settings { get; init; }

    /// <summary>Started when the job began (for its time limit).</summary>
    public required Stopwatch Clock { get; init; }

    /// <summary>Which attempt of the job this is (1-based).</summary>
    public required int Attempt { get; init; }

    /// <summary>A folder for stills and downloads.</summary>
    public required string Scratch { get; init; }

    /// <summary>The provider id, for messages.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Vendor facts for provenance (endpoint, ratio...); never secrets.</summary>
    public JsonObject Facts { get; } = [];

    /// <summary>Reports job progress (0..1 of the vendor job).</summary>
    public void Progress(double fraction, string message) =>
        Context.ReportProgress(0.05 + (0.8 * Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1)), message);

    /// <summary>Logs a line (scrubbed).</summary>
    public void Log(PluginLogLevel level, string message) => Context.Logger.Log(level, Client.Scrubber.Scrub(message));

    /// <summary>
    /// The request's source excerpt (<see cref="GenerationRequest.Source"/>) as a file of its own at the source's rate
    /// and the plan's size (an upscale keeps the source's size), for vendors that take a video.
    /// </summary>
    public async Task<string> PrepareSourceAsync(CancellationToken cancellationToken)
    {
        var source = Plan.Request.Source ?? throw new RemoteProviderException(RemoteFailure.BadRequest, $"{ProviderId}: the request has no source video");
        var probe = await Context.Media.ProbeAsync(source.Path, cancellationToken).ConfigureAwait(false);
        var rate = probe.Rate ?? Plan.Request.Rate;

        // An upscaler gets the source as it is; other models get it at the size they generate.
        var size = Plan.Request.Mode == GenerationMode.Upscale && probe.Size is { } own ? own : Plan.Size.Size;
        var count = (int)Math.Max(1, Math.Min(source.FrameCount, int.MaxValue));
        var output = Path.Combine(Scratch, $"source-{Guid.NewGuid():N}.mov");
        var writer = Context.Media.CreateWriter(output, new VideoWriteSpec { Size = size, Rate = rate, FrameCount = count });
        await using (writer.ConfigureAwait(false))
        {
            var n = 0;
            await foreach (var frame in Context.Media.ReadFramesAsync(source.Path, source.FirstFrame, count, size, FramePixelFormat.Rgb24, cancellationToken)
                .ConfigureAwait(false))
            {
                await writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                if (++n == count)
                {
                    break;
                }
            }

            if (n != count)
            {
                throw new RemoteProviderException(RemoteFailure.BadRequest, $"{ProviderId}: the source {source.Path} has only {n} of the {count} frames asked for");
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return output;
    }

    /// <summary><paramref name="still"/> scaled to the plan's size as an 8-bit PNG.</summary>
    public Task<string> PrepareStillAsync(string still, string name, CancellationToken cancellationToken) =>
        MediaUpload.PrepareStillAsync(Context.Media, still, Plan.Size.Size, Scratch, name, cancellationToken);
}

/// <summary>
/// The flow every remote provider shares: settings and key, the plan, the vendor job (retried as a whole when the
/// vendor says a failure is worth retrying), the download straight after success (output URLs expire), delivery to
/// the requested shape, and a <see cref="GenerationResult"/> for provenance. Cancellation (the call's token or the
/// context's) stops waits at once; the vendor job function cancels its remote job.
/// </summary>
internal static class RemoteJob
{
    /// <summary>Runs one generation.</summary>
    public static async Task<GenerationResult> RunAsync(RemoteProviderSpec spec, ProviderModels models, GenerationRequest request, ProviderContext context,
        Func<JobCall, CancellationToken, Task<JobOutput>> vendorJob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(vendorJob);
        using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        var token = link.Token;
        var settings = RemoteSettings.Parse(spec.ProviderId, context.Settings, spec.Defaults);
        var table = models.ForCall(settings);
        var model = table.Find(request.ModelId) ?? throw new RemoteProviderException(RemoteFailure.BadRequest,
            $"{spec.ProviderId}: unknown model '{request.ModelId}' (known: {string.Join(", ", table.Models.Select(m => m.Id))})");
        var key = RemoteSettings.RequireSecret(context, spec.ProviderId, spec.SecretName, spec.SecretVariable);
        var scrubber = new SecretScrubber([key]);
        var plan = GenerationPlan.Create(model, request, spec.ProviderId, spec.DefaultPrompt);
        var scratch = Path.Combine(context.ScratchDirectory, $"{spec.ProviderId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        using var client = new RemoteClient(spec.ProviderId, settings, h => spec.Authorize(h, key), scrubber, context.Logger) { ClassifyError = spec.ClassifyError };
        context.ReportProgress(0.01, $"{spec.ProviderId}: {model.Id}, {plan.Seconds} s at {plan.Size.Size}");

        var clock = Stopwatch.StartNew();
        JobOutput? output = null;
        JobCall? call = null;
        for (var attempt = 1; output is null; attempt++)
        {
            call = new JobCall
            {
                Client = client,
                Plan = plan,
                Context = context,
                Settings = settings,
                Clock = clock,
                Attempt = attempt,
                Scratch = scratch,
                ProviderId = spec.ProviderId,
            };
            try
            {
                output = await vendorJob(call, token).ConfigureAwait(false);
            }
            catch (RemoteProviderException e) when (e.RetryJob && attempt < settings.MaxAttempts && clock.Elapsed < settings.JobTimeout)
            {
                var wait = TimeSpan.FromSeconds(settings.RetryBase.TotalSeconds * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble()));
                call.Log(PluginLogLevel.Warning, $"{e.Message}; the job is retried ({attempt + 1} of {settings.MaxAttempts}) in {RemoteResilience.Seconds(wait)} s");
                await Task.Delay(wait, token).ConfigureAwait(false);
            }
        }

        context.ReportProgress(0.86, $"{spec.ProviderId}: downloading the output");
        var downloaded = Path.Combine(scratch, "output.mp4");
        try
        {
            await client.DownloadAsync(output.VideoUrl, downloaded, output.Authorize, token).ConfigureAwait(false);
        }
        catch (RemoteProviderException e) when (e.Failure == RemoteFailure.ExpiredOutput && output.Refresh is not null)
        {
            call!.Log(PluginLogLevel.Warning, $"{e.Message}; asking for a fresh output URL");
            var fresh = await output.Refresh(token).ConfigureAwait(false);
            await client.DownloadAsync(fresh, downloaded, output.Authorize, token).ConfigureAwait(false);
        }

        context.ReportProgress(0.93, $"{spec.ProviderId}: delivering {request.FrameCount} frames at {request.Size}");
        var delivered = await Delivery.DeliverAsync(context.Media, plan, downloaded, scratch, spec.ProviderId, token).ConfigureAwait(false);
        context.ReportProgress(1, $"{spec.ProviderId}: done");

        var facts = call!.Facts;
        facts["vendor_seconds"] = plan.Seconds;
        facts["vendor_size"] = plan.Size.Size.ToString();
        facts["vendor_rate"] = model.Rate.ToString();
        facts["job_attempts"] = call.Attempt;
        facts["seed_sent"] = plan.Seed is not null;
        facts["job_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        using var metadata = JsonDocument.Parse(scrubber.Scrub(facts.ToJsonString()));
        return new GenerationResult
        {
            VideoPath = delivered.Path,
            FrameCount = delivered.FrameCount,
            Size = delivered.Size,
            Rate = delivered.Rate,
            Seed = plan.Seed ?? request.Seed,
            ProviderId = spec.ProviderId,
            ProviderVersion = spec.Version,
            ModelId = model.Id,
            ModelVersion = model.Capabilities.Version,
            TrainingData = settings.TrainingData != TrainingDataDeclaration.Undeclared ? settings.TrainingData : model.Capabilities.TrainingData,
            RemoteTaskId = output.TaskId is null ? null : scrubber.Scrub(output.TaskId),
            Warnings = [.. plan.Warnings.Concat(delivered.Warnings).Select(scrubber.Scrub)],
            Metadata = metadata.RootElement.Clone(),
        };
    }

    /// <summary>Whole seconds in invariant text.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
