using System.Text.Json.Nodes;
using Editing.Providers.Previs;
using Editing.Sdk;
using Editing.Sdk.Providers;
using Editing.Sdk.Versioning;
using Editing.StudioServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Editing.Providers.Local.Tests.Studio;

/// <summary>
/// The real reference server (<see cref="StudioServerApp"/>) on a free 127.0.0.1 port, with a bearer token, serving
/// previs plus two failure-injecting models (<c>broken-1</c> always fails, <c>hold-1</c> runs until cancelled) and a
/// middleware that injects HTTP failures when a test asks. The provider's describe-time settings come from the process
/// environment (workers inherit it), so the studio tests share this server and run one at a time.
/// </summary>
public sealed class StudioServerFixture : IAsyncLifetime
{
    public const string Token = "studio-bearer-7d41e0c2-secret";
    private WebApplication _app = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Answer this many <c>POST /v1/jobs</c> with 503 (Retry-After: 0) first.</summary>
    public int FailCreates { get; set; }

    /// <summary>Answer <c>GET /v1/jobs/{id}</c> with a body that is not JSON.</summary>
    public bool MalformedStatus { get; set; }

    public int CreateAttempts;

    public HoldProvider Hold { get; } = new();

    public async Task InitializeAsync()
    {
        _app = StudioServerApp.Build(new StudioServerOptions
        {
            Token = Token,
            MaxConcurrentJobs = 2,
            Providers = [new PrevisProvider(), new BrokenProvider(), Hold],
        }, configure: app =>
        {
            app.Urls.Add("http://127.0.0.1:0");
            app.Use(async (context, next) =>
            {
                if (context.Request.Method == "POST" && context.Request.Path == "/v1/jobs")
                {
                    Interlocked.Increment(ref CreateAttempts);
                    if (FailCreates > 0)
                    {
                        FailCreates--;
                        context.Response.StatusCode = 503;
                        context.Response.Headers.RetryAfter = "0";
                        context.Response.ContentType = "application/problem+json";
                        await context.Response.WriteAsync("""{"type":"urn:editing-studio:problem:overloaded","title":"Overloaded","status":503,"detail":"all GPUs are busy","code":"overloaded","retryable":true}""");
                        return;
                    }
                }

                if (MalformedStatus && context.Request.Method == "GET" && context.Request.Path.StartsWithSegments("/v1/jobs") && !context.Request.Path.Value!.EndsWith("/result", StringComparison.Ordinal))
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"job_id\": \"x\", \"state\": ");
                    return;
                }

                await next(context);
            });
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Describe-time configuration of the provider, inherited by its worker (see the class summary).
        Environment.SetEnvironmentVariable("EDITING_PROVIDER__EDITING_STUDIO__BASE_URL", BaseUrl);
        Environment.SetEnvironmentVariable("EDITING_SECRET__EDITING_STUDIO__TOKEN", Token);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("EDITING_PROVIDER__EDITING_STUDIO__BASE_URL", null);
        Environment.SetEnvironmentVariable("EDITING_SECRET__EDITING_STUDIO__TOKEN", null);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["base_url"] = BaseUrl, ["poll_seconds"] = "0.05", ["retry_delay_seconds"] = "0.05" };
        foreach (var (k, v) in extra)
        {
            settings[k] = v;
        }

        return settings;
    }

    private static ModelCapabilities Model(string id) => new()
    {
        ModelId = id,
        Modes = [GenerationMode.TextToVideo, GenerationMode.ImageToVideo],
        SupportsFirstFrame = true,
        NativeRates = [new Editing.Sdk.Media.VideoRate(24, 1)],
        FrameGrid = new FrameCountGrid(8, 1),
        SizeMultiple = 32,
        TrainingData = new TrainingDataDeclaration("owned", "studio catalogue"),
    };

    /// <summary>A model whose generation always fails.</summary>
    public sealed class BrokenProvider : IModelProvider
    {
        public ProviderDescriptor Descriptor { get; } = new() { Id = "test.broken", Version = SemanticVersion.Parse("1.0.0"), Models = [Model("broken-1")] };

        public Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken) =>
            throw new PluginException("the catalogue model ran out of GPU memory");
    }

    /// <summary>A model that reports progress and runs until its job is cancelled.</summary>
    public sealed class HoldProvider : IModelProvider
    {
        public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ProviderDescriptor Descriptor { get; } = new() { Id = "test.hold", Version = SemanticVersion.Parse("1.0.0"), Models = [Model("hold-1")] };

        public async Task<GenerationResult> GenerateAsync(GenerationRequest request, ProviderContext context, CancellationToken cancellationToken)
        {
            context.ReportProgress(0.25, "denoising");
            Started.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }

            throw new PluginException("not cancelled in time");
        }
    }
}

[CollectionDefinition("studio")]
public sealed class StudioCollection : ICollectionFixture<StudioServerFixture>;
