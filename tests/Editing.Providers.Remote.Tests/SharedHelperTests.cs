using System.Net;
using Editing.Providers.Remote;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;
using Polly;

namespace Editing.Providers.Remote.Tests;

/// <summary>The shared remote-provider helpers on their own (settings, retry rules, secrets, model tables, PNG).</summary>
public sealed class SharedHelperTests
{
    private static readonly RemoteDefaults Defaults = new() { BaseUrl = "https://api.example.test", PollSeconds = 6, PollFloorSeconds = 5, PollJitterSeconds = 2 };

    private static RemoteSettings Parse(params (string Key, string Value)[] values) =>
        RemoteSettings.Parse("editing.test", values.ToDictionary(v => v.Key, v => v.Value), Defaults);

    [Fact]
    public void Poll_interval_is_never_below_the_vendor_floor_unless_the_floor_itself_is_lowered()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Parse(("poll_seconds", "1")).PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(0.05), Parse(("poll_seconds", "0.05"), ("poll_floor_seconds", "0.05")).PollInterval);
        var delay = Polling.NextDelay(Parse());
        Assert.InRange(delay, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void Invalid_settings_are_all_reported_at_once_with_their_names()
    {
        var e = Assert.Throws<RemoteProviderException>(() => Parse(("poll_seconds", "soon"), ("max_attempts", "0"), ("training_data", "stolen")));

        Assert.Equal("configuration", e.Code);
        Assert.Contains("poll_seconds = 'soon'", e.Message, StringComparison.Ordinal);
        Assert.Contains("max_attempts = '0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("training_data = 'stolen'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.example.test")]
    [InlineData("https://user:pass@api.example.test")]
    [InlineData("https://api.example.test/?key=abc")]
    [InlineData("ftp://api.example.test")]
    public void A_base_url_that_would_expose_the_key_is_refused(string url)
    {
        var e = Assert.Throws<RemoteProviderException>(() => Parse(("base_url", url)));

        Assert.Contains("base_url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_accepted_for_a_loopback_server()
    {
        Assert.Equal("http://127.0.0.1:8123/v1/", Parse(("base_url", "http://127.0.0.1:8123/v1")).BaseUrl.ToString());
    }

    [Fact]
    public void Training_data_is_undeclared_unless_configured()
    {
        Assert.Equal(TrainingDataDeclaration.Undeclared, Parse().TrainingData);
        Assert.Equal(new TrainingDataDeclaration("owned", "catalogue", "doc-7"),
            Parse(("training_data", "owned"), ("training_data_licence", "catalogue"), ("training_data_reference", "doc-7")).TrainingData);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    public void Only_429_and_5xx_answers_are_retried(int status, bool retried)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(retried, RemoteResilience.ShouldRetry(Outcome.FromResult(response), idempotent: true, Parse()));
    }

    [Fact]
    public void A_Retry_After_beyond_the_limit_and_x_should_retry_false_stop_retries()
    {
        using var tooLong = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        tooLong.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
        using var refused = new HttpResponseMessage(HttpStatusCode.BadGateway);
        refused.Headers.Add("x-should-retry", "false");

        Assert.False(RemoteResilience.ShouldRetry(Outcome.FromResult(tooLong), true, Parse()));
        Assert.Equal(TimeSpan.FromHours(1), RemoteResilience.RetryAfter(tooLong));
        Assert.False(RemoteResilience.ShouldRetry(Outcome.FromResult(refused), true, Parse()));
    }

    [Fact]
    public void Timeouts_are_retried_only_for_idempotent_calls()
    {
        var timeout = Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException());

        Assert.True(RemoteResilience.ShouldRetry(timeout, idempotent: true, Parse()));
        Assert.False(RemoteResilience.ShouldRetry(timeout, idempotent: false, Parse()));
        Assert.False(RemoteResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()), true, Parse()));
    }

    [Fact]
    public void The_scrubber_masks_every_form_of_a_secret()
    {
        var scrubber = new SecretScrubber(["sk/abc+123", null, ""]);

        Assert.Equal("Bearer [secret] and ?k=[secret]", scrubber.Scrub("Bearer sk/abc+123 and ?k=sk%2Fabc%2B123"));
        Assert.Equal("", scrubber.Scrub(null));
    }

    [Fact]
    public void Model_tables_choose_the_nearest_aspect_and_the_shortest_duration_that_holds_the_frames()
    {
        var table = ModelTable.Parse("""
            { "models": [ { "id": "m", "modes": ["image_to_video"], "rate": "24", "durations": [4, 6, 8], "last_frame_durations": [8],
              "sizes": [ { "size": "1280x720", "params": { "ratio": "1280:720" } }, { "size": "720x1280" }, { "size": "1920x1080", "durations": [8] } ],
              "first_frame": true, "last_frame": true } ] }
            """, "test");
        var model = table.Find(null)!;

        var size = model.ChooseSize(new PixelSize(320, 180));
        Assert.Equal(new PixelSize(1280, 720), size.Size);
        Assert.Equal(new PixelSize(720, 1280), model.ChooseSize(new PixelSize(1080, 1920)).Size);
        Assert.Equal(new PixelSize(1920, 1080), model.ChooseSize(new PixelSize(3840, 2160)).Size);
        Assert.Equal(4, model.ChooseDuration(24, size, lastFrame: false));
        Assert.Equal(6, model.ChooseDuration(97, size, lastFrame: false));
        Assert.Equal(8, model.ChooseDuration(24, size, lastFrame: true));
        Assert.Null(model.ChooseDuration(193, size, lastFrame: false));
        Assert.True(model.Capabilities.SupportsLastFrame);
        Assert.Equal(new VideoRate(24, 1), Assert.Single(model.Capabilities.NativeRates));
    }

    [Fact]
    public void A_request_longer_than_the_model_can_make_is_an_error_naming_the_limit()
    {
        var model = ModelTable.Parse("""{ "models": [ { "id": "m", "modes": ["image_to_video", "extension"], "durations": [5, 10], "sizes": [ { "size": "1280x720" } ], "first_frame": true } ] }""", "t").Find("m")!;
        var request = new GenerationRequest
        {
            Mode = GenerationMode.Extension,
            Size = new PixelSize(1920, 1080),
            Rate = new VideoRate(24, 1),
            FrameCount = 300,
            FirstFrame = typeof(SharedHelperTests).Assembly.Location,
        };

        var issues = GenerationPlan.Check(model, request, "editing.test");

        Assert.Contains(issues, i => i.Message.Contains("makes at most 10 s (240 frames at 24 fps); the request needs 300 frames", StringComparison.Ordinal));
    }

    [Fact]
    public void The_png_encoder_writes_a_file_ffmpeg_decodes_to_the_same_size()
    {
        var frame = VideoFrame.Create(7, 3, FramePixelFormat.Rgb24);
        for (var i = 0; i < frame.Pixels.Length; i++)
        {
            frame.Pixels[i] = (byte)(i * 37);
        }

        var path = Path.Combine(Path.GetTempPath(), $"editing-png-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, MediaUpload.EncodePng(frame));
        try
        {
            Assert.Equal("image/png", MediaUpload.MimeTypeOf(path));
            var raw = path + ".rgb";
            Support.VendorMedia.Ffmpeg("-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
            Assert.Equal(frame.Pixels, File.ReadAllBytes(raw));
            File.Delete(raw);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
