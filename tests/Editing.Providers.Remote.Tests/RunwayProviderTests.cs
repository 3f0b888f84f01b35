using System.Text.Json.Nodes;
using Editing.Host.Plugins;
using Editing.Providers.Remote.Tests.Support;
using Editing.Sdk;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing.runway</c> through the plugin host against a fake of Runway's documented API.</summary>
public sealed class RunwayProviderTests : IAsyncDisposable
{
    private const string Id = "editing.runway";
    private readonly string _key = Harness.NewKey("key_runway");
    private readonly RunwayFake _server;
    private readonly Harness _harness = new();

    public RunwayProviderTests() => _server = new RunwayFake(_key);

    private Dictionary<string, string> Settings => Harness.FastSettings(_server.BaseUrl + "/");

    public async ValueTask DisposeAsync()
    {
        _harness.AssertNoSecret(_key);
        await _harness.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task Tail_extension_sends_the_edge_frame_as_first_image_with_auth_and_version_headers_and_delivers_exact_frames()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        var task = Assert.Single(_server.Tasks);
        Assert.Equal("/v1/image_to_video", task.Endpoint);
        Assert.Equal("gen4_turbo", task.Body["model"]!.GetValue<string>());
        Assert.Equal("1280:720", task.Body["ratio"]!.GetValue<string>());
        Assert.Equal(2, task.Body["duration"]!.GetValue<int>()); // 24 frames need 1 s; gen4_turbo's shortest is 2 s
        var image = Assert.Single(task.Body["promptImage"]!.AsArray())!;
        Assert.Equal("first", image["position"]!.GetValue<string>());
        Assert.StartsWith("data:image/png;base64,", image["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(_server.Requests.Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), r =>
        {
            Assert.Equal($"Bearer {_key}", r.Header("authorization"));
            Assert.Equal("2024-11-06", r.Header("x-runway-version"));
        });
        Assert.Null(Assert.Single(_server.Seen("GET", "/outputs/")).Header("authorization"));
        Assert.Equal((24L, new PixelSize(320, 180), new VideoRate(24000, 1001)), (result.FrameCount, result.Size, result.Rate));
        var probe = VendorMedia.Probe(result.VideoPath);
        Assert.Equal((320, 180, "24000/1001", 24L), probe);
        Assert.Equal(task.Id, result.RemoteTaskId);
        Assert.Equal(("editing.runway", "gen4_turbo"), (result.ProviderId, result.ModelId));
        Assert.Equal("undeclared", result.TrainingData.Source);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_then_succeeds()
    {
        _server.RateLimitedCreates = 1;
        _server.RetryAfterSeconds = 1;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(2, _server.Seen("POST", "/v1/image_to_video").Count);
        Assert.Single(_server.Tasks);
        Assert.Equal(24, result.FrameCount);
        Assert.Contains(_harness.Output, l => l.Contains("HTTP 429; retry 1", StringComparison.Ordinal) && l.Contains("in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_on_create_and_poll_are_retried_with_backoff_then_succeed()
    {
        _server.ServerErrorsOnCreate = 2;
        _server.ServerErrorsOnPoll = 2;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(3, _server.Seen("POST", "/v1/image_to_video").Count);
        Assert.Single(_server.Tasks);
        Assert.Equal(24, result.FrameCount);
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_attempts_fails_as_rate_limited_after_max_attempts()
    {
        _server.RateLimitedCreates = 100;
        _server.RetryAfterSeconds = 0;

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("rate-limited", e.Code);
        Assert.True(e.IsTransient);
        Assert.Contains("HTTP 429", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Seen("POST", "/v1/image_to_video").Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_allowed_wait_fails_at_once()
    {
        _server.RateLimitedCreates = 100;
        _server.RetryAfterSeconds = 3600;

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("rate-limited", e.Code);
        Assert.Contains("Retry-After 3600 s", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Seen("POST", "/v1/image_to_video"));
    }

    [Fact]
    public async Task Input_moderation_failure_is_not_retried_names_the_code_and_hides_the_echoed_key()
    {
        _server.FailureCode = "SAFETY.INPUT.TEXT";

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("SAFETY.INPUT.TEXT", e.Code);
        Assert.False(e.IsTransient);
        Assert.Contains("moderation", e.Message, StringComparison.Ordinal);
        Assert.Contains("[secret]", e.Message, StringComparison.Ordinal); // the fake echoes the key in its failure text
        Assert.DoesNotContain(_key, e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Tasks);
    }

    [Fact]
    public async Task An_internal_task_failure_is_retried_as_a_new_task()
    {
        _server.InternalFailures = 1;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(2, _server.Tasks.Count);
        Assert.Equal(_server.Tasks.Last().Id, result.RemoteTaskId);
        Assert.Contains(_harness.Output, l => l.Contains("INTERNAL.BAD_OUTPUT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throttled_task_keeps_waiting_in_the_queue_and_completes()
    {
        _server.ThrottledPolls = 3;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(24, result.FrameCount);
        Assert.True(_server.Tasks.Single().Polls >= 6);
        Assert.Contains(_harness.Output, l => l.Contains("THROTTLED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_cancelled_on_Runways_side_is_reported_as_cancelled()
    {
        _server.VendorCancels = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("CANCELLED", e.Code);
        Assert.Contains("cancelled on Runway's side", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_output_url_fails_with_a_clear_error_after_one_refresh()
    {
        _server.ExpireAllOutputs = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("expired-output", e.Code);
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Seen("GET", "/outputs/").Count);
        Assert.Empty(Directory.EnumerateFiles(_harness.Scratch, "*.part-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_expired_first_url_is_replaced_by_fetching_the_task_again()
    {
        _server.ExpireFirstOutput = true;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(24, result.FrameCount);
        Assert.Equal(2, _server.Seen("GET", "/outputs/").Count);
    }

    [Fact]
    public async Task Cancelling_mid_job_deletes_the_task_on_the_server()
    {
        _server.NeverFinish = true;
        using var cts = new CancellationTokenSource();
        var run = _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key, cts.Token);
        while (_server.Tasks.FirstOrDefault() is not { Polls: >= 3 })
        {
            Assert.False(run.IsCompleted, "the job ended before it was cancelled");
            await Task.Delay(10);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal([_server.Tasks.Single().Id], _server.Deleted);
    }

    [Fact]
    public async Task Cancelling_a_job_in_a_worker_process_still_deletes_the_task()
    {
        _server.NeverFinish = true;
        await using var process = new Harness(PluginRuntime.Process);
        using var cts = new CancellationTokenSource();
        var run = process.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key, cts.Token);
        while (_server.Tasks.FirstOrDefault() is not { Polls: >= 3 })
        {
            Assert.False(run.IsCompleted, "the job ended before it was cancelled");
            await Task.Delay(10);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal([_server.Tasks.Single().Id], _server.Deleted);
        process.AssertNoSecret(_key);
    }

    [Fact]
    public async Task Malformed_JSON_from_the_task_endpoint_is_a_clear_error()
    {
        _server.MalformedPoll = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal("malformed-response", e.Code);
        Assert.Contains("GET /v1/tasks/", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_create_hits_the_request_timeout_and_is_not_repeated()
    {
        _server.CreateDelay = TimeSpan.FromSeconds(5);
        var settings = Settings;
        settings["timeout_seconds"] = "0.3";

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), settings, _key);

        Assert.Equal("timeout", e.Code);
        Assert.Contains("POST /v1/image_to_video got no answer within 0.3 s", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Seen("POST", "/v1/image_to_video"));
    }

    [Fact]
    public async Task A_refused_key_is_an_authentication_error_that_does_not_quote_the_key()
    {
        var wrong = Harness.NewKey("key_wrong");

        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, wrong);

        Assert.Equal("authentication", e.Code);
        Assert.Contains("HTTP 401", e.Message, StringComparison.Ordinal);
        _harness.AssertNoSecret(wrong);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_missing_key_names_the_documented_variable_and_sends_nothing()
    {
        var e = await _harness.FailureAsync(Id, Harness.Extension("gen4_turbo"), Settings, null);

        Assert.Equal("configuration", e.Code);
        Assert.Contains("RUNWAYML_API_SECRET", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_head_extension_is_refused_because_no_Runway_model_ends_on_a_frame_alone()
    {
        var request = Harness.Extension("veo3.1") with { Direction = ExtensionDirection.Backward, FirstFrame = null, LastFrame = VendorMedia.Still() };

        var e = await _harness.FailureAsync(Id, request, Settings, _key);

        Assert.Contains("cannot extend a clip's head", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_fill_on_veo31_sends_first_and_last_images_and_retimes_the_8_second_minimum_into_the_gap()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Fill("veo3.1"), Settings, _key);

        var task = Assert.Single(_server.Tasks);
        Assert.Equal(["first", "last"], task.Body["promptImage"]!.AsArray().Select(i => i!["position"]!.GetValue<string>()));
        Assert.Equal(4, task.Body["duration"]!.GetValue<int>());
        Assert.Equal("a slow push in", task.Body["promptText"]!.GetValue<string>());
        Assert.False(task.Body.ContainsKey("seed")); // Veo through Runway takes no seed
        Assert.Equal(12, VendorMedia.Probe(result.VideoPath).Frames);
        Assert.Contains(result.Warnings, w => w.Contains("retimed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Images_can_go_through_the_upload_endpoint_without_the_key_reaching_the_presigned_url()
    {
        var settings = Settings;
        settings["image_upload"] = "upload";

        await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), settings, _key);

        Assert.Single(_server.Seen("POST", "/v1/uploads"));
        var upload = Assert.Single(_server.Seen("POST", "/upload-target/"));
        Assert.Null(upload.Header("authorization"));
        var image = _server.Tasks.Single().Body["promptImage"]![0]!["uri"]!.GetValue<string>();
        Assert.StartsWith("runway://uploads/", image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gen45_needs_a_prompt_so_an_image_request_without_one_sends_a_neutral_one_and_says_so()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4.5"), Settings, _key);

        Assert.False(string.IsNullOrEmpty(_server.Tasks.Single().Body["promptText"]?.GetValue<string>()));
        Assert.Contains(result.Warnings, w => w.Contains("needs a prompt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Training_data_is_declared_only_by_settings()
    {
        var settings = Settings;
        settings["training_data"] = "licensed";
        settings["training_data_licence"] = "Runway API terms";

        var result = await _harness.GenerateAsync(Id, Harness.Extension("gen4_turbo"), settings, _key);

        Assert.Equal(new TrainingDataDeclaration("licensed", "Runway API terms"), result.TrainingData);
    }

    [Fact]
    public async Task The_descriptor_lists_the_models_of_the_shipped_table_with_their_limits()
    {
        var descriptor = await _harness.DescribeAsync(Id);

        Assert.True(descriptor.Remote);
        Assert.Equal("gen4_turbo", descriptor.Models[0].ModelId);
        var veo = Assert.Single(descriptor.Models, m => m.ModelId == "veo3.1");
        Assert.True(veo.SupportsFirstFrame && veo.SupportsLastFrame);
        Assert.Equal([4, 6, 8], veo.AllowedDurations.Select(d => (int)d.ToSeconds()));
        Assert.Contains(GenerationMode.Extension, descriptor.Models[0].Modes);
        Assert.False(descriptor.Models[0].SupportsLastFrame);
    }

    [Fact]
    public async Task Secrets_reach_a_worker_process_and_never_its_output()
    {
        await using var process = new Harness(PluginRuntime.Process);

        var result = await process.GenerateAsync(Id, Harness.Extension("gen4_turbo"), Settings, _key);

        Assert.Equal(24, result.FrameCount);
        process.AssertNoSecret(_key, JsonNode.Parse(result.Metadata!.Value.GetRawText())!.ToJsonString());
    }

    [Theory]
    [InlineData(GenerationMode.VideoToVideo, "aleph2", "/v1/video_to_video")]
    [InlineData(GenerationMode.Upscale, "magnific_video_upscaler_creative", "/v1/video_upscale")]
    public async Task Video_to_video_and_upscale_upload_the_source_excerpt_and_deliver_its_frames(GenerationMode mode, string model, string endpoint)
    {
        var source = Path.Combine(_harness.Scratch, "source.mp4");
        Directory.CreateDirectory(_harness.Scratch);
        await File.WriteAllBytesAsync(source, VendorMedia.Video(320, 180, "24", 2));
        var request = Harness.Extension(model) with { Mode = mode, FirstFrame = null, Prompt = "make it night", Source = new SourceVideo(source, 6, 24) };

        var result = await _harness.GenerateAsync(Id, request, Settings, _key);

        var task = Assert.Single(_server.Tasks);
        Assert.Equal(endpoint, task.Endpoint);
        Assert.StartsWith("runway://uploads/", task.Body["videoUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(Assert.Single(_server.Seen("POST", "/upload-target/")).Header("authorization"));
        Assert.Equal((320, 180, "24000/1001", 24L), VendorMedia.Probe(result.VideoPath));
    }
}
