using Editing.Providers.Remote.Tests.Support;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing.fal</c> through the plugin host against a fake of fal's queue and Pika's models.</summary>
public sealed class FalProviderTests : IAsyncDisposable
{
    private const string Id = "editing.fal";
    private readonly string _key = Harness.NewKey("fal_key");
    private readonly FalFake _server;
    private readonly Harness _harness = new();

    public FalProviderTests() => _server = new FalFake(_key);

    private Dictionary<string, string> Settings => Harness.FastSettings(_server.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        _harness.AssertNoSecret(_key);
        await _harness.DisposeAsync();
        _server.Dispose();
    }

    /// <summary>A user's model table with one fal model the plugin does not ship.</summary>
    public static string UserModels(string dir)
    {
        var path = Path.Combine(dir, "fal-models.json");
        File.WriteAllText(path, """
            // a studio's own fal model, described as data
            { "models": [ {
              "id": "example-i2v", "display_name": "Example image-to-video", "endpoint": "fal-ai/example/video-model/image-to-video",
              "modes": ["image_to_video", "extension"], "rate": "16",
              "sizes": [ { "size": "1280x720", "params": { "resolution": "720p" } } ],
              "durations": [5, 10], "duration_field": "num_frames", "duration_format": "frames",
              "first_frame": true, "last_frame": false, "seed": true,
              "inputs": { "prompt": "prompt", "seed": "seed", "first_frame": "image_url" },
              "static": { "enable_safety_checker": true }, "output": "video.url"
            } ] }
            """);
        return path;
    }

