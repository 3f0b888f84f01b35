using System.Text.Json.Nodes;
using Editing.Host.Plugins;
using Editing.Providers.Local.Tests.Fakes;
using Editing.Providers.Local.Tests.Support;
using Editing.Sdk.Media;
using Editing.Sdk.Providers;

namespace Editing.Providers.Local.Tests.ComfyUI;

public sealed class ComfyUiProviderTests : IAsyncLifetime
{
    private const string Provider = "editing.comfyui";
    private FakeComfyUi _server = null!;
    private ProviderHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeComfyUi.StartAsync();
        _harness = new ProviderHarness();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["base_url"] = _server.BaseUrl,
            ["retry_delay_seconds"] = "0.05",
            ["poll_seconds"] = "0.05",
        };
        foreach (var (k, v) in extra)
        {
            settings[k] = v;
        }

        return settings;
    }

    [Fact]
    public async Task Shipped_templates_describe_wan_ltx_and_hunyuan_with_their_grids_sizes_and_rates()
    {
        var descriptor = await _harness.DescribeAsync(Provider);

        var wan = descriptor.FindModel("wan2.2-a14b")!;
        Assert.Equal("wan2.2-a14b", descriptor.Models[0].ModelId);
        Assert.Equal((new FrameCountGrid(4, 1), 16, new VideoRate(16, 1)), (wan.FrameGrid, wan.SizeMultiple, wan.NativeRates[0]));
        Assert.True(wan.SupportsFirstFrame && wan.SupportsLastFrame);
        Assert.Contains(GenerationMode.Extension, wan.Modes);
        var ltx = descriptor.FindModel("ltx-video")!;
        Assert.Equal((new FrameCountGrid(8, 1), 32), (ltx.FrameGrid, ltx.SizeMultiple));
        var hunyuan = descriptor.FindModel("hunyuanvideo")!;
        Assert.Equal([GenerationMode.TextToVideo, GenerationMode.ImageToVideo], hunyuan.Modes);
        Assert.False(hunyuan.SupportsLastFrame);
    }

    [Fact]
    public async Task First_and_last_frame_fill_binds_parameters_by_title_uploads_the_frames_and_returns_the_exact_frames()
    {
        var first = _harness.Still("first.png", "testsrc2=size=208x120");
        var last = _harness.Still("last.png", "testsrc2=size=208x120,vflip");
        var request = ProviderHarness.ImageToVideo(first, last, frames: 20) with { Size = new PixelSize(208, 120) };

        var result = await _harness.GenerateAsync(Provider, request, Settings());

        var graph = Assert.Single(_server.Prompts);
        var latent = Node(graph, "WanFirstLastFrameToVideo");
        // 20 frames at 23.976 fps = 0.834 s = 13.3 frames at Wan's 16 fps → 14 → 4n+1 = 17; 208x120 → 832x480 (same aspect).
        Assert.Equal((832, 480, 17), (latent["width"]!.GetValue<int>(), latent["height"]!.GetValue<int>(), latent["length"]!.GetValue<int>()));
        Assert.Equal("rain on the window", Titled(graph, "editing.prompt")["text"]!.GetValue<string>());
        Assert.All(graph.Where(n => n.Value!["class_type"]!.ToString() == "KSamplerAdvanced"), n => Assert.Equal(7, n.Value!["inputs"]!["noise_seed"]!.GetValue<long>()));
        Assert.Equal(16, Node(graph, "CreateVideo")["fps"]!.GetValue<int>());
        var images = graph.Where(n => n.Value!["class_type"]!.ToString() == "LoadImage").Select(n => n.Value!["inputs"]!["image"]!.GetValue<string>()).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, name => Assert.True(_server.Uploads.ContainsKey(name), $"{name} was not uploaded"));
        Assert.Equal((20L, new PixelSize(208, 120), new VideoRate(24000, 1001)), (result.FrameCount, result.Size, result.Rate));
        Assert.Equal(("wan2.2-a14b", Provider), (result.ModelId, result.ProviderId));
        Assert.NotNull(result.RemoteTaskId);
        Assert.True(File.Exists(result.VideoPath));
        lock (_harness.Progress)
        {
            Assert.Contains(_harness.Progress, p => p.Message is { } m && m.StartsWith("step 2/3", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Extension_uploads_the_source_excerpt_and_uses_the_ltx_grid_and_size_multiple()
    {
        var source = _harness.Clip("source.mov");
        var edge = _harness.Still("edge.png");
        var request = ProviderHarness.ImageToVideo(edge, frames: 30, model: "ltx-video") with
        {
            Mode = GenerationMode.Extension,
            Source = new SourceVideo(source, 8, 16),
        };

        var result = await _harness.GenerateAsync(Provider, request, Settings());

        var graph = Assert.Single(_server.Prompts);
        var latent = Node(graph, "EmptyLTXVLatentVideo");
        // 30 frames at 23.976 → 24 fps (nearest native) = 30.03 → 31 → 8n+1 = 33; 160x90 → multiples of 32: 160x96.
        Assert.Equal((160, 96, 33), (latent["width"]!.GetValue<int>(), latent["height"]!.GetValue<int>(), latent["length"]!.GetValue<int>()));
        var video = Node(graph, "LoadVideo")["file"]!.GetValue<string>();
        Assert.True(_server.Uploads.ContainsKey(video));
        Assert.Equal(30L, result.FrameCount);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_prompt_is_accepted()
    {
        _server.FailPrompts = 2;

        var result = await _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings());

        Assert.Equal(3, _server.PromptAttempts);
        Assert.Equal(8L, result.FrameCount);
    }

    [Fact]
    public async Task Execution_error_fails_with_the_node_and_the_server_message()
    {
        _server.FailExecution = true;

        var e = await Assert.ThrowsAsync<PluginCallException>(() =>
            _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings()));

        Assert.Contains("failed in node 23 (SamplerCustom): CUDA out of memory", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.PromptAttempts);
    }

    [Fact]
    public async Task A_malformed_answer_is_a_clear_error_naming_the_call()
    {
        _server.MalformedPrompt = true;

        var e = await Assert.ThrowsAsync<PluginCallException>(() =>
            _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings()));

        Assert.Contains("answered POST /prompt with a malformed response: not JSON: <html>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_hits_the_request_timeout_and_fails_after_the_retries()
    {
        _server.HistoryDelay = TimeSpan.FromSeconds(60);

        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings(("request_timeout_seconds", "2"), ("retries", "1"))));

        Assert.Contains("did not answer GET /history within 2 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_mid_job_interrupts_the_prompt_and_deletes_it_from_the_queue()
    {
        _server.HoldUntilInterrupted = true;
        using var cancel = new CancellationTokenSource();
        var run = _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings(), null, cancel.Token);
        await _server.Running.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Single(_server.Prompts);
        await WaitUntil(() => !_server.Interrupts.IsEmpty && !_server.QueueDeletes.IsEmpty);
        Assert.Equal(_server.Interrupts.Single(), _server.QueueDeletes.Single());
    }

    [Fact]
    public async Task A_workflow_the_server_refuses_names_the_node_errors()
    {
        // Hunyuan has no last-frame workflow: the provider refuses before the server sees anything.
        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first.png"), _harness.Still("last.png"), frames: 8, model: "hunyuanvideo"), Settings()));

        Assert.Contains("model hunyuanvideo has no workflow for image-to-video with a first and a last frame", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.PromptAttempts);
    }

    [Fact]
    public async Task The_auth_token_is_sent_and_never_appears_in_an_error()
    {
        const string token = "tok-5ecret-comfy-0042";
        _server.RequiredToken = token;
        var ok = await _harness.GenerateAsync(Provider, ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings(),
            new Dictionary<string, string> { ["auth_token"] = token });
        Assert.Equal(8L, ok.FrameCount);

        _server.EchoAuthorization = true;
        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first2.png"), frames: 8, model: "ltx-video"), Settings(("retries", "0")), new Dictionary<string, string> { ["auth_token"] = token }));

        Assert.Contains("answered POST /prompt with 500", e.Message, StringComparison.Ordinal);
        Assert.Contains("[secret]", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.StandardError ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_an_unauthorized_error_with_a_hint()
    {
        _server.RequiredToken = "the-right-one-123";

        var e = await Assert.ThrowsAsync<PluginCallException>(() => _harness.GenerateAsync(Provider,
            ProviderHarness.ImageToVideo(_harness.Still("first.png"), frames: 8, model: "ltx-video"), Settings(), new Dictionary<string, string> { ["auth_token"] = "wrong-token-456" }));

        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.Contains("check the auth_token secret", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-456", e.Message, StringComparison.Ordinal);
    }

    private static JsonObject Node(JsonObject graph, string classType) =>
        (JsonObject)graph.Single(n => n.Value!["class_type"]!.ToString() == classType).Value!["inputs"]!;

    private static JsonObject Titled(JsonObject graph, string title) =>
        (JsonObject)graph.Single(n => n.Value!["_meta"]!["title"]!.ToString() == title).Value!["inputs"]!;

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
