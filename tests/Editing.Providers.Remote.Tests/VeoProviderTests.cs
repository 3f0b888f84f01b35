using Editing.Providers.Remote.Tests.Support;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Remote.Tests;

/// <summary><c>editing.veo</c> through the plugin host against a fake of the Gemini API's Veo operations.</summary>
public sealed class VeoProviderTests : IAsyncDisposable
{
    private const string Id = "editing.veo";
    private readonly string _key = Harness.NewKey("AIzaTest");
    private readonly VeoFake _server;
    private readonly Harness _harness = new();

    public VeoProviderTests() => _server = new VeoFake(_key);

    private Dictionary<string, string> Settings => Harness.FastSettings(_server.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        _harness.AssertNoSecret(_key);
        await _harness.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task A_fill_sends_image_and_lastFrame_inline_with_8_seconds_and_the_key_only_in_the_header()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Fill("veo-3.1-generate-preview") with { NegativePrompt = "text overlays" }, Settings, _key);

        var op = Assert.Single(_server.Operations);
        var instance = op.Body["instances"]![0]!;
        Assert.Equal("image/png", instance["image"]!["mimeType"]!.GetValue<string>());
        Assert.Equal("image/png", instance["lastFrame"]!["mimeType"]!.GetValue<string>());
        Assert.Equal("a slow push in", instance["prompt"]!.GetValue<string>());
        var parameters = op.Body["parameters"]!;
        Assert.Equal(("16:9", "720p", 8, 1), (parameters["aspectRatio"]!.GetValue<string>(), parameters["resolution"]!.GetValue<string>(),
            parameters["durationSeconds"]!.GetValue<int>(), parameters["sampleCount"]!.GetValue<int>()));
        Assert.Equal("text overlays", parameters["negativePrompt"]!.GetValue<string>());
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal(_key, r.Header("x-goog-api-key"));
            Assert.DoesNotContain("key=", r.Query, StringComparison.Ordinal);
        });
        Assert.Equal((12L, new PixelSize(320, 180), new VideoRate(24000, 1001)), (result.FrameCount, result.Size, result.Rate));
        Assert.Equal((320, 180, "24000/1001", 12L), VendorMedia.Probe(result.VideoPath));
        Assert.Equal(op.Name, result.RemoteTaskId);
    }

    [Fact]
    public async Task A_tail_extension_on_a_first_frame_model_asks_for_the_shortest_duration()
    {
        var result = await _harness.GenerateAsync(Id, Harness.Extension("veo-3.0-generate-001"), Settings, _key);

        var op = Assert.Single(_server.Operations);
        Assert.Equal(4, op.Body["parameters"]!["durationSeconds"]!.GetValue<int>());
        Assert.Null(op.Body["instances"]![0]!["lastFrame"]);
        Assert.Equal(24, VendorMedia.Probe(result.VideoPath).Frames);
    }

    [Fact]
    public async Task Resource_exhausted_and_internal_errors_are_retried_until_the_video_arrives()
    {
        _server.RateLimitedStarts = 1;
        _server.ServerErrorsOnPoll = 1;
        _server.InternalErrors = 1;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key);

        Assert.Equal(2, _server.Operations.Count);
        Assert.Equal(_server.Operations[1].Name, result.RemoteTaskId);
        Assert.Contains(_harness.Output, l => l.Contains("HTTP 429; retry", StringComparison.Ordinal));
        Assert.Contains(_harness.Output, l => l.Contains("INTERNAL", StringComparison.Ordinal) && l.Contains("retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Safety_filtered_output_is_a_moderation_failure_that_is_not_retried()
    {
        _server.RaiFiltered = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key);

        Assert.Equal("RAI_MEDIA_FILTERED", e.Code);
        Assert.Contains("usage guidelines", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Operations);
    }

    [Fact]
    public async Task A_deleted_file_is_reported_as_an_expired_output()
    {
        _server.ExpireFiles = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key);

        Assert.Equal("expired-output", e.Code);
        Assert.Contains("HTTP 404", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_redirected_to_another_origin_does_not_carry_the_key()
    {
        _server.RedirectDownloads = true;

        var result = await _harness.GenerateAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key);

        var storage = Assert.Single(_server.Seen("GET", "/storage/"));
        Assert.Null(storage.Header("x-goog-api-key"));
        Assert.Equal(24, result.FrameCount);
    }

    [Fact]
    public async Task A_malformed_operation_answer_is_a_clear_error()
    {
        _server.MalformedPoll = true;

        var e = await _harness.FailureAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key);

        Assert.Equal("malformed-response", e.Code);
        Assert.Contains("<html>502 Bad Gateway</html>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_operation_polls_are_retried_then_fail_with_a_timeout()
    {
        _server.PollDelay = TimeSpan.FromSeconds(8);
        var settings = Settings;
        settings["timeout_seconds"] = "1.5";

        var e = await _harness.FailureAsync(Id, Harness.Extension("veo-3.1-generate-preview"), settings, _key);

        Assert.Equal("timeout", e.Code);
        Assert.Contains("in 3 attempts", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Seen("GET", "/v1beta/models/").Count);
    }

    [Fact]
    public async Task An_invalid_key_is_an_authentication_error_naming_the_variable()
    {
        var wrong = Harness.NewKey("AIzaWrong");

        var e = await _harness.FailureAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, wrong);

        Assert.Equal("authentication", e.Code);
        Assert.Contains("GEMINI_API_KEY", e.Message, StringComparison.Ordinal);
        _harness.AssertNoSecret(wrong);
    }

    [Fact]
    public async Task Cancelling_mid_operation_stops_polling_and_says_the_operation_was_abandoned()
    {
        _server.NeverFinish = true;
        using var cts = new CancellationTokenSource();
        var run = _harness.GenerateAsync(Id, Harness.Extension("veo-3.1-generate-preview"), Settings, _key, cts.Token);
        while (_server.Operations.FirstOrDefault() is not { Polls: >= 2 })
        {
            Assert.False(run.IsCompleted, "the operation ended before it was cancelled");
            await Task.Delay(10);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Contains(_harness.Output, l => l.Contains("abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_head_extension_is_refused_because_lastFrame_needs_a_first_frame()
    {
        var request = Harness.Extension("veo-3.1-generate-preview") with { Direction = ExtensionDirection.Backward, FirstFrame = null, LastFrame = VendorMedia.Still() };

        var e = await _harness.FailureAsync(Id, request, Settings, _key);

        Assert.Contains("cannot extend a clip's head", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }
}