    [Fact]
    public async Task A_pika_extension_submits_to_the_model_and_polls_the_queue_urls_it_was_given()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key);

        var submitted = Assert.Single(_server.Submitted);
        Assert.Equal("fal-ai/pika/v2.2/image-to-video", submitted.Endpoint);
        Assert.StartsWith("data:image/png;base64,", submitted.Input["image_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("720p", 5, 7L), (submitted.Input["resolution"]!.GetValue<string>(), submitted.Input["duration"]!.GetValue<int>(), submitted.Input["seed"]!.GetValue<long>()));
        Assert.False(string.IsNullOrEmpty(submitted.Input["prompt"]!.GetValue<string>()));
        Assert.NotEmpty(_server.Seen("GET", "/fal-ai/pika/requests/"));
        Assert.All(_server.Requests.Where(r => !r.Path.StartsWith("/files/", StringComparison.Ordinal)), r => Assert.Equal($"Key {_key}", r.Header("authorization")));
        Assert.Equal((320, 180, "24000/1001", 24L), VendorMedia.Probe(result.VideoPath));
        Assert.Equal(submitted.Id, result.RemoteTaskId);
        Assert.Contains(result.Warnings, w => w.Contains("needs a prompt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pikaframes_fill_sends_both_keyframes_and_one_transition()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Fill("pika-2.2-pikaframes"), Settings, _key);

        var input = Assert.Single(_server.Submitted).Input;
        Assert.Equal(2, input["image_urls"]!.AsArray().Count);
        var transition = Assert.Single(input["transitions"]!.AsArray())!;
        Assert.Equal((5, "a slow push in"), (transition["duration"]!.GetValue<int>(), transition["prompt"]!.GetValue<string>()));
        Assert.Equal(12, VendorMedia.Probe(result.VideoPath).Frames);
    }

    [Fact]
    public async Task Pikaframes_without_a_last_frame_is_refused_before_submitting()
    {
        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-pikaframes") with { Mode = GenerationMode.ImageToVideo }, Settings, _key);

        Assert.Contains("needs 2 keyframes", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rate_limits_on_submit_and_server_errors_on_status_are_retried()
    {
        _server.RateLimitedSubmits = 2;
        _server.ServerErrorsOnStatus = 2;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key);

        Assert.Equal(3, _server.Seen("POST", "/fal-ai/pika/v2.2/image-to-video").Count);
        Assert.Single(_server.Submitted);
        Assert.Equal(24, result.FrameCount);
    }

    [Fact]
    public async Task A_content_policy_refusal_in_the_result_is_moderation_and_not_retried()
    {
        _server.ContentPolicy = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key);

        Assert.Equal("content_moderation", e.Code);
        Assert.False(e.IsTransient);
        Assert.Single(_server.Submitted);
        Assert.Single(_server.Seen("GET", $"/fal-ai/pika/requests/{_server.Submitted[0].Id}"), r => !r.Path.EndsWith("/status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_mid_request_puts_the_cancel_url()
    {
        _server.NeverFinish = true;
        using var cts = new CancellationTokenSource();
        var run = _harness.GenerateAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key, cts.Token);
        while (_server.Submitted.FirstOrDefault() is not { Polls: >= 3 })
        {
            Assert.False(run.IsCompleted, "the request ended before it was cancelled");
            await Task.Delay(10);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var cancel = Assert.Single(_server.Seen("PUT", "/fal-ai/pika/requests/"));
        Assert.EndsWith($"{_server.Submitted[0].Id}/cancel", cancel.Path, StringComparison.Ordinal);
        Assert.True(_server.Submitted[0].Cancelled);
    }

    [Fact]
    public async Task An_expired_video_url_is_reported_as_an_expired_output()
    {
        _server.ExpireFiles = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key);

        Assert.Equal("expired-output", e.Code);
    }

    [Fact]
    public async Task Malformed_status_JSON_is_a_clear_error()
    {
        _server.MalformedStatus = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-image-to-video"), Settings, _key);

        Assert.Equal("malformed-response", e.Code);
        Assert.Contains("/status", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_submit_times_out_without_a_second_submission()
    {
        _server.SubmitDelay = TimeSpan.FromSeconds(4);
        var settings = Settings;
        settings["timeout_seconds"] = "0.3";

        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-image-to-video"), settings, _key);

        Assert.Equal("timeout", e.Code);
        Assert.Single(_server.Seen("POST", "/fal-ai/"));
    }

    [Fact]
    public async Task A_model_from_the_users_models_file_is_built_from_its_description()
    {
        var settings = Settings;
        settings["models_file"] = UserModels(_harness.Scratch);

        var result = await _harness.GenerateAsync(Id, Harness.Extension("example-i2v"), settings, _key);

        var submitted = Assert.Single(_server.Submitted);
        Assert.Equal("fal-ai/example/video-model/image-to-video", submitted.Endpoint);
        Assert.Equal(81, submitted.Input["num_frames"]!.GetValue<int>()); // 5 s at 16 fps, frame-count models take n+1
        Assert.True(submitted.Input["enable_safety_checker"]!.GetValue<bool>());
        Assert.Equal((320, 180, "24000/1001", 24L), VendorMedia.Probe(result.VideoPath));
    }

    [Fact]
    public async Task An_invalid_models_file_is_a_configuration_error_naming_the_file_and_field()
    {
        var file = Path.Combine(_harness.Scratch, "bad-models.json");
        Directory.CreateDirectory(_harness.Scratch);
        await File.WriteAllTextAsync(file, """{ "models": [ { "id": "x", "modes": ["teleport"], "sizes": [ { "size": "wide" } ], "durations": [5] } ] }""");
        var settings = Settings;
        settings["models_file"] = file;

        var e = await _harness.FailureAsync(Id, Harness.Extension("pika-2.2-image-to-video"), settings, _key);

        Assert.Equal("configuration", e.Code);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("$.models[0].modes: unknown mode 'teleport'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.models[0].sizes[0].size: 'wide' is not WIDTHxHEIGHT", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Text_to_video_sends_the_aspect_ratio_of_the_nearest_size()
    {
        var request = Harness.Extension("pika-2.2-text-to-video") with { Mode = GenerationMode.TextToVideo, FirstFrame = null, Prompt = "rain at night", Size = new(180, 320) };

        await _harness.GenerateAsync(Id, request, Settings, _key);

        var input = Assert.Single(_server.Submitted).Input;
        Assert.Equal(("9:16", "rain at night"), (input["aspect_ratio"]!.GetValue<string>(), input["prompt"]!.GetValue<string>()));
        Assert.Null(input["image_url"]);
    }
}
